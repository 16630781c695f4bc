import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { FakeStorageBroker, identityHeader } from './support/fake-storage-broker';
import type { BrokerBehaviour } from './support/fake-storage-broker';
import { PAYLOADS, R1, UNKNOWN_REQUEST_ID } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

const ROLE = 'platform-archive-download';
const ALLOWED = identityHeader(['other-role', ROLE]);

const ARCHIVE_OK = '11111111111111111111111111111111';
const ARCHIVE_EMPTY = '22222222-2222-2222-2222-222222222222';
const ARCHIVE_MISSING = '33333333333333333333333333333333';
const ARCHIVE_SLOW = '44444444444444444444444444444444';
const ARCHIVE_GARBAGE = '55555555555555555555555555555555';
const ARCHIVE_NO_URL = '66666666666666666666666666666666';
const ARCHIVE_FAILING = '77777777777777777777777777777777';
const ARCHIVE_SCRIPT_URL = '88888888888888888888888888888888';
const ARCHIVE_HUGE = '99999999999999999999999999999999';
const ARCHIVE_RELATIVE_URL = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

const BEHAVIOURS = new Map<string, BrokerBehaviour>([
  [
    ARCHIVE_OK,
    { kind: 'json', status: 200, body: { url: 'https://s3.example.com/archive.tar.gz?sig=a%2Fb' } },
  ],
  [ARCHIVE_EMPTY, { kind: 'json', status: 200, body: { url: '' } }],
  [ARCHIVE_MISSING, { kind: 'json', status: 404, body: { error: 'gone' } }],
  [ARCHIVE_SLOW, { kind: 'slow', delayMs: 3000 }],
  [ARCHIVE_GARBAGE, { kind: 'text', status: 200, body: '<html>oops</html>' }],
  [ARCHIVE_NO_URL, { kind: 'json', status: 200, body: { link: 'https://elsewhere/' } }],
  [ARCHIVE_FAILING, { kind: 'text', status: 500, body: 'boom' }],
  [ARCHIVE_SCRIPT_URL, { kind: 'json', status: 200, body: { url: 'javascript:alert(1)' } }],
  [ARCHIVE_RELATIVE_URL, { kind: 'json', status: 200, body: { url: '/archive.tar.gz' } }],
  // 5 MB of JSON: the api stops reading at 64 KB.
  [
    ARCHIVE_HUGE,
    {
      kind: 'json',
      status: 200,
      body: { url: 'https://s3.example.com/a', pad: 'x'.repeat(5_000_000) },
    },
  ],
]);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('link endpoints', () => {
  let database: TestDatabase;
  let broker: FakeStorageBroker;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, PAYLOADS);
    broker = await FakeStorageBroker.start(BEHAVIOURS);
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      KIBANA_URL: 'https://kibana.example.com/',
      KIBANA_INDEX: 'logs-platform*',
      KIBANA_SERVICE_FIELD: 'app',
      STORAGE_BROKER_URL: broker.url,
      STORAGE_BROKER_TIMEOUT_MS: '300',
    });
  });

  afterAll(async () => {
    await sut.close();
    await broker.stop();
    await database.drop();
  });

  const get = (path: string) => request(sut.getHttpServer()).get(`/api/v1${path}`);

  describe('GET /payloads/{request_id}/kibanaLink', () => {
    it('links to the logs around the first and last status of a known payload', async () => {
      const response = await get(`/payloads/${R1}/kibanaLink`).expect(200);
      expect(response.body).toEqual({
        url:
          "https://kibana.example.com/app/discover#/?_g=(time:(from:'2026-11-20T09%3A00%3A00.123456Z'," +
          "to:'2026-11-20T11%3A00%3A06.000000Z'))&_a=(index:'logs-platform%2A'," +
          `query:(language:kuery,query:'request_id%3A${R1}'))`,
      });
    });

    it('falls back to the last 24 hours for an unknown payload', async () => {
      const response = await get(`/payloads/${UNKNOWN_REQUEST_ID}/kibanaLink`).expect(200);
      expect((response.body as { url: string }).url).toContain('_g=(time:(from:now-24h,to:now))');
    });

    it('accepts the dashed UUID form', async () => {
      await get('/payloads/a1a1a1a1-a1a1-a1a1-a1a1-a1a1a1a1a1a1/kibanaLink').expect(200);
    });

    it('adds the service, URL-encoding odd characters', async () => {
      const service = `a b&c'd"e#f/ü!`;
      const response = await get(
        `/payloads/${R1}/kibanaLink?service=${encodeURIComponent(service)}`,
      ).expect(200);
      const url = (response.body as { url: string }).url;
      const [beforeFragment, fragment] = url.split('#');
      expect(beforeFragment).toBe('https://kibana.example.com/app/discover');
      // Only Rison's own quotes stay literal; the value's quote is escaped (!') and encoded.
      const parts = fragment?.split('&_a=') ?? [];
      expect(parts).toHaveLength(2);
      for (const part of parts) expect(part).not.toMatch(/[\s"#ü&]/);
      expect(fragment).toContain('c%21%27d');
      const appState = decodeURIComponent(fragment?.split('&_a=')[1] ?? '');
      expect(appState).toBe(
        `(index:'logs-platform*',query:(language:kuery,query:'request_id:${R1} AND app:"a b&c!'d\\"e#f/ü!!"'))`,
      );
    });

    it.each(['not-a-uuid', 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a', 'g1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1'])(
      'refuses the request id %s with a 400',
      async (requestId) => {
        const response = await get(`/payloads/${requestId}/kibanaLink`).expect(400);
        expect(response.body).toEqual({
          title: 'Bad Request',
          message: expect.stringContaining('request_id must be a UUID') as string,
          status: 400,
        });
      },
    );
  });

  describe('identity', () => {
    it.each(['/roles/archiveLink', `/payloads/${ARCHIVE_OK}/archiveLink`])(
      'answers 401 on %s without the header',
      async (path) => {
        const response = await get(path).expect(401);
        expect(response.body).toEqual({
          title: 'Unauthorized',
          message: 'The x-rh-identity header is required',
          status: 401,
        });
      },
    );

    it.each([
      ['not base64', '%%%'],
      ['base64 of something else than JSON', Buffer.from('hello').toString('base64')],
      ['base64 of a JSON array', Buffer.from('[1]').toString('base64')],
    ])('answers 401 for %s', async (_case, header) => {
      const response = await get('/roles/archiveLink').set('x-rh-identity', header).expect(401);
      expect((response.body as { status: number }).status).toBe(401);
    });

    it.each([
      ['without the role', identityHeader(['other-role'])],
      [
        'without associate',
        Buffer.from(JSON.stringify({ identity: { type: 'User' } })).toString('base64'),
      ],
      [
        'with a non-array Role',
        Buffer.from(JSON.stringify({ identity: { associate: { Role: ROLE } } })).toString('base64'),
      ],
    ])('answers 403 %s', async (_case, header) => {
      const response = await get('/roles/archiveLink').set('x-rh-identity', header).expect(403);
      expect(response.body).toEqual({
        title: 'Forbidden',
        message: `The role ${ROLE} is required`,
        status: 403,
      });
    });

    it('answers allowed with the role', async () => {
      const response = await get('/roles/archiveLink').set('x-rh-identity', ALLOWED).expect(200);
      expect(response.body).toEqual({ allowed: true });
    });
  });

  describe('GET /payloads/{request_id}/archiveLink', () => {
    const archiveLink = (requestId: string) =>
      get(`/payloads/${requestId}/archiveLink`).set('x-rh-identity', ALLOWED);

    it('answers the broker url, without forwarding the identity header', async () => {
      const response = await archiveLink(ARCHIVE_OK).expect(200);
      expect(response.body).toEqual({ url: 'https://s3.example.com/archive.tar.gz?sig=a%2Fb' });
      const call = broker.received.find((entry) => entry.url.includes(ARCHIVE_OK));
      expect(call?.url).toBe(`http://localhost/archive/url?request_id=${ARCHIVE_OK}`);
      expect(call?.headers).not.toHaveProperty('x-rh-identity');
    });

    it.each([
      ['an empty url', ARCHIVE_EMPTY],
      ['a broker 404', ARCHIVE_MISSING],
    ])('answers 404 for %s', async (_case, requestId) => {
      const response = await archiveLink(requestId).expect(404);
      expect(response.body).toEqual({
        title: 'Not Found',
        message: `No archive for request_id ${requestId}`,
        status: 404,
      });
    });

    it.each([
      ['a broker slower than the timeout', ARCHIVE_SLOW, 'no answer within 300 ms'],
      ['garbage', ARCHIVE_GARBAGE, 'not JSON'],
      ['JSON without url', ARCHIVE_NO_URL, 'without a url'],
      ['a broker error', ARCHIVE_FAILING, 'HTTP 500'],
      ['a javascript: url', ARCHIVE_SCRIPT_URL, 'not http(s)'],
      ['a relative url', ARCHIVE_RELATIVE_URL, 'not http(s)'],
      ['a body over 64 KB', ARCHIVE_HUGE, 'more than 64 KB'],
    ])('answers 502 for %s', async (_case, requestId, detail) => {
      const response = await archiveLink(requestId).expect(502);
      expect(response.body).toEqual({
        title: 'Bad Gateway',
        message: expect.stringContaining(detail) as string,
        status: 502,
      });
    });

    it('refuses a request id that is not a UUID with a 400', async () => {
      await archiveLink('nope').expect(400);
    });

    it('checks the identity before the request id', async () => {
      await get('/payloads/nope/archiveLink').expect(401);
    });

    it('answers 502 when the broker is unreachable', async () => {
      const unreachable = await startApiTestApp({
        DATABASE_URL: database.url,
        STORAGE_BROKER_URL: `http://127.0.0.1:${(await closedPort()).toString()}/archive`,
      });
      try {
        const response = await request(unreachable.getHttpServer())
          .get(`/api/v1/payloads/${ARCHIVE_OK}/archiveLink`)
          .set('x-rh-identity', ALLOWED)
          .expect(502);
        expect((response.body as { message: string }).message).toBe('Storage broker: unreachable');
      } finally {
        await unreachable.close();
      }
    });
  });
});
