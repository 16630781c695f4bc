import { createHash } from 'node:crypto';

import type { EpochMicros, StatusMessage } from '@payload-tracker/status-lifecycle';
import { formatTimestamp, statusFingerprint } from '@payload-tracker/status-lifecycle';

const MICROS_PER_DAY = 86_400_000_000n;

/** One `payloads` row to upsert: the batch's messages for a request merged into one. */
export interface PayloadRowPlan {
  requestId: string;
  account: string | null;
  orgId: string | null;
  inventoryId: string | null;
  systemId: string | null;
  /** Earliest status date of the request in the batch. */
  createdAt: EpochMicros;
}

/** One `payload_statuses` row to insert, before its lookup and payload ids are known. */
export interface StatusRowPlan {
  message: StatusMessage;
  /** `md5(statusFingerprint(message))` in uuid form, as PostgreSQL prints a `uuid`. */
  dedupeKey: string;
}

/** What a batch needs from the database, computed without touching it. */
export interface StatusBatchPlan {
  /** Sorted by `requestId` so concurrent batches lock payload rows in the same order. */
  payloads: PayloadRowPlan[];
  statuses: StatusRowPlan[];
  /** UTC days (`YYYY-MM-DD`) whose `payload_statuses` partition must exist, sorted. */
  days: string[];
  serviceNames: string[];
  sourceNames: string[];
  statusNames: string[];
}

/**
 * The dedupe key of a message: md5 of its {@link statusFingerprint}, written as a uuid.
 *
 * @param message - a parsed, normalised status message
 * @returns a lower-case hyphenated uuid
 */
export function dedupeKeyOf(message: StatusMessage): string {
  const hex = createHash('md5').update(statusFingerprint(message), 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The UTC day of an instant, the unit `payload_statuses` is partitioned by.
 *
 * @param micros - epoch microseconds
 * @returns `YYYY-MM-DD`
 */
export function utcDayOf(micros: EpochMicros): string {
  let day = micros / MICROS_PER_DAY;
  if (micros % MICROS_PER_DAY < 0n) {
    day -= 1n;
  }
  return formatTimestamp(day * MICROS_PER_DAY).slice(0, 10);
}

function mergeInto(row: PayloadRowPlan, message: StatusMessage): void {
  // Messages are in offset order: a later non-empty value wins, an absent one never blanks.
  row.account = message.account ?? row.account;
  row.orgId = message.orgId ?? row.orgId;
  row.inventoryId = message.inventoryId ?? row.inventoryId;
  row.systemId = message.systemId ?? row.systemId;
  if (message.date < row.createdAt) {
    row.createdAt = message.date;
  }
}

function sortedNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

/**
 * Plans the writes of one batch: one payload row per request (fields merged in message order),
 * one status row per message with its dedupe key, and the days and lookup names involved.
 *
 * @param messages - valid messages in the order they were consumed
 */
export function planStatusBatch(messages: readonly StatusMessage[]): StatusBatchPlan {
  const payloads = new Map<string, PayloadRowPlan>();
  const days = new Set<string>();
  const sources: string[] = [];
  for (const message of messages) {
    const row = payloads.get(message.requestId);
    if (row === undefined) {
      payloads.set(message.requestId, {
        requestId: message.requestId,
        account: message.account,
        orgId: message.orgId,
        inventoryId: message.inventoryId,
        systemId: message.systemId,
        createdAt: message.date,
      });
    } else {
      mergeInto(row, message);
    }
    days.add(utcDayOf(message.date));
    if (message.source !== null) {
      sources.push(message.source);
    }
  }
  return {
    payloads: [...payloads.values()].sort((a, b) =>
      a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0,
    ),
    statuses: messages.map((message) => ({ message, dedupeKey: dedupeKeyOf(message) })),
    days: [...days].sort(),
    serviceNames: sortedNames(messages.map((message) => message.service)),
    sourceNames: sortedNames(sources),
    statusNames: sortedNames(messages.map((message) => message.status)),
  };
}
