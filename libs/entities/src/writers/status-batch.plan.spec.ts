import { createHash } from 'node:crypto';

import type { StatusMessage } from '@payload-tracker/status-lifecycle';
import { parseTimestamp, statusFingerprint } from '@payload-tracker/status-lifecycle';

import { dedupeKeyOf, planStatusBatch, utcDayOf } from './status-batch.plan';

function at(text: string): bigint {
  const micros = parseTimestamp(text);
  if (micros === null) {
    throw new Error(`bad test timestamp ${text}`);
  }
  return micros;
}

function message(overrides: Partial<StatusMessage> = {}): StatusMessage {
  return {
    requestId: 'a'.repeat(32),
    service: 'ingress',
    status: 'received',
    source: null,
    date: at('2026-11-28T10:00:00.000001Z'),
    account: null,
    orgId: null,
    inventoryId: null,
    systemId: null,
    statusMsg: null,
    ...overrides,
  };
}

describe('utcDayOf', () => {
  it.each([
    ['2026-11-28T00:00:00Z', '2026-11-28'],
    ['2026-11-28T23:59:59.999999Z', '2026-11-28'],
    ['2026-11-29T01:00:00+02:00', '2026-11-28'],
    ['1969-12-31T23:59:59.999999Z', '1969-12-31'],
    ['1970-01-01T00:00:00Z', '1970-01-01'],
    ['2001-03-04T05:06:07Z', '2001-03-04'],
  ])('puts %s on %s', (text, day) => {
    expect(utcDayOf(at(text))).toBe(day);
  });
});

describe('dedupeKeyOf', () => {
  it('is the md5 of the fingerprint written as a uuid', () => {
    const sut = message();
    const hex = createHash('md5').update(statusFingerprint(sut)).digest('hex');

    expect(dedupeKeyOf(sut).replaceAll('-', '')).toBe(hex);
    expect(dedupeKeyOf(sut)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('differs when only the microseconds differ', () => {
    expect(dedupeKeyOf(message({ date: at('2026-11-28T10:00:00.000002Z') }))).not.toBe(
      dedupeKeyOf(message()),
    );
  });
});

describe('planStatusBatch', () => {
  it('merges the messages of one request: later non-empty values win, absent ones never blank', () => {
    const sut = planStatusBatch([
      message({ account: '1', orgId: 'o1', date: at('2026-11-28T10:00:05Z') }),
      message({ account: '2', inventoryId: 'inv', date: at('2026-11-28T10:00:01Z') }),
      message({ systemId: 'sys', date: at('2026-11-28T10:00:09Z') }),
    ]);

    expect(sut.payloads).toEqual([
      {
        requestId: 'a'.repeat(32),
        account: '2',
        orgId: 'o1',
        inventoryId: 'inv',
        systemId: 'sys',
        createdAt: at('2026-11-28T10:00:01Z'),
      },
    ]);
  });

  it('keeps one status row per message and sorts payloads, days and names', () => {
    const sut = planStatusBatch([
      message({
        requestId: 'b'.repeat(32),
        service: 'puptoo',
        source: 'inventory',
        date: at('2026-11-29T00:00:00Z'),
      }),
      message({ requestId: 'a'.repeat(32), status: 'success' }),
      message({ requestId: 'a'.repeat(32), service: 'ingress', source: 'insights-client' }),
    ]);

    expect(sut.statuses).toHaveLength(3);
    expect(sut.payloads.map((p) => p.requestId)).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(sut.days).toEqual(['2026-11-28', '2026-11-29']);
    expect(sut.serviceNames).toEqual(['ingress', 'puptoo']);
    expect(sut.sourceNames).toEqual(['insights-client', 'inventory']);
    expect(sut.statusNames).toEqual(['received', 'success']);
  });
});
