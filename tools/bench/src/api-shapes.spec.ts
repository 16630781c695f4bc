import { requestShapes } from './api-shapes';
import type { SampleValues } from './api-shapes';

const HOUR_MS = 3_600_000;
const values: SampleValues = {
  requestIds: ['0123456789abcdef0123456789abcdef'],
  accounts: ['1000001'],
  orgIds: ['org 1'],
  inventoryIds: ['inv-1'],
  systemIds: ['sys-1'],
  services: ['ingress'],
  sources: ['src'],
  statuses: ['received'],
  statusMsgs: ['a/b c'],
  payloadCreatedAt: [Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 28) + 2 * HOUR_MS],
  statusDate: [Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 28) + 2 * HOUR_MS],
  statusCreatedAt: [Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 28) + 2 * HOUR_MS],
  failedServices: ['puptoo'],
  lastStatusAt: [Date.UTC(2026, 10, 28), Date.UTC(2026, 10, 28) + 2 * HOUR_MS],
};

describe('requestShapes', () => {
  const sut = requestShapes(values);
  const pathOf = (name: string): string => {
    const shape = sut.find((candidate) => candidate.name === name);
    if (shape === undefined) {
      throw new Error(`no shape ${name}`);
    }
    return shape.path();
  };

  it('names every shape once', () => {
    expect(new Set(sut.map((shape) => shape.name)).size).toBe(sut.length);
  });

  it('measures one payload, every filter, and every sort in both directions', () => {
    const count = (group: string): number => sut.filter((shape) => shape.group === group).length;
    expect(count('payload')).toBe(1);
    // 7 filters before outcomes, 9 outcome filters (4 states, 2 together, failed_service,
    // 3 last_status_at ranges); 7 sorts (last_status_at among them) in both directions.
    expect(count('payloads')).toBe(7 + 9 + 7 * 2);
    expect(count('stats-1h')).toBe(1);
    expect(count('stats-24h')).toBe(1);
    expect(count('statuses')).toBe(10 + 7 * 2);
  });

  it.each([
    ['payload by request_id', /^\/api\/v1\/payloads\/0123456789abcdef0123456789abcdef$/],
    ['payloads ?account', /^\/api\/v1\/payloads\?account=1000001$/],
    ['payloads ?org_id', /^\/api\/v1\/payloads\?org_id=org%201$/],
    [
      'payloads ?created_at 1h window',
      /^\/api\/v1\/payloads\?created_at_gte=2026-11-28T\S+Z&created_at_lt=2026-11-28T\S+Z$/,
    ],
    ['payloads ?created_at_lt', /^\/api\/v1\/payloads\?created_at_lt=2026-11-28T\S+Z$/],
    [
      'payloads sort system_id asc',
      /^\/api\/v1\/payloads\?sort_by=system_id&sort_dir=asc&page=\d$/,
    ],
    ['statuses ?status_msg', /^\/api\/v1\/statuses\?status_msg=a%2Fb%20c$/],
    ['payloads ?state=stalled', /^\/api\/v1\/payloads\?state=stalled$/],
    ['payloads ?failed_service', /^\/api\/v1\/payloads\?failed_service=puptoo$/],
    [
      'payloads sort last_status_at desc',
      /^\/api\/v1\/payloads\?sort_by=last_status_at&sort_dir=desc&page=\d$/,
    ],
    ['stats/services 24h window', /^\/api\/v1\/stats\/services\?since=\S+Z&until=\S+Z$/],
    ['statuses ?date_lt', /^\/api\/v1\/statuses\?date_lt=2026-11-28T\S+Z$/],
    ['statuses ?created_at_gt', /^\/api\/v1\/statuses\?created_at_gt=2026-11-28T\S+Z$/],
    [
      'statuses sort request_id desc',
      /^\/api\/v1\/statuses\?sort_by=request_id&sort_dir=desc&page=\d$/,
    ],
  ])('asks %s as %s', (name, expected) => {
    expect(pathOf(name)).toMatch(expected);
  });
});
