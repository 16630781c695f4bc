import { findRequestId } from './find-request-id';

const ID = '0123456789abcdef0123456789abcdef';

describe('findRequestId', () => {
  it.each([
    ['a valid-looking message', JSON.stringify({ service: 'ingress', request_id: ID }), ID],
    ['JSON cut off after the id', `{"service":"ingress","request_id":"${ID}","stat`, ID],
    [
      'JSON cut off inside the id',
      `{"service":"ingress","request_id":"${ID.slice(0, 9)}`,
      ID.slice(0, 9),
    ],
    ['an array around the object', JSON.stringify([{ request_id: ID }]), ID],
    ['a numeric id', JSON.stringify({ request_id: 42 }), '42'],
    ['an id with an escaped quote', String.raw`{"request_id":"a\"b"`, 'a"b'],
    ['a bare word in broken JSON', '{"request_id": abc, "x"', 'abc'],
    ['spaces around the colon', `{ "request_id" :  "${ID}" ,`, ID],
  ])('finds it in %s', (_case, value, expected) => {
    expect(findRequestId(Buffer.from(value))).toBe(expected);
  });

  it.each([
    ['no value', null],
    ['plain text', Buffer.from('not json at all')],
    ['JSON without the field', Buffer.from(JSON.stringify({ service: 'ingress' }))],
    ['a null id', Buffer.from('{"request_id": null}')],
    ['a JSON string', Buffer.from('"request_id"')],
  ])('finds none in %s', (_case, value) => {
    expect(findRequestId(value)).toBeUndefined();
  });
});
