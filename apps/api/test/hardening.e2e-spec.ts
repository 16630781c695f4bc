import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  PAYLOAD_EXACT_FILTERS,
  PAYLOAD_OUTCOME_TIMESTAMP_RANGES,
  PAYLOAD_TIMESTAMP_RANGES,
  STATUS_EXACT_FILTERS,
  STATUS_TIMESTAMP_RANGES,
  TIMESTAMP_BOUND_SUFFIXES,
} from '@payload-tracker/api-contract';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { PAYLOADS, R1 } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

/*
 * Inputs that once gave a 5xx or an answer outside the contract's error shape (issue 12):
 * each is a 4xx in `{title, message, status}` naming the parameter, echoing at most a short
 * excerpt of what was sent.
 */

interface ErrorBody {
  title: string;
  message: string;
  status: number;
}

function expectContractError(response: request.Response, status: number): ErrorBody {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = response.body as ErrorBody;
  expect(Object.keys(body).sort()).toEqual(['message', 'status', 'title']);
  expect(body.status).toBe(status);
  return body;
}

const boundsOf = (ranges: readonly string[]): string[] =>
  ranges.flatMap((range) => TIMESTAMP_BOUND_SUFFIXES.map((suffix) => `${range}_${suffix}`));

/** One request written by hand on a socket; resolves with the raw answer. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('hardening: bad input is a 4xx in the contract shape', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, PAYLOADS);
    sut = await startApiTestApp({ DATABASE_URL: database.url });
    await sut.listen(0, '127.0.0.1');
    port = (sut.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const server = (): ReturnType<NestFastifyApplication['getHttpServer']> => sut.getHttpServer();

  it.each([
    ...PAYLOAD_EXACT_FILTERS.map((filter) => ['/api/v1/payloads', filter]),
    ...STATUS_EXACT_FILTERS.map((filter) => ['/api/v1/statuses', filter]),
  ])('refuses a NUL byte in %s?%s naming the parameter', async (path, filter) => {
    const response = await request(server()).get(`${path}?${filter}=a%00b`);
    expect(expectContractError(response, 400).message).toBe(
      `${filter} must not contain a NUL byte`,
    );
  });

  it.each([
    ['/api/v1/payloads/a%00b', 'request_id'],
    ['/api/v1/payloads/%00', 'request_id'],
    // The router matches no parametric route here, so the wildcard's rest of the path.
    ['/api/v1/payloads/a%00b/kibana', 'path'],
    ['/api/v1/payloads/a%00b/archive', 'path'],
  ])('refuses a NUL byte in the path: %s', async (path, name) => {
    const response = await request(server()).get(path);
    expect(expectContractError(response, 400).message).toBe(`${name} must not contain a NUL byte`);
  });

  it('still answers a valid request after the NUL ones (no connection was lost)', async () => {
    for (let i = 0; i < 20; i++) {
      await request(server()).get('/api/v1/statuses?source=%00').expect(400);
    }
    await request(server()).get(`/api/v1/payloads/${R1}`).expect(200);
  });

  it.each([
    ...boundsOf(PAYLOAD_TIMESTAMP_RANGES).map((bound) => ['/api/v1/payloads', bound]),
    ...boundsOf(PAYLOAD_OUTCOME_TIMESTAMP_RANGES).map((bound) => ['/api/v1/payloads', bound]),
    ...boundsOf(STATUS_TIMESTAMP_RANGES).map((bound) => ['/api/v1/statuses', bound]),
  ])('refuses on %s a %s that an offset moves outside years 0001..9999', async (path, bound) => {
    for (const value of ['9999-12-31T23:59:59-00:01', '0001-01-01T00:00:00%2B00:01']) {
      const response = await request(server()).get(`${path}?${bound}=${value}`);
      expect(expectContractError(response, 400).message).toMatch(
        new RegExp(`^${bound} must be an RFC 3339 timestamp .*within years 0001 to 9999`),
      );
    }
    // The last instant of year 9999 is a bound like any other.
    await request(server()).get(`${path}?${bound}=9999-12-31T23:59:59.999999Z`).expect(200);
  });

  it.each(['12345678901234567', '1000001', '+1', '%205', '5%20', '1.0'])(
    'refuses page=%s with the true range',
    async (page) => {
      const response = await request(server()).get(`/api/v1/payloads?page=${page}`);
      expect(expectContractError(response, 400).message).toBe(
        'page must be an integer from 0 to 1000000',
      );
    },
  );

  it('accepts the largest page', async () => {
    const response = await request(server()).get('/api/v1/payloads?page=1000000').expect(200);
    expect(response.body).toMatchObject({ data: [] });
  });

  it('answers a path that is not valid percent-encoded UTF-8 in the contract shape', async () => {
    const response = await request(server()).get('/api/v1/payloads/%FF');
    expect(expectContractError(response, 400).message).toBe(
      'The request path is not valid percent-encoded UTF-8',
    );
  });

  it('answers a path parameter over 1,024 characters with 414, echoing none of it', async () => {
    const response = await request(server()).get(`/api/v1/payloads/${'a'.repeat(10_000)}`);
    expectContractError(response, 414);
    expect(response.text.length).toBeLessThan(200);
  });

  it('echoes only an excerpt of an unknown long path', async () => {
    const response = await request(server()).get(`/${'x'.repeat(5_000)}`);
    const body = expectContractError(response, 404);
    expect(body.message).toBe(`No route for GET /${'x'.repeat(99)}…`);
  });

  it.each([
    [
      'a query over 16 KB',
      `GET /api/v1/payloads?account=${'1'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ],
    [
      'a 20 KB header',
      `GET /api/v1/payloads HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ],
  ])('answers %s with 431 in the contract shape', async (_name, text) => {
    const answer = await rawRequest(port, Buffer.from(text, 'latin1'));
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(answer).toContain('Content-Type: application/json; charset=utf-8\r\n');
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ErrorBody;
    expect(body).toEqual({
      title: 'Request Header Fields Too Large',
      message: 'The request line and headers are larger than the 16 KB allowed',
      status: 431,
    });
  });

  it.each([
    ['raw non-ASCII bytes', Buffer.from([0xff, 0xfe])],
    ['a control byte', Buffer.from([0x01])],
  ])('answers %s in the path with 400 in the contract shape', async (_name, bytes) => {
    const answer = await rawRequest(
      port,
      Buffer.concat([
        Buffer.from('GET /api/v1/payloads/', 'latin1'),
        bytes,
        Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
      ]),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ErrorBody;
    expect(body).toMatchObject({ title: 'Bad Request', status: 400 });
  });

  it.each([
    ['POST', '/api/v1/payloads'],
    ['DELETE', `/api/v1/payloads/${R1}`],
    ['PUT', '/api/v1/statuses'],
    ['PATCH', '/health'],
  ] as const)('answers %s %s with 405 and Allow', async (method, path) => {
    const verb = method.toLowerCase() as 'post' | 'delete' | 'put' | 'patch';
    const response = await request(server())[verb](path);
    expect(expectContractError(response, 405).message).toBe(
      `${method} is not allowed here; use GET or HEAD`,
    );
    expect(response.headers['allow']).toBe('GET, HEAD');
  });

  it('still answers 404 for a path no route has under any method', async () => {
    const response = await request(server()).post('/api/v1/nothing-here');
    expectContractError(response, 404);
    expect(response.headers['allow']).toBeUndefined();
  });
});
