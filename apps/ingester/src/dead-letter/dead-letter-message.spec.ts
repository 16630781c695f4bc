import { createHash } from 'node:crypto';

import type { DeadLetter } from './dead-letter-message';
import {
  REQUEST_OVERHEAD_BYTES,
  STAND_IN_VALUE_PREFIX_BYTES,
  deadLetterMessage,
  estimatedRecordBytes,
  fittedDeadLetter,
  packDeadLetters,
  smallerDeadLetter,
} from './dead-letter-message';

function letter(
  valueBytes: number,
  offset = 7,
  headers: Record<string, string> = { 'x-trace': 'abc' },
): DeadLetter {
  return {
    topic: 'statuses',
    partition: 2,
    offset: String(offset),
    key: Buffer.from('the-key'),
    value: Buffer.alloc(valueBytes, 'v'),
    headers,
    reason: 'invalid_json',
    detail: 'Unexpected end of JSON input',
  };
}

describe('dead-letter messages', () => {
  it('writes the original key, value and headers with the contract headers', () => {
    const sut = deadLetterMessage(letter(10), 'original');

    expect(sut.message).toEqual({
      key: Buffer.from('the-key'),
      value: Buffer.alloc(10, 'v'),
      headers: {
        'x-trace': 'abc',
        'x-error-reason': 'invalid_json',
        'x-error-detail': 'Unexpected end of JSON input',
        'x-original-topic': 'statuses',
        'x-original-partition': '2',
        'x-original-offset': '7',
      },
    });
  });

  it('counts key, value and every header with their overhead, never less than their bytes', () => {
    const message = { key: 'k', value: 'é', headers: { a: 'b', c: ['d', Buffer.from('ee')] } };

    const sut = estimatedRecordBytes(message);

    // 1 + 2 payload bytes and 2 + 2 + 3 header bytes, plus the record's and each header's overhead.
    expect(sut).toBe(40 + 3 + 3 * 10 + 7);
  });

  it('shrinks a letter through stand-ins that keep the key, headers, reason and the digest of the original', () => {
    const original = letter(5000);
    const digest = createHash('sha256')
      .update(original.value ?? Buffer.alloc(0))
      .digest('hex');

    const prefix = smallerDeadLetter(deadLetterMessage(original, 'original'));
    const empty = prefix === undefined ? undefined : smallerDeadLetter(prefix);
    const bare = empty === undefined ? undefined : smallerDeadLetter(empty);

    const standInHeaders = {
      'x-error-reason': 'invalid_json',
      'x-original-offset': '7',
      'x-value-truncated': 'true',
      'x-original-value-bytes': '5000',
      'x-original-value-sha256': digest,
    };
    expect(prefix?.form).toBe('value-prefix');
    expect(prefix?.message.key).toEqual(Buffer.from('the-key'));
    expect(prefix?.message.value).toEqual(Buffer.alloc(STAND_IN_VALUE_PREFIX_BYTES, 'v'));
    expect(prefix?.message.headers).toMatchObject({ 'x-trace': 'abc', ...standInHeaders });
    expect(empty?.form).toBe('no-value');
    expect(empty?.message.value).toEqual(Buffer.alloc(0));
    expect(empty?.message.headers).toMatchObject({ 'x-trace': 'abc', ...standInHeaders });
    expect(bare?.form).toBe('no-original-headers');
    expect(bare?.message.headers).not.toHaveProperty('x-trace');
    expect(bare?.message.headers).toMatchObject({
      ...standInHeaders,
      'x-original-headers-dropped': 'true',
    });
    expect(bare === undefined ? 'none' : smallerDeadLetter(bare)).toBeUndefined();
  });

  it('keeps a letter whole when it fits a request, and picks the largest stand-in that fits otherwise', () => {
    const limit = 4096;

    expect(fittedDeadLetter(letter(limit - REQUEST_OVERHEAD_BYTES - 300), limit).form).toBe(
      'original',
    );
    expect(fittedDeadLetter(letter(limit), limit).form).toBe('value-prefix');
    expect(fittedDeadLetter(letter(10, 7, { 'x-big': 'h'.repeat(limit) }), limit).form).toBe(
      'no-original-headers',
    );
  });

  it('packs letters in order into requests that stay under the limit with their overhead', () => {
    const limit = 20_000;
    const letters = Array.from({ length: 50 }, (_, index) =>
      fittedDeadLetter(letter(1000, index), limit),
    );

    const sut = packDeadLetters(letters, limit);

    expect(sut.flat().map((outgoing) => outgoing.letter.offset)).toEqual(
      letters.map((outgoing) => outgoing.letter.offset),
    );
    expect(sut.length).toBeGreaterThan(2);
    for (const request of sut) {
      const bytes = request.reduce((sum, outgoing) => sum + outgoing.bytes, REQUEST_OVERHEAD_BYTES);
      expect(bytes).toBeLessThanOrEqual(limit);
    }
    expect(packDeadLetters([], limit)).toEqual([]);
  });

  it('sends a letter larger than the limit on its own rather than never', () => {
    const big = deadLetterMessage(letter(10_000), 'original');
    const small = deadLetterMessage(letter(10), 'original');

    const sut = packDeadLetters([small, big, small], 4096);

    expect(sut.map((request) => request.map((outgoing) => outgoing.message.value?.length))).toEqual(
      [[10], [10_000], [10]],
    );
  });
});
