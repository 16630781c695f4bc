import { parseArgs } from 'node:util';

/** Everything the seed CLI takes, after defaults. */
export interface SeedOptions {
  readonly databaseUrl: string;
  readonly payloads: number;
  /** Total status rows; exactly this many are inserted. */
  readonly statuses: number;
  /** Dates spread over the last `days` days. */
  readonly days: number;
  /** Payloads per INSERT statement. */
  readonly chunk: number;
  /** Statements running at once, each on its own connection. */
  readonly jobs: number;
  /** Payloads that fail in one service (its last status `error`/`failed`, with a message). */
  readonly errorShare: number;
  /** Payloads that stop midway: their last group never finishes. */
  readonly stallShare: number;
  readonly isTruncate: boolean;
  readonly isVacuum: boolean;
  readonly isHelp: boolean;
}

/** Text of `--help`. */
export const SEED_USAGE = `Usage: seed [options]
Fills a migrated database ($DATABASE_URL) with realistic payloads and statuses, server-side.

  --payloads <n>              payloads to insert (default 1000000)
  --statuses-per-payload <n>  average statuses per payload (default 10)
  --statuses <n>              total statuses instead (at least one per payload)
  --days <n>                  spread dates over the last n days (default $RETENTION_DAYS or 7)
  --chunk <n>                 payloads per INSERT statement (default 50000)
  --jobs <n>                  statements in parallel (default 2)
  --error-share <0..1>        payloads that fail in a service, last status error/failed
                              with a status_msg (default 0.05)
  --stall-share <0..1>        payloads that stop midway, no final success (default 0.03);
                              stalled once their last status is 60 min old
  --truncate                  empty payloads and payload_statuses first
  --no-vacuum                 ANALYZE only, no VACUUM, after seeding
  --help
The rest succeed: every service's group ends with success. Then every seeded payload gets its
outcome (OutcomeBackfill). Adds rows on every run (new request ids). Prints progress on stderr
and a JSON summary with the payloads per planned outcome.`;

function integerOption(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text.replaceAll('_', ''));
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`--${name} must be an integer >= ${min}, got '${text}'`);
  }
  return value;
}

function shareOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`--${name} must be in [0, 1], got '${text}'`);
  }
  return value;
}

/**
 * Parses CLI arguments (`argv` without node and script) with `env` fallbacks.
 *
 * @throws RangeError naming the offending flag or variable.
 */
export function parseSeedOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SeedOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      payloads: { type: 'string' },
      'statuses-per-payload': { type: 'string' },
      statuses: { type: 'string' },
      days: { type: 'string' },
      chunk: { type: 'string' },
      jobs: { type: 'string' },
      'error-share': { type: 'string' },
      'stall-share': { type: 'string' },
      truncate: { type: 'boolean' },
      'no-vacuum': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const isHelp = values.help ?? false;
  const databaseUrl = env['DATABASE_URL'] ?? '';
  if (databaseUrl === '' && !isHelp) {
    throw new RangeError('DATABASE_URL must point at a migrated database');
  }
  const payloads = integerOption('payloads', values.payloads, 1_000_000, 1);
  if (values.statuses !== undefined && values['statuses-per-payload'] !== undefined) {
    throw new RangeError('give either --statuses or --statuses-per-payload, not both');
  }
  const statuses =
    values.statuses !== undefined
      ? integerOption('statuses', values.statuses, 0, payloads)
      : payloads * integerOption('statuses-per-payload', values['statuses-per-payload'], 10, 1);
  const errorShare = shareOption('error-share', values['error-share'], 0.05);
  const stallShare = shareOption('stall-share', values['stall-share'], 0.03);
  if (errorShare + stallShare > 1) {
    throw new RangeError('--error-share and --stall-share must add up to at most 1');
  }
  return {
    databaseUrl,
    payloads,
    statuses,
    days: integerOption('days', values.days ?? env['RETENTION_DAYS'], 7, 1),
    chunk: integerOption('chunk', values.chunk, 50_000, 1),
    jobs: integerOption('jobs', values.jobs, 2, 1),
    errorShare,
    stallShare,
    isTruncate: values.truncate ?? false,
    isVacuum: !(values['no-vacuum'] ?? false),
    isHelp,
  };
}
