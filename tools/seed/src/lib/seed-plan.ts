import { LONG_TEMPLATES, LONG_TEMPLATE_LENGTH, SHORT_TEMPLATES } from './seed-vocabulary';
import type { TemplateStep } from './seed-vocabulary';

/** Sizes the chunk statement derives from the requested totals. */
export interface SeedShape {
  /** Largest shift of a payload's status count around the average (see INSERT_CHUNK_SQL). */
  readonly deltaMax: number;
  readonly hostCount: number;
  readonly accountCount: number;
}

/** Inclusive range of payload numbers (1-based) handled by one statement. */
export interface ChunkRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Hosts upload about five times over the window and accounts own about ten hosts, so an
 * `inventory_id` filter finds a handful of payloads and an `account` filter a few dozen.
 */
export function planSeedShape(payloads: number, statuses: number): SeedShape {
  const average = Math.floor(statuses / payloads);
  const hostCount = Math.max(1, Math.round(payloads / 5));
  return {
    // Keeps the longest lifecycle within a complete template (21) and the shortest at two.
    deltaMax: Math.max(
      0,
      Math.min(average - 2, Math.floor((LONG_TEMPLATE_LENGTH - 1 - average) / 2)),
    ),
    hostCount,
    accountCount: Math.max(1, Math.round(hostCount / 10)),
  };
}

export function planChunks(payloads: number, chunk: number): ChunkRange[] {
  const ranges: ChunkRange[] = [];
  for (let from = 1; from <= payloads; from += chunk) {
    ranges.push({ from, to: Math.min(payloads, from + chunk - 1) });
  }
  return ranges;
}

/**
 * Long templates then short ones, each padded to 21 slots so the SQL can index
 * `template * 21 + step`; padding slots are never reached (short templates serve payloads of
 * at most seven statuses).
 */
export function flattenTemplates(): TemplateStep[] {
  return [...LONG_TEMPLATES, ...SHORT_TEMPLATES].flatMap((template) => {
    const last = template[template.length - 1];
    if (last === undefined) {
      throw new RangeError('empty lifecycle template');
    }
    return Array.from({ length: LONG_TEMPLATE_LENGTH }, (_, index) => template[index] ?? last);
  });
}
