import { LONG_TEMPLATE_LENGTH } from './seed-vocabulary';

/** Sizes the chunk statement derives from the requested totals. */
export interface SeedShape {
  /** Largest shift of a payload's status count around the average (see INSERT_CHUNK_SQL). */
  readonly deltaMax: number;
  /** Most statuses a payload gets: the average rounded up plus the largest shift. */
  readonly maxCount: number;
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
  // Keeps the longest lifecycle within a complete template (21) and the shortest at two.
  const deltaMax = Math.max(
    0,
    Math.min(average - 2, Math.floor((LONG_TEMPLATE_LENGTH - 1 - average) / 2)),
  );
  return {
    deltaMax,
    maxCount: Math.ceil(statuses / payloads) + 2 * deltaMax,
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
