/**
 * The request shapes the API benchmark and the EXPLAIN report measure, with random values
 * drawn from the seeded database itself (so every filter hits rows that exist).
 */
import {
  API_ROUTES,
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_STATE_FILTER_VALUES,
  PAYLOAD_SORT_FIELDS,
  SORT_DIRECTIONS,
  STATUS_EXACT_FILTERS,
  STATUS_SORT_FIELDS,
  apiPath,
  timestampBoundParameter,
} from '@payload-tracker/api-contract';
import type {
  PayloadExactFilter,
  PayloadOutcomeTimestampRange,
  PayloadTimestampRange,
  StatusExactFilter,
  StatusTimestampRange,
} from '@payload-tracker/api-contract';
import { Client } from 'pg';

/** Which budget a shape falls under. */
export type ShapeGroup = 'payload' | 'payloads' | 'statuses' | 'stats-1h' | 'stats-24h';

/** One kind of request; `path` draws fresh random values on every call. */
export interface RequestShape {
  readonly name: string;
  readonly group: ShapeGroup;
  readonly path: () => string;
}

/** Values sampled from the seeded tables. */
export interface SampleValues {
  readonly requestIds: readonly string[];
  readonly accounts: readonly string[];
  readonly orgIds: readonly string[];
  readonly inventoryIds: readonly string[];
  readonly systemIds: readonly string[];
  readonly services: readonly string[];
  readonly sources: readonly string[];
  readonly statuses: readonly string[];
  readonly statusMsgs: readonly string[];
  /** Epoch milliseconds: first and last `payloads.created_at`. */
  readonly payloadCreatedAt: readonly [number, number];
  /** Epoch milliseconds: first and last `payload_statuses.date`. */
  readonly statusDate: readonly [number, number];
  /** Epoch milliseconds: first and last `payload_statuses.created_at`. */
  readonly statusCreatedAt: readonly [number, number];
  /** Services some payload failed in (`payload_outcomes.failed_service_id`). */
  readonly failedServices: readonly string[];
  /** Epoch milliseconds: first and last `payload_outcomes.last_status_at`. */
  readonly lastStatusAt: readonly [number, number];
}

const HOUR_MS = 3_600_000;

function pick<T>(values: readonly T[]): T {
  const value = values[Math.floor(Math.random() * values.length)];
  if (value === undefined) {
    throw new Error('no sampled values to pick from: is the database seeded?');
  }
  return value;
}

function columnOf(rows: readonly Record<string, unknown>[], column: string): string[] {
  return [
    ...new Set(rows.map((row) => row[column]).filter((v): v is string => typeof v === 'string')),
  ];
}

function epochRange(row: Record<string, unknown> | undefined): [number, number] {
  const low = row?.['low'];
  const high = row?.['high'];
  if (typeof low !== 'string' || typeof high !== 'string') {
    throw new Error('empty table: seed the database first (--seed)');
  }
  return [Date.parse(low), Date.parse(high)];
}

/** Samples filter values from the database (about 2,000 payloads, 500 status messages). */
export async function sampleValues(databaseUrl: string): Promise<SampleValues> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Timestamps as ISO text with a `T`, so Date.parse reads them whatever the session's type parsers do.
    const iso = (column: string): string =>
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    const payloads = await client.query<Record<string, unknown>>(
      `SELECT request_id, account, org_id, inventory_id, system_id
       FROM payloads TABLESAMPLE BERNOULLI (0.2)`,
    );
    const names = async (table: string): Promise<string[]> =>
      columnOf(
        (await client.query<Record<string, unknown>>(`SELECT name FROM ${table}`)).rows,
        'name',
      );
    const messages = await client.query<Record<string, unknown>>(
      `SELECT DISTINCT status_msg FROM payload_statuses TABLESAMPLE SYSTEM (1)
       WHERE status_msg IS NOT NULL LIMIT 500`,
    );
    const range = async (table: string, column: string): Promise<[number, number]> =>
      epochRange(
        (
          await client.query<Record<string, unknown>>(
            `SELECT ${iso(`min(${column})`)} AS low, ${iso(`max(${column})`)} AS high FROM ${table}`,
          )
        ).rows[0],
      );
    return {
      requestIds: columnOf(payloads.rows, 'request_id'),
      accounts: columnOf(payloads.rows, 'account'),
      orgIds: columnOf(payloads.rows, 'org_id'),
      inventoryIds: columnOf(payloads.rows, 'inventory_id'),
      systemIds: columnOf(payloads.rows, 'system_id'),
      services: await names('services'),
      sources: await names('sources'),
      statuses: await names('statuses'),
      statusMsgs: columnOf(messages.rows, 'status_msg'),
      payloadCreatedAt: await range('payloads', 'created_at'),
      statusDate: await range('payload_statuses', 'date'),
      statusCreatedAt: await range('payload_statuses', 'created_at'),
      failedServices: columnOf(
        (
          await client.query<Record<string, unknown>>(
            `SELECT DISTINCT sv.name FROM payload_groups g JOIN services sv ON sv.id = g.service_id
              WHERE g.failure_count > 0`,
          )
        ).rows,
        'name',
      ),
      lastStatusAt: await range('payload_outcomes', 'last_status_at'),
    };
  } finally {
    await client.end();
  }
}

function randomInstant([low, high]: readonly [number, number]): number {
  return low + Math.floor(Math.random() * (high - low));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

type TimestampRange = PayloadTimestampRange | PayloadOutcomeTimestampRange | StatusTimestampRange;

/** A one-hour window at a random place: `<name>_gte=...&<name>_lt=...`. */
function window(name: TimestampRange, range: readonly [number, number]): string {
  const start = randomInstant([range[0], range[1] - HOUR_MS]);
  return `${timestampBoundParameter(name, 'gte')}=${iso(start)}&${timestampBoundParameter(name, 'lt')}=${iso(start + HOUR_MS)}`;
}

/** One bound at a random place: `<name>_lt=...`. */
function bound(
  name: TimestampRange,
  suffix: 'lt' | 'gt',
  range: readonly [number, number],
): [string, () => string] {
  const parameter = timestampBoundParameter(name, suffix);
  return [parameter, () => `${parameter}=${iso(randomInstant(range))}`];
}

/** One exact-match filter with a sampled value: `<name>=...`. */
function exact<Filter extends string>(
  name: Filter,
  samples: Readonly<Record<Filter, readonly string[]>>,
): [string, () => string] {
  return [name, () => `${name}=${encodeURIComponent(pick(samples[name]))}`];
}

/**
 * Every shape the budget names: one payload by id, each payload filter, each payload sort in
 * both directions, each status filter, each status sort in both directions. Sort-only shapes
 * ask for a random one of the first ten pages.
 */
export function requestShapes(values: SampleValues): RequestShape[] {
  const page = (): number => Math.floor(Math.random() * 10);
  const payloadsPath = apiPath(API_ROUTES.listPayloads);
  const statusesPath = apiPath(API_ROUTES.listStatuses);
  const shapes: RequestShape[] = [
    {
      name: 'payload by request_id',
      group: 'payload',
      path: () => apiPath(API_ROUTES.getPayloadStatuses, { request_id: pick(values.requestIds) }),
    },
  ];
  // Keyed by the contract's filters: a filter added there needs sample values here.
  const payloadSamples: Record<PayloadExactFilter, readonly string[]> = {
    request_id: values.requestIds,
    account: values.accounts,
    org_id: values.orgIds,
    inventory_id: values.inventoryIds,
    system_id: values.systemIds,
  };
  const payloadFilters: [string, () => string][] = [
    ...PAYLOAD_EXACT_FILTERS.map((filter) => exact(filter, payloadSamples)),
    ['created_at 1h window', () => window('created_at', values.payloadCreatedAt)],
    bound('created_at', 'lt', values.payloadCreatedAt),
    // The outcome filters (outcomes.md).
    ...PAYLOAD_STATE_FILTER_VALUES.map((state): [string, () => string] => [
      `state=${state}`,
      () => `state=${state}`,
    ]),
    ['state=failed,stalled', () => 'state=failed,stalled'],
    ['failed_service', () => `failed_service=${encodeURIComponent(pick(values.failedServices))}`],
    ['last_status_at 1h window', () => window('last_status_at', values.lastStatusAt)],
    bound('last_status_at', 'lt', values.lastStatusAt),
    bound('last_status_at', 'gt', values.lastStatusAt),
  ];
  for (const [name, query] of payloadFilters) {
    shapes.push({
      name: `payloads ?${name}`,
      group: 'payloads',
      path: () => `${payloadsPath}?${query()}`,
    });
  }
  for (const sort of PAYLOAD_SORT_FIELDS) {
    for (const dir of SORT_DIRECTIONS) {
      shapes.push({
        name: `payloads sort ${sort} ${dir}`,
        group: 'payloads',
        path: () => `${payloadsPath}?sort_by=${sort}&sort_dir=${dir}&page=${page().toString()}`,
      });
    }
  }
  const statusSamples: Record<StatusExactFilter, readonly string[]> = {
    service: values.services,
    source: values.sources,
    status: values.statuses,
    status_msg: values.statusMsgs,
    request_id: values.requestIds,
  };
  const statusFilters: [string, () => string][] = [
    ...STATUS_EXACT_FILTERS.map((filter) => exact(filter, statusSamples)),
    ['date 1h window', () => window('date', values.statusDate)],
    bound('date', 'lt', values.statusDate),
    ['created_at 1h window', () => window('created_at', values.statusCreatedAt)],
    bound('created_at', 'lt', values.statusCreatedAt),
    bound('created_at', 'gt', values.statusCreatedAt),
  ];
  for (const [name, query] of statusFilters) {
    shapes.push({
      name: `statuses ?${name}`,
      group: 'statuses',
      path: () => `${statusesPath}?${query()}`,
    });
  }
  for (const sort of STATUS_SORT_FIELDS) {
    for (const dir of SORT_DIRECTIONS) {
      shapes.push({
        name: `statuses sort ${sort} ${dir}`,
        group: 'statuses',
        path: () => `${statusesPath}?sort_by=${sort}&sort_dir=${dir}&page=${page().toString()}`,
      });
    }
  }
  // Service health over a window that lies inside the data and the retention window.
  const statsPath = apiPath(API_ROUTES.getServiceStats);
  for (const [group, hours] of [
    ['stats-1h', 1],
    ['stats-24h', 24],
  ] as const) {
    shapes.push({
      name: `stats/services ${hours.toString()}h window`,
      group,
      path: () => {
        const newest = Math.min(values.lastStatusAt[1], Date.now());
        const oldest = Math.max(values.lastStatusAt[0], Date.now() - 6 * 24 * HOUR_MS);
        const until = randomInstant([oldest + hours * HOUR_MS, newest]);
        return `${statsPath}?since=${iso(until - hours * HOUR_MS)}&until=${iso(until)}`;
      },
    });
  }
  return shapes;
}

/** Budget of a shape's single-client p99, in milliseconds (outcomes.md for the stats). */
export function p99BudgetMs(group: ShapeGroup): number {
  if (group === 'payload') {
    return 10;
  }
  return group === 'stats-24h' ? 200 : 50;
}
