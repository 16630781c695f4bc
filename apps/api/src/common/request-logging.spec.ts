import { requestContext, requestLineLevel, requestLogFields } from './request-logging';

describe('requestLineLevel', () => {
  it('writes a line per request only at debug and below', () => {
    expect(requestLineLevel('debug', 200)).toBe('debug');
    expect(requestLineLevel('trace', 404)).toBe('debug');
    expect(requestLineLevel('info', 200)).toBeUndefined();
    expect(requestLineLevel('warn', 429)).toBeUndefined();
  });

  it('always writes failed requests at error', () => {
    expect(requestLineLevel('info', 503)).toBe('error');
    expect(requestLineLevel('debug', 500)).toBe('error');
    expect(requestLineLevel('error', 500)).toBe('error');
  });
});

describe('requestLogFields', () => {
  it('carries the correlation id, method and url of the request being handled', async () => {
    expect(requestLogFields()).toEqual({});
    const fields = await requestContext.run(
      { correlationId: 'trace-1', method: 'GET', url: '/api/v1/payloads' },
      async () => {
        await Promise.resolve();
        return requestLogFields();
      },
    );
    expect(fields).toEqual({
      correlation_id: 'trace-1',
      req: { method: 'GET', url: '/api/v1/payloads' },
    });
  });
});
