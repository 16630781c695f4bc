import {
  MAX_LOGGED_CHARS,
  SCANNED_PREFIX_BYTES,
  refusedMessageFields,
} from './refused-message-fields';

const REQUEST_ID = '0123456789abcdef0123456789abcdef';

function fieldsOf(value: string | Buffer | null, key: string | Buffer | null = null): object {
  return refusedMessageFields({
    key: typeof key === 'string' ? Buffer.from(key) : key,
    value: typeof value === 'string' ? Buffer.from(value) : value,
  });
}

describe('refusedMessageFields', () => {
  it.each<[string, string | Buffer | null, object]>([
    [
      'a whole JSON object',
      JSON.stringify({ request_id: REQUEST_ID, date: 'x' }),
      { requestId: REQUEST_ID },
    ],
    ['a numeric request id', '{"request_id": 42}', { requestId: '42' }],
    [
      'truncated JSON',
      `{"service":"a","request_id" : "${REQUEST_ID}","sta`,
      { requestId: REQUEST_ID },
    ],
    ['escapes in the id', '{"request_id": "a\\"b\\u0063", "x": ', { requestId: 'a"bc' }],
    [
      'a too-long id, bounded',
      JSON.stringify({ request_id: 'r'.repeat(1000) }),
      { requestId: 'r'.repeat(MAX_LOGGED_CHARS) },
    ],
    [
      'an id early in a value too large to parse',
      `{"request_id":"${REQUEST_ID}","padding":"${'y'.repeat(2 * SCANNED_PREFIX_BYTES)}"}`,
      { requestId: REQUEST_ID },
    ],
    [
      'an id beyond the scanned prefix',
      `{"padding":"${'y'.repeat(SCANNED_PREFIX_BYTES)}","request_id":"${REQUEST_ID}"}`,
      {},
    ],
    ['only a nested id in a whole object', '{"meta": {"request_id": "nested"}}', {}],
    ['an id that is neither text nor number', '{"request_id": {"id": 1}}', {}],
    ['an empty id', '{"request_id": ""}', {}],
    ['a JSON array', '["request_id"]', {}],
    [
      'invalid UTF-8 around the id',
      Buffer.concat([Buffer.from('{"request_id":"abc",'), Buffer.from([0xff, 0xfe])]),
      { requestId: 'abc' },
    ],
    ['no value', null, {}],
    ['an empty value', '', {}],
  ])('reads the request id from %s', (_case, value, expected) => {
    expect(fieldsOf(value)).toEqual(expected);
  });

  it('gives the key as text, bounded, and leaves it out when there is none', () => {
    expect(fieldsOf('{}', 'key-1')).toEqual({ key: 'key-1' });
    expect(fieldsOf('{}', 'é'.repeat(400))).toEqual({ key: 'é'.repeat(MAX_LOGGED_CHARS) });
    expect(fieldsOf('{}', null)).toEqual({});
  });
});
