import type { StatusBatchWriter } from '@payload-tracker/entities';
import { parseStatusMessage } from '@payload-tracker/status-lifecycle';
import type { StatusMessage } from '@payload-tracker/status-lifecycle';

/** The benchmark traffic's valid messages, parsed as the ingester parses them (32-char ids). */
export function parseBenchMessages(values: readonly Buffer[]): StatusMessage[] {
  const messages: StatusMessage[] = [];
  for (const value of values) {
    const parsed = parseStatusMessage(value, { requestIdLength: 32 });
    if (parsed.ok) {
      messages.push(parsed.message);
    }
  }
  return messages;
}

/**
 * Writes `messages` in consecutive slices of `batchSize`, `concurrency` batches in flight: each
 * writer takes the next slice of the one stream when its batch is done.
 */
export async function writeInSlices(
  writer: Pick<StatusBatchWriter, 'write'>,
  messages: readonly StatusMessage[],
  batchSize: number,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < messages.length) {
      const batch = messages.slice(next, next + batchSize);
      next += batchSize;
      await writer.write(batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
