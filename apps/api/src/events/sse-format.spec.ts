import { SSE_HEARTBEAT, formatSseEvent, formatSseRetry } from './sse-format';

describe('formatSseEvent', () => {
  it('writes id, event and the data as one JSON line, then a blank line', () => {
    expect(formatSseEvent('42', 'status', { a: 1 })).toBe(
      'id: 42\nevent: status\ndata: {"a":1}\n\n',
    );
  });

  it('keeps line breaks of the data inside its one data line', () => {
    const sut = formatSseEvent('7', 'status', { status_msg: 'one\ntwo\r\nthree' });
    expect(sut.split('\n')).toEqual([
      'id: 7',
      'event: status',
      'data: {"status_msg":"one\\ntwo\\r\\nthree"}',
      '',
      '',
    ]);
  });
});

describe('the other lines', () => {
  it('writes the heartbeat as a comment and the retry as a field', () => {
    expect(SSE_HEARTBEAT).toBe(': heartbeat\n\n');
    expect(formatSseRetry(3000)).toBe('retry: 3000\n\n');
  });
});
