import { Logger } from '@nestjs/common';

import { PartitionStallMonitor } from './partition-stall.monitor';

function createSut(): { sut: PartitionStallMonitor; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  return { sut: new PartitionStallMonitor(60_000, () => clock.now), clock };
}

describe('PartitionStallMonitor', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('reports a partition stalled once its batch has kept failing past the threshold, counted from the first failure', () => {
    const { sut, clock } = createSut();

    sut.retrying('statuses', 2);
    clock.now += 30_000;
    sut.retrying('statuses', 2);
    clock.now += 30_000;
    const atThreshold = sut.stalled();
    clock.now += 1;

    expect(atThreshold).toEqual([]);
    expect(sut.stalled()).toEqual([{ topic: 'statuses', partition: 2, retryingSeconds: 60 }]);
  });

  it('forgets a partition once it moves or is let go, and restarts the clock at its next failure', () => {
    const { sut, clock } = createSut();
    sut.retrying('statuses', 1);
    sut.retrying('statuses', 0);
    clock.now += 61_000;
    const before = sut.stalled().map(({ partition }) => partition);

    sut.settled('statuses', 1);
    sut.settled('statuses', 0);
    sut.retrying('statuses', 1);
    clock.now += 1000;

    expect(before).toEqual([0, 1]);
    expect(sut.stalled()).toEqual([]);
  });
});
