import type { GeneratedMessage } from './lifecycle.generator';

/** Where batches go: Kafka in the CLI, a recording fake in unit tests. */
export interface MessageSink {
  send(messages: readonly GeneratedMessage[]): Promise<void>;
}

/** Time as the pacing loop sees it, injectable so pacing is testable without waiting. */
export interface PacingClock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(milliseconds: number): Promise<void>;
}

/** Pacing of {@link produceTraffic}. */
export interface ProduceOptions {
  /** Messages per second; 0 sends as fast as the broker takes them. */
  readonly rate: number;
  /** Largest batch when unpaced. */
  readonly batchSize: number;
  /** Unpaced batches awaiting acknowledgement at once. */
  readonly maxInFlight: number;
}

/** Counts of one run. */
export interface ProduceResult {
  readonly messages: number;
  readonly malformed: number;
  readonly milliseconds: number;
}

/** Wall-clock implementation of {@link PacingClock}. */
export const systemClock: PacingClock = {
  now: () => performance.now(),
  sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
};

/**
 * Sends `messages` in batches. Paced runs send batches of about 1/20 s worth of messages and
 * sleep until the schedule (start + sent / rate) catches up, so the average rate holds without
 * drifting; unpaced runs keep a few large batches in flight.
 */
export async function produceTraffic(
  messages: Iterable<GeneratedMessage>,
  sink: MessageSink,
  options: ProduceOptions,
  clock: PacingClock = systemClock,
): Promise<ProduceResult> {
  const isPaced = options.rate > 0;
  const batchSize = isPaced
    ? Math.max(1, Math.min(options.batchSize, Math.floor(options.rate / 20)))
    : Math.max(1, options.batchSize);
  const maxInFlight = isPaced ? 1 : Math.max(1, options.maxInFlight);
  const started = clock.now();
  // Sends never reject here: the first failure is kept and thrown once nothing is in flight,
  // so no batch's failure can surface later, unhandled.
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  let sent = 0;
  let malformed = 0;
  let batch: GeneratedMessage[] = [];

  const throwIfFailed = async (): Promise<void> => {
    if (failure !== null) {
      await Promise.all(inFlight);
      throw failure.error;
    }
  };

  const flush = async (): Promise<void> => {
    if (batch.length === 0) {
      return;
    }
    const outgoing = batch;
    batch = [];
    if (isPaced) {
      const dueAt = started + (sent * 1000) / options.rate;
      const wait = dueAt - clock.now();
      if (wait > 0) {
        await clock.sleep(wait);
      }
    }
    sent += outgoing.length;
    const sending: Promise<void> = sink.send(outgoing).then(
      () => {
        inFlight.delete(sending);
      },
      (error: unknown) => {
        inFlight.delete(sending);
        failure ??= { error };
      },
    );
    inFlight.add(sending);
    if (inFlight.size >= maxInFlight) {
      await Promise.race(inFlight);
    }
    await throwIfFailed();
  };

  for (const message of messages) {
    if (message.malformedReason !== null) {
      malformed++;
    }
    batch.push(message);
    if (batch.length >= batchSize) {
      await flush();
    }
  }
  await flush();
  await Promise.all(inFlight);
  await throwIfFailed();
  return { messages: sent, malformed, milliseconds: clock.now() - started };
}
