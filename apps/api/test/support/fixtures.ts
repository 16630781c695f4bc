import type { SeedPayload, SeedStatus, SeededPayload } from './seed-data';

/** Request ids: 32 hex digits, as the platform sends them. */
export const R1 = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
export const R2 = 'b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2';
export const R3 = '3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c';
export const R4 = 'd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4';
export const R5 = 'e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5';
/** A well-formed request id nobody used. */
export const UNKNOWN_REQUEST_ID = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';

function status(
  service: string,
  source: string | null,
  state: string,
  statusMsg: string | null,
  date: string,
  createdAt: string,
): SeedStatus {
  return { service, source, status: state, statusMsg, date, createdAt };
}

/**
 * Names, messages and ids use lower-case ASCII letters and digits only, so alphabetical order is
 * the same under any collation. Ties are deliberate (same created_at, same date, same account)
 * so that the tie-break on the row id is exercised.
 */
export const PAYLOADS: readonly SeedPayload[] = [
  {
    requestId: R1,
    account: '1001',
    orgId: 'orgb',
    inventoryId: 'inv1',
    systemId: 'sys1',
    createdAt: '2026-11-20T10:00:00.123456Z',
    statuses: [
      status(
        'ingress',
        null,
        'received',
        null,
        '2026-11-20T10:00:00.123456Z',
        '2026-11-20T10:00:01.000000Z',
      ),
      status(
        'ingress',
        null,
        'success',
        'uploaded',
        '2026-11-20T10:00:01.623456Z',
        '2026-11-20T10:00:02.000000Z',
      ),
      status(
        'puptoo',
        'client',
        'received',
        null,
        '2026-11-20T10:00:02.000000Z',
        '2026-11-20T10:00:03.000000Z',
      ),
      status(
        'puptoo',
        'client',
        'processing',
        null,
        '2026-11-20T10:00:03.500000Z',
        '2026-11-20T10:00:03.000000Z',
      ),
      status(
        'puptoo',
        'client',
        'success',
        'extracted',
        '2026-11-20T10:00:05.625456Z',
        '2026-11-20T10:00:06.000000Z',
      ),
      status(
        'inventory',
        'inventory',
        'error',
        'hostmissing',
        '2026-11-20T10:00:06.000000Z',
        '2026-11-20T10:00:07.000000Z',
      ),
    ],
  },
  {
    requestId: R2,
    account: '1000',
    orgId: 'orga',
    inventoryId: null,
    systemId: 'sys2',
    createdAt: '2026-11-20T11:00:00.000001Z',
    statuses: [
      status(
        'ingress',
        null,
        'received',
        null,
        '2026-11-20T11:00:00.000001Z',
        '2026-11-20T11:00:01.000000Z',
      ),
      status(
        'ingress',
        null,
        'error',
        'timeout',
        '2026-11-21T12:30:00.000001Z',
        '2026-11-21T12:30:01.000000Z',
      ),
    ],
  },
  {
    requestId: R3,
    account: null,
    orgId: 'orgb',
    inventoryId: 'inv3',
    systemId: null,
    createdAt: '2026-11-21T09:30:00.500000Z',
    statuses: [
      status(
        'advisor',
        'client',
        'received',
        null,
        '2026-11-21T09:30:00.500000Z',
        '2026-11-21T09:30:01.000000Z',
      ),
      status(
        'advisor',
        'client',
        'success',
        'extracted',
        '2026-11-21T09:30:00.500000Z',
        '2026-11-21T09:30:01.000000Z',
      ),
    ],
  },
  {
    requestId: R4,
    account: '1001',
    orgId: null,
    inventoryId: 'inv0',
    systemId: 'sys0',
    createdAt: '2026-11-21T09:30:00.500000Z',
    statuses: [
      status(
        'ingress',
        null,
        'received',
        null,
        '2026-11-21T09:30:00.500000Z',
        '2026-11-21T09:31:00.000000Z',
      ),
    ],
  },
  {
    requestId: R5,
    account: '1002',
    orgId: 'orgc',
    inventoryId: 'inv9',
    systemId: 'sys9',
    createdAt: '2026-11-22T00:00:00.000000Z',
    statuses: [],
  },
];

/** A payload as `GET /payloads` should show it. */
export interface ExpectedPayload {
  readonly id: number;
  readonly request_id: string;
  readonly account?: string;
  readonly org_id?: string;
  readonly inventory_id?: string;
  readonly system_id?: string;
  readonly created_at: string;
}

/** A status as `GET /statuses` should show it. */
export interface ExpectedStatus {
  readonly id: number;
  readonly request_id: string;
  readonly service: string;
  readonly source?: string;
  readonly status: string;
  readonly status_msg?: string;
  readonly date: string;
  readonly created_at: string;
}

function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null)) as T;
}

export function expectedPayloads(seeded: readonly SeededPayload[]): ExpectedPayload[] {
  return seeded.map((payload) =>
    present({
      id: payload.id,
      request_id: payload.requestId,
      account: payload.account ?? undefined,
      org_id: payload.orgId,
      inventory_id: payload.inventoryId,
      system_id: payload.systemId,
      created_at: payload.createdAt,
    } as ExpectedPayload),
  );
}

export function expectedStatuses(seeded: readonly SeededPayload[]): ExpectedStatus[] {
  return seeded.flatMap((payload) =>
    payload.statuses.map((entry, index) =>
      present({
        id: payload.statusIds[index] ?? -1,
        request_id: payload.requestId,
        service: entry.service,
        source: entry.source,
        status: entry.status,
        status_msg: entry.statusMsg,
        date: entry.date,
        created_at: entry.createdAt,
      } as ExpectedStatus),
    ),
  );
}

/**
 * Orders rows as the API must: by `key` (absent values last ascending, first descending, as
 * PostgreSQL does), ties by id in the same direction.
 */
export function sortedLikeApi<Row extends { id: number }>(
  rows: readonly Row[],
  key: keyof Row,
  direction: 'asc' | 'desc',
): Row[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = a[key] as unknown as string | undefined;
    const right = b[key] as unknown as string | undefined;
    if (left !== right) {
      if (left === undefined) return sign;
      if (right === undefined) return -sign;
      return (left < right ? -1 : 1) * sign;
    }
    return (a.id - b.id) * sign;
  });
}
