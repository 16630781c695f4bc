/** What the registry needs of a stream. */
export interface PayloadKeyed {
  readonly payloadId: string;
}

/**
 * The open event streams of a process, by payload: a notification names payloads, and only
 * their streams are woken.
 */
export class PayloadEventStreams<Stream extends PayloadKeyed> {
  private readonly byPayload = new Map<string, Set<Stream>>();
  private count = 0;

  /** How many streams are open. */
  get size(): number {
    return this.count;
  }

  add(stream: Stream): void {
    let streams = this.byPayload.get(stream.payloadId);
    if (streams === undefined) {
      streams = new Set();
      this.byPayload.set(stream.payloadId, streams);
    }
    if (!streams.has(stream)) {
      streams.add(stream);
      this.count += 1;
    }
  }

  /** Forgets `stream`; false when it was not there. */
  delete(stream: Stream): boolean {
    const streams = this.byPayload.get(stream.payloadId);
    if (streams?.delete(stream) !== true) {
      return false;
    }
    this.count -= 1;
    if (streams.size === 0) {
      this.byPayload.delete(stream.payloadId);
    }
    return true;
  }

  /** The streams of these payloads (ids repeated or without a stream are fine). */
  streamsOf(payloadIds: Iterable<string>): Stream[] {
    const found: Stream[] = [];
    for (const payloadId of new Set(payloadIds)) {
      const streams = this.byPayload.get(payloadId);
      if (streams !== undefined) {
        found.push(...streams);
      }
    }
    return found;
  }

  /** Every open stream (a copy: streams may close while the caller iterates). */
  all(): Stream[] {
    return [...this.byPayload.values()].flatMap((streams) => [...streams]);
  }
}
