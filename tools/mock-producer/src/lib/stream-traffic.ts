import type { GeneratedMessage, GeneratedUpload, LifecycleGenerator } from './lifecycle.generator';
import { SeededRandom } from './seeded-random';

/** How {@link streamTraffic} mixes uploads. */
export interface TrafficOptions {
  readonly uploads: number;
  /** Uploads in flight at once; their messages interleave as on the real topic. */
  readonly concurrentUploads: number;
  /** Seed of the interleaving order. */
  readonly seed: number;
  /** Epoch microseconds of the first status of upload number `index`. */
  readonly startOf: (index: number) => bigint;
  /** Called once per finished upload (for counting outcomes). */
  readonly onUpload?: (upload: GeneratedUpload) => void;
}

interface ActiveUpload {
  readonly upload: GeneratedUpload;
  next: number;
}

/**
 * Messages of `uploads` lifecycles, interleaved across a window of concurrent uploads the way
 * many services report at once; each upload's own messages keep their order.
 */
export function* streamTraffic(
  generator: LifecycleGenerator,
  options: TrafficOptions,
): Generator<GeneratedMessage> {
  const random = new SeededRandom(options.seed ^ 0x5bd1e995);
  const window = Math.max(1, Math.floor(options.concurrentUploads));
  const active: ActiveUpload[] = [];
  let started = 0;
  while (started < options.uploads || active.length > 0) {
    while (active.length < window && started < options.uploads) {
      const upload = generator.generateUpload(options.startOf(started));
      started++;
      options.onUpload?.(upload);
      active.push({ upload, next: 0 });
    }
    const slot = random.int(0, active.length - 1);
    const current = active[slot];
    if (current === undefined) {
      break;
    }
    const message = current.upload.messages[current.next];
    current.next++;
    if (current.next >= current.upload.messages.length) {
      // Swap-remove keeps this O(1); the order inside the window is random anyway.
      const last = active.pop();
      if (last !== undefined && slot < active.length) {
        active[slot] = last;
      }
    }
    if (message !== undefined) {
      yield message;
    }
  }
}
