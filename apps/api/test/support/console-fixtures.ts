import { DatabasePool, StatusBatchWriter } from '@payload-tracker/entities';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

const SECOND = 1_000_000n;
const MINUTE = 60n * SECOND;

/** Request ids of the console's fixture uploads (32 hex digits). */
export const CONSOLE_UPLOADS = {
  failed: 'fa11ed00000000000000000000000001',
  succeeded: '5acc0000000000000000000000000002',
  inProgress: '1a000000000000000000000000000003',
  stalled: '57a11ed0000000000000000000000004',
  otherAccount: '0be00000000000000000000000000005',
} as const;

/** The account most fixture uploads belong to, and the one the last belongs to. */
export const CONSOLE_ACCOUNT = '6089719';
export const OTHER_ACCOUNT = '540155';
export const CONSOLE_ORG = '11789772';

/** The failure of {@link CONSOLE_UPLOADS.failed}: where, and what it said. */
export const FAILURE = {
  service: 'puptoo',
  message: 'the archive is not a valid tarball',
} as const;

/**
 * A handful of uploads dated just before `now`, written through the ingester's own
 * StatusBatchWriter (so outcomes, groups and the stats buckets are maintained exactly as in
 * production): one failed in puptoo after 2 min 03 s in it (ingress took 5.6 s), one succeeded,
 * one in progress, one stalled (its last status 2 h old), one of another account.
 */
export async function writeConsoleFixtures(databaseUrl: string, now: bigint): Promise<void> {
  const at = (minutesAgo: number, microsLater = 0n): bigint =>
    now - BigInt(minutesAgo) * MINUTE + microsLater;
  const message = (
    requestId: string,
    service: string,
    source: string | null,
    status: string,
    date: bigint,
    statusMsg: string | null = null,
    account = CONSOLE_ACCOUNT,
  ): StatusMessage => ({
    requestId,
    service,
    source,
    status,
    date,
    statusMsg,
    account,
    orgId: CONSOLE_ORG,
    inventoryId:
      requestId === CONSOLE_UPLOADS.failed ? '0c0ffee0-0000-4000-8000-000000000001' : null,
    systemId: null,
  });
  const { failed, succeeded, inProgress, stalled, otherAccount } = CONSOLE_UPLOADS;
  const pool = new DatabasePool({
    connectionString: databaseUrl,
    max: 2,
    options: '-c TimeZone=UTC',
  });
  try {
    await new StatusBatchWriter(pool).write([
      message(failed, 'ingress', null, 'received', at(30, 123_456n)),
      message(failed, 'ingress', null, 'success', at(30, 5_748_456n)),
      message(failed, 'puptoo', 'client', 'received', at(29)),
      message(failed, 'puptoo', 'client', 'processing', at(28)),
      message(failed, 'puptoo', 'client', 'error', at(27, 3n * SECOND), FAILURE.message),
      message(succeeded, 'ingress', null, 'received', at(20)),
      message(succeeded, 'ingress', null, 'success', at(20, 1_500_000n)),
      message(succeeded, 'puptoo', 'client', 'received', at(19)),
      message(succeeded, 'puptoo', 'client', 'success', at(19, 12n * SECOND)),
      message(succeeded, 'inventory', null, 'received', at(18)),
      message(succeeded, 'inventory', null, 'success', at(17)),
      message(inProgress, 'ingress', null, 'received', at(2)),
      message(inProgress, 'ingress', null, 'success', at(2, 800_000n)),
      message(inProgress, 'puptoo', 'client', 'received', at(1)),
      message(stalled, 'ingress', null, 'received', at(125)),
      message(stalled, 'ingress', null, 'success', at(125, 2n * SECOND)),
      message(stalled, 'inventory', null, 'received', at(120)),
      message(otherAccount, 'ingress', null, 'received', at(10), null, OTHER_ACCOUNT),
      message(otherAccount, 'ingress', null, 'success', at(10, SECOND), null, OTHER_ACCOUNT),
    ]);
  } finally {
    await pool.close();
  }
}
