import { ApiError } from '../common/api-error';
import { readLastEventId } from './last-event-id';

describe('readLastEventId', () => {
  it.each([
    [undefined, undefined, undefined],
    ['', '', undefined],
    ['42', undefined, '42'],
    ['42', '7', '42'],
    [undefined, '7', '7'],
    ['', '7', '7'],
    ['0', undefined, '0'],
    ['9223372036854775807', undefined, '9223372036854775807'],
  ])('reads header %j and query %j as %j', (header, query, expected) => {
    expect(readLastEventId(header, query)).toBe(expected);
  });

  it.each([
    ['abc', undefined, /^Last-Event-ID must/],
    ['-1', undefined, /^Last-Event-ID must/],
    ['1.5', undefined, /^Last-Event-ID must/],
    ['007', undefined, /^Last-Event-ID must/],
    ['9223372036854775808', undefined, /^Last-Event-ID must/],
    [undefined, 'x', /^last_event_id must/],
  ])('refuses header %j, query %j', (header, query, message) => {
    expect(() => readLastEventId(header, query)).toThrow(ApiError);
    expect(() => readLastEventId(header, query)).toThrow(message);
  });
});
