import {
  addDays,
  ceilDay,
  daysToPrepare,
  floorDay,
  partitionName,
  retentionCutoffDay,
  selectExpiredPartitions,
  toUtcDay,
} from './partition-days';

describe('partition days', () => {
  it.each([
    ['2026-11-28', 1, '2026-11-29'],
    ['2026-11-30', 1, '2026-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-28', -400, '2025-10-24'],
  ])('adds to %s %i days giving %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });

  it('rejects text that is not a calendar day', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => partitionName('28/11/2026', '2026-11-29')).toThrow(RangeError);
  });

  it('names a partition after its start and stop days', () => {
    expect(partitionName('2026-11-28', '2026-11-29')).toBe('partition_20261128_20261129');
    expect(partitionName('1999-12-31', '2000-01-01')).toBe('partition_19991231_20000101');
  });

  it('takes the UTC day of an instant, whatever the local offset said', () => {
    expect(toUtcDay(new Date('2026-11-28T23:30:00-02:00'))).toBe('2026-11-29');
    expect(toUtcDay(new Date('2026-11-28T00:30:00+02:00'))).toBe('2026-11-27');
  });

  it('prepares today and the days ahead', () => {
    expect(daysToPrepare('2026-12-30', 2)).toEqual([
      { start: '2026-12-30', stop: '2026-12-31' },
      { start: '2026-12-31', stop: '2027-01-01' },
      { start: '2027-01-01', stop: '2027-01-02' },
    ]);
    expect(daysToPrepare('2026-12-30', 0)).toEqual([{ start: '2026-12-30', stop: '2026-12-31' }]);
  });

  it('keeps today and the retention days before it', () => {
    expect(retentionCutoffDay(new Date('2026-11-28T23:59:59.999Z'), 7)).toBe('2026-11-21');
    expect(retentionCutoffDay(new Date('2026-11-28T00:00:00Z'), 7)).toBe('2026-11-21');
    expect(retentionCutoffDay(new Date('2026-03-02T12:00:00Z'), 1)).toBe('2026-03-01');
  });

  it('selects every partition that ends at or before the cutoff, including long-missed ones', () => {
    const partitions = [
      { name: 'old', from: '2001-01-01T00:00:00.000000Z', to: '2001-01-02T00:00:00.000000Z' },
      { name: 'edge', from: '2026-11-20T00:00:00.000000Z', to: '2026-11-21T00:00:00.000000Z' },
      { name: 'kept', from: '2026-11-21T00:00:00.000000Z', to: '2026-11-22T00:00:00.000000Z' },
      { name: 'odd', from: '2026-11-20T12:00:00.000000Z', to: '2026-11-21T12:00:00.000000Z' },
    ];
    expect(selectExpiredPartitions(partitions, '2026-11-21').map((p) => p.name)).toEqual([
      'old',
      'edge',
    ]);
  });

  it('rounds instants outwards to whole days', () => {
    expect(floorDay('2026-11-20T12:00:00.000000Z')).toBe('2026-11-20');
    expect(ceilDay('2026-11-20T12:00:00.000000Z')).toBe('2026-11-21');
    expect(ceilDay('2026-11-21T00:00:00.000000Z')).toBe('2026-11-21');
    expect(floorDay('2026-11-21T00:00:00.000000Z')).toBe('2026-11-21');
  });
});
