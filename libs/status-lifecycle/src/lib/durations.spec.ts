import type { TimedStatus } from './durations';
import { computeDurations, durationReportToJson, formatDuration, groupKey } from './durations';
import { parseTimestamp } from './timestamp';

function at(text: string): bigint {
  const micros = parseTimestamp(text);
  if (micros === null) {
    throw new Error(`bad test timestamp ${text}`);
  }
  return micros;
}

function status(service: string, source: string | null, name: string, date: string): TimedStatus {
  return { service, source, status: name, date: at(date) };
}

describe('groupKey', () => {
  it.each([
    ['ingress', null, 'ingress:undefined'],
    ['puptoo', 'inventory', 'puptoo:inventory'],
    ['inventory', 'insights-client', 'inventory:insights-client'],
  ])('keys %s / %s as %s', (service, source, expected) => {
    expect(groupKey(service, source)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0n, '00:00:00.000000'],
    [1n, '00:00:00.000001'],
    [999n, '00:00:00.000999'],
    [5_625_000n, '00:00:05.625000'],
    [61_000_000n, '00:01:01.000000'],
    [3_599_999_999n, '00:59:59.999999'],
    [3_600_000_000n, '01:00:00.000000'],
    [86_400_000_000n, '24:00:00.000000'],
    [(27n * 3600n + 3n * 60n) * 1_000_000n, '27:03:00.000000'],
    [100n * 3_600_000_000n + 1n, '100:00:00.000001'],
    [-1_500_000n, '-00:00:01.500000'],
  ])('formats %s µs as %s', (micros, expected) => {
    expect(formatDuration(micros)).toBe(expected);
  });
});

describe('computeDurations', () => {
  it('gives zero totals and no groups for no statuses', () => {
    const sut = computeDurations([]);
    expect([...sut.groups]).toEqual([]);
    expect(sut.totalTime).toBe(0n);
    expect(sut.totalTimeInServices).toBe(0n);
  });

  it('gives a zero span for a single status', () => {
    const sut = computeDurations([status('ingress', null, 'received', '2026-11-28T10:00:00Z')]);
    expect(durationReportToJson(sut)).toEqual({
      'ingress:undefined': '00:00:00.000000',
      total_time_in_services: '00:00:00.000000',
      total_time: '00:00:00.000000',
    });
  });

  it('measures a single group from its earliest to its latest status', () => {
    const sut = computeDurations([
      status('ingress', null, 'received', '2026-11-28T10:00:00Z'),
      status('ingress', null, 'processing', '2026-11-28T10:00:02Z'),
      status('ingress', null, 'success', '2026-11-28T10:00:05.625Z'),
    ]);
    expect(durationReportToJson(sut)).toEqual({
      'ingress:undefined': '00:00:05.625000',
      total_time_in_services: '00:00:05.625000',
      total_time: '00:00:05.625000',
    });
  });

  it('sums group spans and measures the total span across several groups', () => {
    const sut = computeDurations([
      status('ingress', null, 'received', '2026-11-28T10:00:00Z'),
      status('ingress', null, 'success', '2026-11-28T10:00:01Z'),
      status('puptoo', 'inventory', 'received', '2026-11-28T10:00:03Z'),
      status('puptoo', 'inventory', 'success', '2026-11-28T10:00:07Z'),
      status('inventory', 'insights-client', 'received', '2026-11-28T10:00:10Z'),
      status('inventory', 'insights-client', 'success', '2026-11-28T10:00:12.5Z'),
    ]);
    expect(durationReportToJson(sut)).toEqual({
      'ingress:undefined': '00:00:01.000000',
      'puptoo:inventory': '00:00:04.000000',
      'inventory:insights-client': '00:00:02.500000',
      total_time_in_services: '00:00:07.500000',
      total_time: '00:00:12.500000',
    });
  });

  it('separates the same service by source, with no source as undefined', () => {
    const sut = computeDurations([
      status('inventory', null, 'received', '2026-11-28T10:00:00Z'),
      status('inventory', null, 'success', '2026-11-28T10:00:01Z'),
      status('inventory', 'puptoo', 'received', '2026-11-28T10:00:00Z'),
      status('inventory', 'puptoo', 'success', '2026-11-28T10:00:03Z'),
    ]);
    expect(sut.groups.get('inventory:undefined')).toBe(1_000_000n);
    expect(sut.groups.get('inventory:puptoo')).toBe(3_000_000n);
    expect(sut.totalTimeInServices).toBe(4_000_000n);
    expect(sut.totalTime).toBe(3_000_000n);
  });

  it('gives the same report whatever the order of the statuses', () => {
    const ordered = [
      status('ingress', null, 'received', '2026-11-28T10:00:00Z'),
      status('puptoo', null, 'received', '2026-11-28T10:00:02Z'),
      status('ingress', null, 'success', '2026-11-28T10:00:04Z'),
      status('puptoo', null, 'success', '2026-11-28T10:00:09Z'),
    ];
    const shuffled = [ordered[3], ordered[1], ordered[0], ordered[2]].filter(
      (s) => s !== undefined,
    );
    const sut = computeDurations(shuffled);
    expect(Object.entries(durationReportToJson(sut))).toEqual(
      Object.entries(durationReportToJson(computeDurations(ordered))),
    );
    expect(sut.groups.get('ingress:undefined')).toBe(4_000_000n);
    expect(sut.totalTime).toBe(9_000_000n);
  });

  it('orders groups by their first date, then by key', () => {
    const sut = computeDurations([
      status('zeta', null, 'received', '2026-11-28T10:00:05Z'),
      status('beta', null, 'received', '2026-11-28T10:00:00Z'),
      status('alpha', null, 'received', '2026-11-28T10:00:00Z'),
    ]);
    expect([...sut.groups.keys()]).toEqual(['alpha:undefined', 'beta:undefined', 'zeta:undefined']);
  });

  it('shows hours beyond 24 without wrapping', () => {
    const sut = computeDurations([
      status('ingress', null, 'received', '2026-11-27T07:00:00Z'),
      status('ingress', null, 'success', '2026-11-28T10:03:00Z'),
    ]);
    expect(durationReportToJson(sut)['total_time']).toBe('27:03:00.000000');
  });

  it('keeps sub-millisecond precision', () => {
    const sut = computeDurations([
      status('ingress', null, 'received', '2026-11-28T10:00:00.000001Z'),
      status('ingress', null, 'success', '2026-11-28T10:00:00.000999Z'),
      status('puptoo', null, 'received', '2026-11-28T10:00:00.000500Z'),
      status('puptoo', null, 'success', '2026-11-28T10:00:00.000750Z'),
    ]);
    expect(durationReportToJson(sut)).toEqual({
      'ingress:undefined': '00:00:00.000998',
      'puptoo:undefined': '00:00:00.000250',
      total_time_in_services: '00:00:00.001248',
      total_time: '00:00:00.000998',
    });
  });

  it('measures statuses with different offsets on one UTC time line', () => {
    const sut = computeDurations([
      status('ingress', null, 'received', '2026-11-28T12:00:00+02:00'),
      status('ingress', null, 'success', '2026-11-28T10:00:30Z'),
    ]);
    expect(sut.totalTime).toBe(30_000_000n);
  });
});
