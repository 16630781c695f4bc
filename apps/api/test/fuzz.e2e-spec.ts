import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import fc from 'fast-check';
import request from 'supertest';
import { startApiTestApp } from './support/api-test-app';
import { FakeStorageBroker } from './support/fake-storage-broker';
import { PAYLOADS, R1 } from './support/fixtures';
import { seedPayloads } from './support/seed-data';

/*
 * Schema-driven fuzzing of the committed OpenAPI document against the real api and database:
 * every GET route, every parameter it declares (query, path, header), with generated values
 * that include what once broke it (NUL and control bytes, non-BMP characters, huge numbers,
 * timestamps whose offset crosses year 0001 or 9999, repeated parameters, long values). Every
 * answer must be below 500, and every 4xx must be the contract's error body.
 *
 * `FUZZ_RUNS` sets the cases per route (default 60; e.g. `FUZZ_RUNS=2000` for a deeper run).
 */

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; format?: string; enum?: unknown[] };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; responses: unknown }>>;
}

const RUNS_PER_ROUTE = Number(process.env['FUZZ_RUNS'] ?? '60');

const documentPath = join(__dirname, '..', 'openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as OpenApiDocument;

/** The routes to fuzz: every GET but the event stream (a valid id would hold it open). */
const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
  Object.entries(operations)
    .filter(([method]) => method === 'get')
    .filter(([, operation]) => !JSON.stringify(operation.responses).includes('text/event-stream'))
    .map(([, operation]) => ({ path, parameters: operation.parameters ?? [] })),
);

const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '😀𝌆',
  '\uD800',
  '%',
  '%FF',
  "'; DROP TABLE payloads; --",
  '../../etc/passwd',
  ' ',
  '',
  '-1',
  '+1',
  ' 5',
  '1e999',
  '99999999999999999999999999',
  '-0',
  '0x10',
  'NaN',
  'true',
  '[]',
  '{}',
  '9999-12-31T23:59:59-00:01',
  '0001-01-01T00:00:00+00:01',
  '9999-12-31T23:59:59.999999Z',
  '2026-11-28T10:00:00z',
  '2026-11-28t10:00:00,5Z',
  '2026-02-30T00:00:00Z',
  '2026-11-28T24:00:00Z',
  '0000-01-01T00:00:00Z',
  R1,
  '01234567-89ab-cdef-0123-456789abcdef',
);

/** Anything at all: what once broke the api, raw bytes, long text. */
const hostile: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nasty, weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 2_000 }), weight: 1 },
);

/** A value the parameter's schema allows (an enum value, a small integer, a timestamp, a word). */
function validValueFor(parameter: OpenApiParameter): fc.Arbitrary<string> {
  const schema = parameter.schema ?? {};
  if (schema.enum !== undefined) {
    return fc.constantFrom(...schema.enum.map(String));
  }
  if (schema.type === 'integer') {
    return fc.integer({ min: 0, max: 20 }).map(String);
  }
  if (schema.format === 'date-time' || /_(lt|lte|gt|gte)$|^since$|^until$/.test(parameter.name)) {
    return fc
      .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z') })
      .map((date) => (Number.isNaN(date.getTime()) ? '2026-11-28T10:00:00Z' : date.toISOString()));
  }
  return fc.constantFrom(R1, 'ingress', 'success', '1000', 'insights-client');
}

/**
 * One case: a hostile value in one parameter (or none), every other parameter absent or given a
 * valid value, so that the bad value meets an otherwise valid request and reaches as deep as it
 * can; or, in a quarter of the cases, hostile values anywhere.
 */
function requestFor(parameters: readonly OpenApiParameter[]) {
  const key = (parameter: OpenApiParameter): string => `${parameter.in}:${parameter.name}`;
  const others = fc.record(
    Object.fromEntries(
      parameters.map((parameter) => [
        key(parameter),
        parameter.in === 'path'
          ? validValueFor(parameter).map((value) => [value])
          : fc.oneof(
              { arbitrary: fc.constant([] as string[]), weight: 3 },
              { arbitrary: validValueFor(parameter).map((value) => [value]), weight: 1 },
            ),
      ]),
    ),
  );
  const targeted = fc
    .record({
      others,
      target: fc.nat({ max: Math.max(parameters.length - 1, 0) }),
      values: fc.oneof(
        { arbitrary: hostile.map((value) => [value]), weight: 3 },
        { arbitrary: fc.array(hostile, { minLength: 2, maxLength: 3 }), weight: 1 },
      ),
    })
    .map(({ others: given, target, values }) => {
      const parameter = parameters[target];
      return parameter === undefined ? given : { ...given, [key(parameter)]: values };
    });
  const anywhere = fc.record(
    Object.fromEntries(
      parameters.map((parameter) => [
        key(parameter),
        parameter.in === 'path'
          ? hostile.map((value) => [value])
          : fc.oneof(
              fc.constant([] as string[]),
              fc.array(hostile, { minLength: 1, maxLength: 3 }),
            ),
      ]),
    ),
  );
  return fc.oneof({ arbitrary: targeted, weight: 3 }, { arbitrary: anywhere, weight: 1 });
}

/** Percent-encodes the UTF-8 bytes of `value` (a lone surrogate becomes U+FFFD, as a browser sends it). */
function percentEncoded(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** Header values may hold only visible ASCII, spaces and tabs; others are replaced. */
function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e]/g, '?');
}

describe('fuzzing every route of the OpenAPI document', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;
  let broker: FakeStorageBroker;
  let cases = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPayloads(database.url, PAYLOADS);
    // Links configured, so that their 503 "not configured" is not what answers.
    broker = await FakeStorageBroker.start(new Map());
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      KIBANA_URL: 'https://kibana.example.com',
      KIBANA_INDEX: 'platform-logs',
      STORAGE_BROKER_URL: broker.url,
    });
  });

  afterAll(async () => {
    await sut.close();
    await broker.stop();
    await database.drop();
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b);
    process.stdout.write(
      `fuzz: ${cases.toString()} cases, statuses ${JSON.stringify(Object.fromEntries(seen))}\n`,
    );
  });

  it('finds every route', () => {
    expect(routes.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/api/v1/payloads', '/api/v1/statuses', '/api/v1/stats/services']),
    );
  });

  it.each(routes.map((route) => [route.path, route] as const))(
    'answers %s below 500, every 4xx in the contract shape',
    async (_path, route) => {
      await fc.assert(
        fc.asyncProperty(requestFor(route.parameters), async (values) => {
          let path = route.path;
          const query = new URLSearchParams();
          const headers: Record<string, string> = {};
          for (const parameter of route.parameters) {
            const given = values[`${parameter.in}:${parameter.name}`] ?? [];
            if (parameter.in === 'path') {
              path = path.replace(`{${parameter.name}}`, percentEncoded(given[0] ?? 'x'));
            } else if (parameter.in === 'query') {
              given.forEach((value) => query.append(parameter.name, value));
            } else if (given[0] !== undefined) {
              headers[parameter.name] = headerSafe(given[0]);
            }
          }
          const url = query.size > 0 ? `${path}?${query.toString()}` : path;
          const response = await request(sut.getHttpServer()).get(url).set(headers);
          cases += 1;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
            expect(response.body).toEqual({
              title: expect.any(String) as string,
              message: expect.any(String) as string,
              status: response.status,
            });
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    },
  );
});
