import { isTimeWindow, windowStart } from './time-window';

const NOW = Date.parse('2026-11-28T10:00:00.000Z');

describe('windowStart', () => {
  it.each([
    ['1h', '2026-11-28T09:00:00.000Z'],
    ['6h', '2026-11-28T04:00:00.000Z'],
    ['24h', '2026-11-27T10:00:00.000Z'],
    ['7d', '2026-11-21T10:01:00.000Z'],
  ] as const)('starts %s at %s', (window, expected) => {
    expect(windowStart(window, NOW)).toBe(expected);
  });
});

describe('isTimeWindow', () => {
  it.each([
    ['1h', true],
    ['7d', true],
    ['2h', false],
    ['toString', false],
    [null, false],
  ])('says %p is a window: %p', (value, expected) => {
    expect(isTimeWindow(value)).toBe(expected);
  });
});
