import { MIN_BAR_PERCENT, buildTimeline } from './timeline';
import type { TimelineGroup, TimelineStatus } from './timeline';

const group = (
  service: string,
  source: string | undefined,
  first_at: string,
  last_at: string,
  duration: string,
  state: TimelineGroup['state'] = 'succeeded',
): TimelineGroup => ({ service, source, state, first_at, last_at, duration });

const status = (
  id: number,
  service: string,
  source: string | undefined,
  name: string,
  date: string,
): TimelineStatus => ({ id, service, source, status: name, date });

const T0 = '2026-11-28T10:00:00.000000Z';
const T2 = '2026-11-28T10:00:02.000000Z';
const T5 = '2026-11-28T10:00:05.000000Z';
const T10 = '2026-11-28T10:00:10.000000Z';

describe('buildTimeline', () => {
  it('puts every group on one axis from the first start to the last end', () => {
    const sut = buildTimeline(
      [
        group('ingress', undefined, T0, T2, '00:00:02.000000'),
        group('puptoo', 'client', T5, T10, '00:00:05.000000', 'failed'),
      ],
      [],
    );
    expect(sut.start).toBe(T0);
    expect(sut.end).toBe(T10);
    expect(sut.spanMicros).toBe(10_000_000n);
    expect(sut.rows.map((row) => [row.key, row.startPercent, row.widthPercent, row.state])).toEqual(
      [
        ['ingress:undefined', 0, 20, 'succeeded'],
        ['puptoo:client', 50, 50, 'failed'],
      ],
    );
  });

  it('writes each group duration for people and keeps the exact one', () => {
    const [row] = buildTimeline([group('ingress', undefined, T0, T5, '00:00:05.625000')], []).rows;
    expect(row).toMatchObject({ duration: '00:00:05.625000', durationForPeople: '5.6 s' });
  });

  it('marks each status on its own group row, in time order', () => {
    const sut = buildTimeline(
      [
        group('ingress', undefined, T0, T2, '00:00:02.000000'),
        group('puptoo', 'client', T5, T10, '00:00:05.000000'),
      ],
      [
        status(3, 'puptoo', 'client', 'success', T10),
        status(1, 'ingress', undefined, 'received', T0),
        status(2, 'puptoo', 'client', 'received', T5),
        status(4, 'ingress', undefined, 'success', T2),
      ],
    );
    expect(sut.rows.map((row) => row.marks.map((mark) => [mark.status, mark.leftPercent]))).toEqual(
      [
        [
          ['received', 0],
          ['success', 20],
        ],
        [
          ['received', 50],
          ['success', 100],
        ],
      ],
    );
  });

  it('keeps a zero-length group visible and inside the axis', () => {
    const sut = buildTimeline(
      [
        group('ingress', undefined, T0, T5, '00:00:05.000000'),
        group('inventory', undefined, T5, T5, '00:00:00.000000'),
      ],
      [],
    );
    const last = sut.rows[1];
    expect(last?.widthPercent).toBe(MIN_BAR_PERCENT);
    expect((last?.startPercent ?? 0) + (last?.widthPercent ?? 0)).toBeLessThanOrEqual(100);
  });

  it('labels ticks at quarters of the axis with the time since its start', () => {
    const sut = buildTimeline([group('ingress', undefined, T0, T10, '00:00:10.000000')], []);
    expect(sut.ticks).toEqual([
      { percent: 0, label: '0 s' },
      { percent: 25, label: '+2.5 s' },
      { percent: 50, label: '+5.0 s' },
      { percent: 75, label: '+7.5 s' },
      { percent: 100, label: '+10 s' },
    ]);
  });

  it('draws a payload whose statuses all share one instant', () => {
    const sut = buildTimeline(
      [group('ingress', undefined, T0, T0, '00:00:00.000000')],
      [status(1, 'ingress', undefined, 'received', T0)],
    );
    expect(sut.rows[0]).toMatchObject({ startPercent: 0, widthPercent: MIN_BAR_PERCENT });
    expect(sut.rows[0]?.marks[0]?.leftPercent).toBe(0);
    expect(sut.ticks).toEqual([{ percent: 0, label: '0 s' }]);
  });

  it('has no rows without groups', () => {
    expect(buildTimeline([], [])).toEqual({ spanMicros: 0n, rows: [], ticks: [] });
  });
});
