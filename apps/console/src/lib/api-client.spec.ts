import { ApiClient } from './api-client';

/** A fetch that answers one canned response and records what it was asked. */
function fakeFetch(answer: () => Promise<Response>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return answer();
    },
  };
}

const json = (status: number, body: unknown): Promise<Response> =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('ApiClient', () => {
  it('asks the API beside the console and hands back its JSON', async () => {
    const fake = fakeFetch(() => json(200, { count: 0, elapsed: 0, data: [] }));
    const sut = new ApiClient('/app/payload-tracker/api/v1', fake.fetch);
    await expect(sut.listPayloads('?state=failed')).resolves.toEqual({
      ok: true,
      value: { count: 0, elapsed: 0, data: [] },
    });
    expect(fake.urls).toEqual(['/app/payload-tracker/api/v1/payloads?state=failed']);
  });

  it('URL-encodes the request id', async () => {
    const fake = fakeFetch(() => json(200, { data: [], duration: {} }));
    await new ApiClient('/api/v1', fake.fetch).payloadStatuses('a b/c');
    expect(fake.urls).toEqual(['/api/v1/payloads/a%20b%2Fc']);
  });

  it.each([
    [404, 'not_found'],
    [400, 'bad_request'],
    [503, 'unavailable'],
    [502, 'unavailable'],
    [429, 'failed'],
    [500, 'failed'],
  ] as const)('reports a %d as %s with the message of the error body', async (status, kind) => {
    const fake = fakeFetch(() => json(status, { title: 'x', message: 'what was wrong', status }));
    await expect(new ApiClient('/api/v1', fake.fetch).payloadStatuses('r')).resolves.toEqual({
      ok: false,
      failure: { kind, status, message: 'what was wrong' },
    });
  });

  it('reports an error without a JSON body by its status', async () => {
    const fake = fakeFetch(() =>
      Promise.resolve(new Response('<html>', { status: 504, statusText: 'Gateway Timeout' })),
    );
    await expect(new ApiClient('/api/v1', fake.fetch).serviceStats('x')).resolves.toEqual({
      ok: false,
      failure: {
        kind: 'unavailable',
        status: 504,
        message: 'The API answered 504 Gateway Timeout',
      },
    });
  });

  it('reports no answer at all as the API being unavailable', async () => {
    const fake = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await new ApiClient('/api/v1', fake.fetch).archiveRole();
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unavailable' } });
  });

  it('builds the events URL with the last status id it has', () => {
    const sut = new ApiClient('/api/v1');
    expect(sut.eventsUrl('abc', 42)).toBe('/api/v1/payloads/abc/events?last_event_id=42');
    expect(sut.eventsUrl('abc', undefined)).toBe('/api/v1/payloads/abc/events');
  });
});
