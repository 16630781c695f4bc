import { statusFingerprint } from './status-fingerprint';
import type { StatusMessage } from './status-message';

const BASE: StatusMessage = {
  requestId: '0123456789abcdef0123456789abcdef',
  service: 'ingress',
  status: 'success',
  source: null,
  date: 1_795_860_000_123_456n,
  account: '1',
  orgId: '2',
  inventoryId: '3',
  systemId: '4',
  statusMsg: null,
};

describe('statusFingerprint', () => {
  it('gives identical text for identical messages', () => {
    expect(statusFingerprint({ ...BASE })).toBe(statusFingerprint({ ...BASE }));
  });

  it.each<[string, Partial<StatusMessage>]>([
    ['account', { account: '9' }],
    ['org_id', { orgId: null }],
    ['inventory_id', { inventoryId: 'other' }],
    ['system_id', { systemId: null }],
  ])('ignores payload attribute %s (not part of a status identity)', (_name, change) => {
    expect(statusFingerprint({ ...BASE, ...change })).toBe(statusFingerprint(BASE));
  });

  it.each<[string, Partial<StatusMessage>, Partial<StatusMessage>]>([
    ['request_id', {}, { requestId: 'fedcba9876543210fedcba9876543210' }],
    ['service', {}, { service: 'puptoo' }],
    ['status', {}, { status: 'error' }],
    ['source set vs none', {}, { source: 'inventory' }],
    ['status_msg set vs none', {}, { statusMsg: 'boom' }],
    ['date by one microsecond', {}, { date: BASE.date + 1n }],
    ['null vs empty source', { source: null }, { source: '' }],
    ['null vs empty status_msg', { statusMsg: null }, { statusMsg: '' }],
    ['null vs the word null', { source: null }, { source: 'null' }],
    [
      'separator moved between fields',
      { service: 'a:b', source: 'c' },
      { service: 'a', source: 'b:c' },
    ],
    [
      'quote moved between fields',
      { service: 'a","b', source: 'c' },
      { service: 'a', source: 'b","c' },
    ],
    [
      'text moved from status to status_msg',
      { status: 'x', statusMsg: 'y z' },
      { status: 'x y', statusMsg: 'z' },
    ],
    [
      'source and status_msg swapped',
      { source: 'x', statusMsg: null },
      { source: null, statusMsg: 'x' },
    ],
  ])('differs when %s differs', (_name, left, right) => {
    expect(statusFingerprint({ ...BASE, ...left })).not.toBe(
      statusFingerprint({ ...BASE, ...right }),
    );
  });

  it('includes the date formatted with microseconds in UTC', () => {
    expect(statusFingerprint(BASE)).toContain('2026-11-28T10:00:00.123456Z');
  });
});
