import { parseTimestamp } from '@payload-tracker/status-lifecycle';

import { ApiError } from '../common/api-error';
import { resolveStatsWindow } from './stats-window';

function at(text: string): bigint {
  const micros = parseTimestamp(text);
  if (micros === null) throw new Error(`bad timestamp ${text}`);
  return micros;
}

const NOW = at('2026-11-28T10:17:42.5Z');

describe('resolveStatsWindow', () => {
  it('defaults to the hour before now, rounded outwards to whole minutes', () => {
    expect(resolveStatsWindow({ now: NOW, retentionDays: 7 })).toEqual({
      since: at('2026-11-28T09:17:00Z'),
      until: at('2026-11-28T10:18:00Z'),
      hoursFrom: at('2026-11-28T10:00:00Z'),
      hoursTo: at('2026-11-28T10:00:00Z'),
    });
  });

  it('refuses an until that rounds up past year 9999, and accepts the last whole minute', () => {
    const resolve = (until: string) => () =>
      resolveStatsWindow({ until: at(until), now: NOW, retentionDays: 7 });
    expect(resolve('9999-12-31T23:59:59.999999Z')).toThrow(
      'until must be 9999-12-31T23:59:00.000000Z or earlier',
    );
    expect(resolve('9999-12-31T23:59:00.000001Z')).toThrow(ApiError);
    expect(resolve('9999-12-31T23:59:00Z')).not.toThrow();
  });

  it('defaults since to an hour before a given until', () => {
    const sut = resolveStatsWindow({
      until: at('2026-11-28T08:00:00Z'),
      now: NOW,
      retentionDays: 7,
    });
    expect(sut).toMatchObject({
      since: at('2026-11-28T07:00:00Z'),
      until: at('2026-11-28T08:00:00Z'),
    });
  });

  it.each([
    // since, until, hoursFrom, hoursTo
    [
      '2026-11-28T06:00:00Z',
      '2026-11-28T09:00:00Z',
      '2026-11-28T06:00:00Z',
      '2026-11-28T09:00:00Z',
    ],
    [
      '2026-11-28T06:30:10Z',
      '2026-11-28T09:10:00Z',
      '2026-11-28T07:00:00Z',
      '2026-11-28T09:00:00Z',
    ],
    [
      '2026-11-28T06:30:00Z',
      '2026-11-28T07:10:00Z',
      '2026-11-28T07:00:00Z',
      '2026-11-28T07:00:00Z',
    ],
    [
      '2026-11-28T06:30:00Z',
      '2026-11-28T06:50:00Z',
      '2026-11-28T06:50:00Z',
      '2026-11-28T06:50:00Z',
    ],
  ])(
    'reads hour buckets inside %s..%s only for whole hours',
    (since, until, hoursFrom, hoursTo) => {
      const sut = resolveStatsWindow({
        since: at(since),
        until: at(until),
        now: NOW,
        retentionDays: 7,
      });
      expect(sut.hoursFrom).toBe(at(hoursFrom));
      expect(sut.hoursTo).toBe(at(hoursTo));
      expect(
        sut.since <= sut.hoursFrom && sut.hoursFrom <= sut.hoursTo && sut.hoursTo <= sut.until,
      ).toBe(true);
    },
  );

  it.each([
    [
      { since: at('2026-11-28T09:00:00Z'), until: at('2026-11-28T09:00:00Z') },
      /^since must be earlier than until/,
    ],
    [
      { since: at('2026-11-28T09:00:01Z'), until: at('2026-11-28T09:00:00Z') },
      /^since must be earlier than until/,
    ],
    [
      { since: at('2026-11-27T10:30:00Z'), until: at('2026-11-28T10:31:00Z') },
      /window from since to until must be at most 1 days/,
    ],
    [
      { since: at('2026-11-27T10:16:59Z') },
      /^since must be no earlier than 1 days .* 2026-11-27T10:17:00.000000Z or later/,
    ],
  ])('refuses %j naming the parameter', (window, message) => {
    expect(() => resolveStatsWindow({ ...window, now: NOW, retentionDays: 1 })).toThrow(ApiError);
    expect(() => resolveStatsWindow({ ...window, now: NOW, retentionDays: 1 })).toThrow(message);
  });

  it('accepts a window of exactly the retention, starting up to a minute before it', () => {
    const sut = resolveStatsWindow({
      since: at('2026-11-27T10:17:00Z'),
      now: NOW,
      retentionDays: 1,
    });
    expect(sut.since).toBe(at('2026-11-27T10:17:00Z'));
  });
});
