import type { DatabaseKind } from './go-edition-detection';

/** Why adoption refused a database: the kind {@link detectDatabase} found. */
export type AdoptionRefusalCode = Exclude<DatabaseKind, 'go-edition' | 'adopting' | 'adopted'>;

/**
 * Adoption refused to touch a database it does not recognise as the Go edition's (empty,
 * already ours, or another shape). Nothing was changed.
 */
export class AdoptionRefusedError extends Error {
  constructor(
    readonly code: AdoptionRefusalCode,
    readonly findings: readonly string[],
  ) {
    super(`adopt refused: the database is ${code.replace('_', ' ')}: ${findings.join('; ')}`);
    this.name = 'AdoptionRefusedError';
  }
}
