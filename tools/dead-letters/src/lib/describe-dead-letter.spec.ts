import { describeDeadLetter, formatDeadLetter } from './describe-dead-letter';

const CONTRACT_HEADERS = {
  'x-error-reason': 'message_too_large',
  'x-error-detail': 'the message is 1200000 bytes, the maximum is 1048576',
  'x-original-topic': 'platform.payload-status',
  'x-original-partition': '4',
  'x-original-offset': '812',
};

describe('describeDeadLetter', () => {
  it('reads a stand-in: the request id from the kept prefix, the original size and digest', () => {
    const sut = describeDeadLetter({
      key: Buffer.from('the-key'),
      value: Buffer.from('{"service": "ingress", "request_id": "abc123", "padding": "zzzz'),
      headers: {
        ...CONTRACT_HEADERS,
        'x-value-truncated': Buffer.from('true'),
        'x-original-value-bytes': Buffer.from('1200000'),
        'x-original-value-sha256': Buffer.from('9f86d081'),
      },
      offset: '3',
      timestamp: '1764669578101',
    });

    expect(sut).toMatchObject({
      reason: 'message_too_large',
      requestId: 'abc123',
      key: 'the-key',
      origin: 'platform.payload-status/4@812',
      truncated: { originalBytes: 1_200_000, sha256: '9f86d081' },
    });
    expect(formatDeadLetter(sut)).toContain('truncated=1200000B sha256=9f86d081');
  });

  it('says nothing about truncation for a whole letter', () => {
    const sut = describeDeadLetter({
      key: null,
      value: Buffer.from('{"request_id": "abc123"'),
      headers: CONTRACT_HEADERS,
      offset: '4',
      timestamp: '1764669578101',
    });

    expect(sut.truncated).toBeNull();
    expect(formatDeadLetter(sut)).not.toContain('truncated=');
  });
});
