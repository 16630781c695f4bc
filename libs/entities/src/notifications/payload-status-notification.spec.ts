import {
  parsePayloadStatusNotification,
  payloadStatusNotifications,
} from './payload-status-notification';

describe('payloadStatusNotifications', () => {
  it.each([
    [[], 100, []],
    [['1'], 100, ['1']],
    [['1', '22', '1', '333'], 100, ['1,22,333']],
    [['1', '22', '333'], 4, ['1,22', '333']],
    [['1', '22', '333'], 3, ['1', '22', '333']],
    [['4444', '55555'], 10, ['4444,55555']],
    [['4444', '55555'], 9, ['4444', '55555']],
  ])('splits %j under %i bytes into %j', (ids, maxBytes, expected) => {
    expect(payloadStatusNotifications(ids, maxBytes)).toEqual(expected);
  });

  it('keeps every payload of a large batch under the limit, every id exactly once', () => {
    const ids = Array.from({ length: 5000 }, (_, index) => String(9_000_000_000 + index));
    const sut = payloadStatusNotifications(ids);
    expect(sut.length).toBeGreaterThan(1);
    expect(Math.max(...sut.map((payload) => Buffer.byteLength(payload)))).toBeLessThan(8000);
    expect(sut.flatMap(parsePayloadStatusNotification)).toEqual(ids);
  });

  it('refuses what is not a payload id', () => {
    expect(() => payloadStatusNotifications(['1', '1,2'])).toThrow(/Not a payload id/);
  });
});

describe('parsePayloadStatusNotification', () => {
  it.each([
    ['1,22,333', ['1', '22', '333']],
    ['7', ['7']],
    ['', []],
    ['1,x,,02,3', ['1', '3']],
  ])('reads %j as %j', (payload, expected) => {
    expect(parsePayloadStatusNotification(payload)).toEqual(expected);
  });
});
