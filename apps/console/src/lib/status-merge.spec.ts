import type { PayloadStatuses, PayloadSummary, StatusRow } from './api-types';
import { applyStatusEvent, lastStatusId, mergeStatuses } from './status-merge';

const row = (id: number, status: string): StatusRow => ({
  id,
  request_id: 'r',
  service: 'ingress',
  status,
  date: `2026-11-28T10:00:0${id.toString()}.000000Z`,
  created_at: `2026-11-28T10:00:0${id.toString()}.000000Z`,
});

const summary = (state: PayloadSummary['state']): PayloadSummary => ({ state, groups: [] });

const payload: PayloadStatuses = {
  data: [row(3, 'processing'), row(1, 'received')],
  duration: {},
  summary: summary('in_progress'),
};

describe('live statuses', () => {
  it('resumes after the highest status id', () => {
    expect(lastStatusId(payload.data)).toBe(3);
    expect(lastStatusId([])).toBeUndefined();
  });

  it('adds the new row first and replaces the summary', () => {
    const sut = applyStatusEvent(payload, { ...row(4, 'success'), summary: summary('succeeded') });
    expect(sut.data.map((r) => r.id)).toEqual([4, 3, 1]);
    expect(sut.data[0]).not.toHaveProperty('summary');
    expect(sut.summary?.state).toBe('succeeded');
  });

  it('keeps a replayed row once', () => {
    const sut = applyStatusEvent(payload, {
      ...row(3, 'processing'),
      summary: summary('in_progress'),
    });
    expect(sut.data.map((r) => r.id)).toEqual([3, 1]);
  });

  it('takes a fresh load that has every row shown, summary and durations included', () => {
    const fresh: PayloadStatuses = {
      data: [row(4, 'success'), row(3, 'processing'), row(1, 'received')],
      duration: { total_time: '00:00:03.000000' },
      summary: summary('succeeded'),
    };
    expect(mergeStatuses(payload, fresh)).toEqual(fresh);
  });

  it('keeps the newer summary of an event the fresh load missed, and every row once', () => {
    const shown = applyStatusEvent(payload, { ...row(5, 'error'), summary: summary('failed') });
    const fresh: PayloadStatuses = {
      data: [row(4, 'success'), row(3, 'processing'), row(1, 'received')],
      duration: {},
      summary: summary('succeeded'),
    };
    const sut = mergeStatuses(shown, fresh);
    expect(sut.data.map((r) => r.id)).toEqual([5, 4, 3, 1]);
    expect(sut.summary?.state).toBe('failed');
  });
});
