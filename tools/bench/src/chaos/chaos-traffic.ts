import type { MalformedReason } from '@payload-tracker/mock-producer';
import { MALFORMED_REASONS, SeededRandom, malformMessage } from '@payload-tracker/mock-producer';

import { lifecycle } from '../bench-traffic';

/** One record to produce: the request id as key, as the platform's producers do. */
export interface ChaosRecord {
  readonly key: string;
  readonly value: Buffer | null;
}

/** The traffic of a chaos run, shuffled, and what it holds. */
export interface ChaosTraffic {
  readonly records: readonly ChaosRecord[];
  readonly validCount: number;
  readonly duplicateCount: number;
  /** Invalid records per reason the ingester must give on the dead-letter topic. */
  readonly invalidCounts: Readonly<Record<string, number>>;
}

export interface ChaosTrafficOptions {
  /** Valid statuses (whole uploads of 7, so rounded up to a multiple of 7). */
  readonly valid: number;
  /** Share of the valid statuses sent a second time, byte for byte. */
  readonly duplicateShare: number;
  /** Share of invalid records on top of the valid ones. */
  readonly invalidShare: number;
  readonly seed: number;
  /** Start of the uploads' dates. */
  readonly baseMs: number;
}

/** Kinds of invalid record, by the reason the ingester gives: the producer's malformed kinds plus raw bytes. */
const RAW_KINDS = ['empty_message', 'invalid_encoding'] as const;

function invalidRecord(
  fields: Readonly<Record<string, unknown>>,
  reason: MalformedReason | (typeof RAW_KINDS)[number],
  random: SeededRandom,
): Buffer | null {
  if (reason === 'empty_message') return null;
  if (reason === 'invalid_encoding') return Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
  return Buffer.from(malformMessage(fields, reason, random));
}

/**
 * Uploads of 7 statuses, a share of their statuses repeated exactly, and invalid records of every
 * kind made from real messages, all shuffled by a seeded random (the same seed, the same order).
 */
export function buildChaosTraffic(options: ChaosTrafficOptions): ChaosTraffic {
  const random = new SeededRandom(options.seed);
  const uploads = Math.ceil(options.valid / 7);
  const valid: ChaosRecord[] = [];
  for (let upload = 0; upload < uploads; upload += 1) {
    for (const value of lifecycle(7, options.baseMs + upload * 10)) {
      const fields = JSON.parse(value.toString()) as { request_id: string };
      valid.push({ key: fields.request_id, value });
    }
  }
  const records: ChaosRecord[] = [...valid];
  const duplicateCount = Math.round(valid.length * options.duplicateShare);
  for (let index = 0; index < duplicateCount; index += 1) {
    records.push(random.pick(valid));
  }
  const kinds = [...MALFORMED_REASONS, ...RAW_KINDS];
  const invalidCounts: Record<string, number> = {};
  const invalidCount = Math.round(valid.length * options.invalidShare);
  for (let index = 0; index < invalidCount; index += 1) {
    const source = random.pick(valid);
    const reason = kinds[index % kinds.length] ?? 'empty_message';
    const fields = JSON.parse(source.value?.toString() ?? '{}') as Record<string, unknown>;
    records.push({ key: source.key, value: invalidRecord(fields, reason, random) });
    invalidCounts[reason] = (invalidCounts[reason] ?? 0) + 1;
  }
  for (let index = records.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    const swap = records[index] as ChaosRecord;
    records[index] = records[other] as ChaosRecord;
    records[other] = swap;
  }
  return { records, validCount: valid.length, duplicateCount, invalidCounts };
}
