import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { PayloadGroup, StatusBatchWriteResult } from '@payload-tracker/entities';
import { payloadGroupKey } from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

import { validateEnvironmentVariables } from '@payload-tracker/platform';

import { EnvironmentVariables } from '../config/environment-variables';
import { IngesterMetricsService } from '../metrics/ingester-metrics.service';
import { StoredStatusRecorder } from './stored-status.recorder';

const OLD = 'a'.repeat(32);
const NEW = 'b'.repeat(32);

function status(requestId: string, state: string, second: number): StatusMessage {
  return {
    requestId,
    service: 'puptoo',
    status: state,
    source: null,
    date: BigInt(second) * 1_000_000n,
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
  };
}

/** Answers group starts from a table, or fails; records what it was asked. */
class FakeGroupStarts {
  readonly asked: PayloadGroup[][] = [];
  failure: Error | undefined;

  constructor(private readonly starts: ReadonlyMap<string, bigint>) {}

  earliestDates(groups: readonly PayloadGroup[]): Promise<Map<string, bigint>> {
    this.asked.push([...groups]);
    return this.failure === undefined
      ? Promise.resolve(new Map(this.starts))
      : Promise.reject(this.failure);
  }
}

function createSut(starts: FakeGroupStarts): {
  sut: StoredStatusRecorder;
  metrics: IngesterMetricsService;
} {
  const config = new ConfigService<EnvironmentVariables, true>(
    validateEnvironmentVariables(EnvironmentVariables, { DATABASE_URL: 'postgres://u@db/pt' }),
  );
  const metrics = new IngesterMetricsService(config);
  return { sut: new StoredStatusRecorder(metrics, starts), metrics };
}

/** Count and sum of the span histogram, all labels together, from the exposition text. */
async function observedSpans(metrics: IngesterMetricsService): Promise<[number, number]> {
  const text = await metrics.registry.metrics();
  const total = (suffix: string): number =>
    [
      ...text.matchAll(
        new RegExp(`^payload_tracker_service_duration_seconds_${suffix}\\S* (\\S+)$`, 'gm'),
      ),
    ]
      .map((match) => Number(match[1]))
      .reduce((sum, value) => sum + value, 0);
  return [total('count'), total('sum')];
}

describe('StoredStatusRecorder', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('measures spans from the group starts stored before the batch, asking only for older payloads', async () => {
    const starts = new FakeGroupStarts(
      new Map([[payloadGroupKey(OLD, 'puptoo', null), 1_000_000n]]),
    );
    const { sut, metrics } = createSut(starts);
    const batch = [
      status(OLD, 'success', 11),
      status(NEW, 'received', 20),
      status(NEW, 'error', 23),
    ];
    const result: StatusBatchWriteResult = {
      stored: 3,
      duplicates: 0,
      storedMessages: batch,
      earlierPayloadIds: new Map([[OLD, '42']]),
    };

    await sut.record(batch, result);

    expect(starts.asked).toEqual([
      [{ requestId: OLD, payloadId: '42', service: 'puptoo', source: null }],
    ]);
    expect(await observedSpans(metrics)).toEqual([2, 13]);
  });

  it('observes no span of a batch whose group starts cannot be read, and does not fail it', async () => {
    const starts = new FakeGroupStarts(new Map());
    starts.failure = new Error('connection terminated');
    const { sut, metrics } = createSut(starts);
    const batch = [status(OLD, 'success', 11)];

    await sut.record(batch, {
      stored: 1,
      duplicates: 0,
      storedMessages: batch,
      earlierPayloadIds: new Map([[OLD, '42']]),
    });

    expect(await observedSpans(metrics)).toEqual([0, 0]);
  });
});
