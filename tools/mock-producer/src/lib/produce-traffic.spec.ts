import type { GeneratedMessage } from './lifecycle.generator';
import { produceTraffic } from './produce-traffic';
import type { MessageSink, PacingClock } from './produce-traffic';

class RecordingSink implements MessageSink {
  readonly batches: (readonly GeneratedMessage[])[] = [];

  send(messages: readonly GeneratedMessage[]): Promise<void> {
    this.batches.push(messages);
    return Promise.resolve();
  }
}

/** Time only moves when the code under test sleeps. */
class FakeClock implements PacingClock {
  current = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.current;
  }

  sleep(milliseconds: number): Promise<void> {
    this.sleeps.push(milliseconds);
    this.current += milliseconds;
    return Promise.resolve();
  }
}

function messages(count: number, malformedEvery = 0): GeneratedMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    key: `k${index}`,
    value: '{}',
    malformedReason: malformedEvery > 0 && index % malformedEvery === 0 ? 'invalid_json' : null,
  }));
}

describe('produceTraffic', () => {
  it('sends everything in batches of at most batchSize when unpaced, without sleeping', async () => {
    const sink = new RecordingSink();
    const clock = new FakeClock();

    const result = await produceTraffic(
      messages(2500, 10),
      sink,
      { rate: 0, batchSize: 1000, maxInFlight: 2 },
      clock,
    );

    expect(sink.batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(sink.batches.flat().map((message) => message.key)).toEqual(
      messages(2500).map((message) => message.key),
    );
    expect(result).toEqual({ messages: 2500, malformed: 250, milliseconds: 0 });
    expect(clock.sleeps).toEqual([]);
  });

  it('paces to the requested rate with batches of 1/20 s', async () => {
    const sink = new RecordingSink();
    const clock = new FakeClock();

    const result = await produceTraffic(
      messages(1000),
      sink,
      { rate: 200, batchSize: 1000, maxInFlight: 4 },
      clock,
    );

    expect(sink.batches.every((batch) => batch.length === 10)).toBe(true);
    // The last batch is due when 990 messages have gone out: 990 / 200 msgs/s.
    expect(result.milliseconds).toBeCloseTo(4950);
    expect(result.messages).toBe(1000);
  });

  it('sends single messages at very low rates', async () => {
    const sink = new RecordingSink();
    const clock = new FakeClock();

    await produceTraffic(messages(3), sink, { rate: 2, batchSize: 1000, maxInFlight: 1 }, clock);

    expect(sink.batches.map((batch) => batch.length)).toEqual([1, 1, 1]);
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('fails when the sink fails', async () => {
    const sink: MessageSink = { send: () => Promise.reject(new Error('broker down')) };

    await expect(
      produceTraffic(
        messages(10),
        sink,
        { rate: 0, batchSize: 5, maxInFlight: 1 },
        new FakeClock(),
      ),
    ).rejects.toThrow('broker down');
  });

  it('waits for the batches still in flight before reporting a failure', async () => {
    const settled: string[] = [];
    let calls = 0;
    const sink: MessageSink = {
      send: () => {
        calls++;
        if (calls === 1) {
          return Promise.reject(new Error('first batch refused'));
        }
        return new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() => {
          settled.push(`batch ${calls}`);
        });
      },
    };

    await expect(
      produceTraffic(
        messages(30),
        sink,
        { rate: 0, batchSize: 10, maxInFlight: 4 },
        new FakeClock(),
      ),
    ).rejects.toThrow('first batch refused');
    expect(settled.length).toBe(calls - 1);
  });
});
