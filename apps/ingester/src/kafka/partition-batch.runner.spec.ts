import type { LoggerService } from '@nestjs/common';
import { Logger } from '@nestjs/common';

import type { BatchStep, PartitionBatch } from './partition-batch';
import type {
  PartitionBatchListener,
  PartitionBatchPayload,
  PartitionProgress,
  PartitionRef,
} from './partition-batch.runner';
import { PartitionBatchRunner } from './partition-batch.runner';

type CommitRequest = Parameters<PartitionBatchPayload['commitOffsetsIfNecessary']>[0];

/** The kafkajs calls the runner makes, in order, plus the switches a test flips. */
class FakeBatchPayload implements PartitionBatchPayload {
  readonly events: string[] = [];
  readonly batch: PartitionBatchPayload['batch'];
  isRunningNow = true;
  isStaleNow = false;
  heartbeats = 0;
  heartbeatFailures: Error[] = [];
  commitFailures: Error[] = [];

  constructor(offsets: readonly number[]) {
    this.batch = {
      topic: 'statuses',
      partition: 2,
      highWatermark: String((offsets[offsets.length - 1] ?? 0) + 5),
      messages: offsets.map((offset) => ({
        offset: String(offset),
        key: Buffer.from(`key-${offset}`),
        value: Buffer.from(`value-${offset}`),
        headers: { 'x-trace': 'abc' },
      })),
    };
  }

  resolveOffset(offset: string): void {
    this.events.push(`resolve ${offset}`);
  }

  heartbeat(): Promise<void> {
    this.heartbeats += 1;
    const failure = this.heartbeatFailures.shift();
    return failure === undefined ? Promise.resolve() : Promise.reject(failure);
  }

  pause(): () => void {
    this.events.push('pause');
    return () => this.events.push('resume');
  }

  commitOffsetsIfNecessary(offsets?: CommitRequest): Promise<void> {
    const failure = this.commitFailures.shift();
    if (failure !== undefined) {
      this.events.push('commit failed');
      return Promise.reject(failure);
    }
    const partition = offsets?.topics[0]?.partitions[0];
    this.events.push(`commit ${partition?.partition}@${partition?.offset}`);
    return Promise.resolve();
  }

  isRunning(): boolean {
    return this.isRunningNow;
  }

  isStale(): boolean {
    return this.isStaleNow;
  }
}

class FakeListener implements PartitionBatchListener {
  readonly progress: PartitionProgress[] = [];
  /** `retrying 2`, `abandoned 2`, `committed 2`: what the stall monitor would hear, in order. */
  readonly partitionEvents: string[] = [];
  commitFailures = 0;

  committed(progress: PartitionProgress): void {
    this.progress.push(progress);
    this.partitionEvents.push(`committed ${progress.partition}`);
  }

  commitFailed(): void {
    this.commitFailures += 1;
  }

  retrying(partition: PartitionRef): void {
    this.partitionEvents.push(`retrying ${partition.partition}`);
  }

  abandoned(partition: PartitionRef): void {
    this.partitionEvents.push(`abandoned ${partition.partition}`);
  }
}

/** Keeps the runner's warnings so a test can read their fields. */
class RecordingLogger implements LoggerService {
  readonly warnings: Record<string, unknown>[] = [];

  log(): void {
    return undefined;
  }

  error(): void {
    return undefined;
  }

  warn(message: unknown): void {
    if (typeof message === 'object' && message !== null) {
      this.warnings.push({ ...message });
    }
  }
}

/** A step that fails `failures` times (calling `onFailure` each time), then succeeds. */
function step(
  name: string,
  events: string[],
  failures = 0,
  onFailure: () => void = () => undefined,
): BatchStep {
  let failuresLeft = failures;
  return {
    name,
    run: () => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        events.push(`${name} failed`);
        onFailure();
        return Promise.reject(new Error('connect ECONNREFUSED'));
      }
      events.push(name);
      return Promise.resolve();
    },
  };
}

function rebalanceError(): Error {
  return Object.assign(new Error('rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
}

function createSut(options: { maxBackoffMs?: number; random?: () => number } = {}): {
  sut: PartitionBatchRunner;
  listener: FakeListener;
} {
  const listener = new FakeListener();
  const sut = new PartitionBatchRunner({ maxBackoffMs: 10, listener, ...options });
  return { sut, listener };
}

describe('PartitionBatchRunner', () => {
  let logger: RecordingLogger;

  beforeEach(() => {
    logger = new RecordingLogger();
    Logger.overrideLogger(logger);
  });

  afterAll(() => {
    Logger.overrideLogger(false);
  });

  it('hands the handler the records without Kafka, then commits the offset after the batch, resolves it and reports the lag', async () => {
    const payload = new FakeBatchPayload([10, 11, 12]);
    const { sut, listener } = createSut();
    const batches: PartitionBatch[] = [];

    await sut.run(payload, (batch) => {
      batches.push(batch);
      payload.events.push('handle');
      return Promise.resolve(undefined);
    });

    expect(batches).toEqual([
      {
        topic: 'statuses',
        partition: 2,
        records: [10, 11, 12].map((offset) => ({
          offset: String(offset),
          key: Buffer.from(`key-${offset}`),
          value: Buffer.from(`value-${offset}`),
          headers: { 'x-trace': 'abc' },
        })),
      },
    ]);
    expect(payload.events).toEqual(['handle', 'commit 2@13', 'resolve 12']);
    expect(listener.progress).toEqual([{ topic: 'statuses', partition: 2, lag: 4 }]);
  });

  it('runs the steps the handler returns in order before committing', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut } = createSut();

    await sut.run(payload, () =>
      Promise.resolve([step('write', payload.events), step('dead-letter', payload.events)]),
    );

    expect(payload.events).toEqual(['write', 'dead-letter', 'commit 2@6', 'resolve 5']);
  });

  it('pauses the partition and retries only the failing step until it succeeds, then resumes and commits', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut, listener } = createSut();

    await sut.run(payload, () =>
      Promise.resolve([step('write', payload.events), step('dead-letter', payload.events, 3)]),
    );

    expect(payload.events).toEqual([
      'write',
      'dead-letter failed',
      'pause',
      'dead-letter failed',
      'dead-letter failed',
      'dead-letter',
      'resume',
      'commit 2@6',
      'resolve 5',
    ]);
    expect(payload.heartbeats).toBeGreaterThanOrEqual(3);
    expect(listener.partitionEvents).toEqual([
      'retrying 2',
      'retrying 2',
      'retrying 2',
      'committed 2',
    ]);
  });

  it('retries a handler that throws, like a step', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut } = createSut();
    let failuresLeft = 2;

    await sut.run(payload, () => {
      payload.events.push('handle');
      failuresLeft -= 1;
      return failuresLeft >= 0 ? Promise.reject(new Error('not yet')) : Promise.resolve(undefined);
    });

    expect(payload.events).toEqual([
      'handle',
      'pause',
      'handle',
      'handle',
      'resume',
      'commit 2@6',
      'resolve 5',
    ]);
  });

  it('waits a capped exponential backoff with jitter between attempts', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut } = createSut({ maxBackoffMs: 150, random: () => 0 });

    await sut.run(payload, () => Promise.resolve([step('write', payload.events, 3)]));

    // Ceilings 100, 200 → 150 (the cap), 150; the draw 0 picks the bottom of each upper half.
    expect(
      logger.warnings.map((warning) => [warning['step'], warning['attempt'], warning['delayMs']]),
    ).toEqual([
      ['write', 1, 50],
      ['write', 2, 75],
      ['write', 3, 75],
    ]);
    expect(logger.warnings[0]).toMatchObject({
      topic: 'statuses',
      partition: 2,
      offset: '5',
      error: 'connect ECONNREFUSED',
    });
  });

  it('abandons the batch uncommitted when shutdown starts during the retries', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut, listener } = createSut();

    await sut.run(payload, () =>
      Promise.resolve([
        step('write', payload.events, 100, () => {
          payload.isRunningNow = false;
        }),
        step('dead-letter', payload.events),
      ]),
    );

    expect(payload.events).toEqual(['write failed', 'pause', 'resume']);
    expect(listener.progress).toEqual([]);
    expect(listener.partitionEvents).toEqual(['retrying 2', 'abandoned 2']);
  });

  it('abandons the batch uncommitted when it goes stale during the retries', async () => {
    const payload = new FakeBatchPayload([5]);
    const { sut } = createSut();

    await sut.run(payload, () =>
      Promise.resolve([
        step('write', payload.events, 100, () => {
          payload.isStaleNow = true;
        }),
      ]),
    );

    expect(payload.events).toEqual(['write failed', 'pause', 'resume']);
  });

  it('keeps retrying when a heartbeat fails for another reason, and abandons when one reports a rebalance', async () => {
    const brokerDown = new FakeBatchPayload([5]);
    brokerDown.heartbeatFailures = [new Error('broker unreachable')];
    const rebalanced = new FakeBatchPayload([5]);
    rebalanced.heartbeatFailures = [rebalanceError()];

    await createSut().sut.run(brokerDown, () =>
      Promise.resolve([step('write', brokerDown.events, 2)]),
    );
    await createSut().sut.run(rebalanced, () =>
      Promise.resolve([step('write', rebalanced.events, 2)]),
    );

    expect(brokerDown.events).toEqual([
      'write failed',
      'pause',
      'write failed',
      'write',
      'resume',
      'commit 2@6',
      'resolve 5',
    ]);
    expect(rebalanced.events).toEqual(['write failed', 'pause', 'resume']);
  });

  it('retries a failed commit, and gives the batch up unresolved when the partition was lost', async () => {
    const transient = new FakeBatchPayload([7]);
    transient.commitFailures = [new Error('broker hiccup')];
    const rebalanced = new FakeBatchPayload([7]);
    rebalanced.commitFailures = [rebalanceError()];
    const first = createSut();
    const second = createSut();

    await first.sut.run(transient, () => Promise.resolve([step('write', transient.events)]));
    await second.sut.run(rebalanced, () => Promise.resolve([step('write', rebalanced.events)]));

    expect(transient.events).toEqual([
      'write',
      'commit failed',
      'pause',
      'commit 2@8',
      'resume',
      'resolve 7',
    ]);
    expect([first.listener.commitFailures, first.listener.progress]).toEqual([
      1,
      [{ topic: 'statuses', partition: 2, lag: 4 }],
    ]);
    expect(rebalanced.events).toEqual(['write', 'commit failed']);
    expect([second.listener.commitFailures, second.listener.progress]).toEqual([1, []]);
  });

  it('does nothing with an empty batch', async () => {
    const payload = new FakeBatchPayload([]);
    const { sut, listener } = createSut();
    let calls = 0;

    await sut.run(payload, () => {
      calls += 1;
      return Promise.resolve(undefined);
    });

    expect([calls, payload.events, listener.progress]).toEqual([0, [], []]);
  });
});
