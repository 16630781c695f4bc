import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { TestDatabase } from '@payload-tracker/local-stack';
import request from 'supertest';
import type { Response } from 'supertest';

import { startApiTestApp } from './support/api-test-app';
import { builtConsoleDirectory } from './support/console-build';

function expectSecurityHeaders(response: Response): void {
  const policy = String(response.headers['content-security-policy']);
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('the web console served by the api', () => {
  let database: TestDatabase;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startApiTestApp({
      DATABASE_URL: database.url,
      CONSOLE_DIR: builtConsoleDirectory(),
    });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  it.each([
    ['/', '/console/'],
    ['/console', '/console/'],
    ['/console?x=1', '/console/?x=1'],
    ['/app/payload-tracker/console', '/app/payload-tracker/console/'],
  ])('redirects %s to %s', async (path, location) => {
    const response = await request(sut.getHttpServer()).get(path).expect(302);
    expect(response.headers['location']).toBe(location);
    expectSecurityHeaders(response);
  });

  it.each([
    '/console/',
    '/console/uploads',
    '/console/uploads/0123456789abcdef0123456789abcdef',
    '/console/services',
  ])('answers the page %s with index.html and strict security headers', async (path) => {
    const response = await request(sut.getHttpServer()).get(path).expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<base href="/console/" />');
    expect(response.text).toContain('<script type="module" src="main.js">');
    expectSecurityHeaders(response);
  });

  it('answers pages under the alias prefix with the alias as their base', async () => {
    const response = await request(sut.getHttpServer())
      .get('/app/payload-tracker/console/uploads?state=failed')
      .expect(200);
    expect(response.text).toContain('<base href="/app/payload-tracker/console/" />');
    expectSecurityHeaders(response);
  });

  it.each([
    ['/console/main.js', /javascript/],
    ['/console/main.css', /text\/css/],
    ['/app/payload-tracker/console/main.js', /javascript/],
  ])('serves the asset %s from the build, revalidated on each load', async (path, type) => {
    const response = await request(sut.getHttpServer()).get(path).expect(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['etag']).toEqual(expect.any(String));
    expectSecurityHeaders(response);
  });

  it('answers 404 for a file the build does not have, and never serves outside it', async () => {
    await request(sut.getHttpServer()).get('/console/missing.js').expect(404);
    await request(sut.getHttpServer())
      .get('/console/..%2fapi%2fmain.js')
      .expect(200, /<base href/);
    await request(sut.getHttpServer())
      .get('/console/..%2f..%2f..%2fpackage.json')
      .expect(200, /<base href/);
  });

  it('leaves the API responses as they were', async () => {
    const response = await request(sut.getHttpServer()).get('/api/v1/payloads').expect(200);
    expect(response.headers['content-security-policy']).toBeUndefined();
  });
});

describe('the api without a console build', () => {
  let database: TestDatabase;
  let emptyDirectory: string;
  let sut: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    emptyDirectory = mkdtempSync(join(tmpdir(), 'pt-no-console-'));
    sut = await startApiTestApp({ DATABASE_URL: database.url, CONSOLE_DIR: emptyDirectory });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
    rmSync(emptyDirectory, { recursive: true, force: true });
  });

  it('says how to build the console and still serves the API', async () => {
    const response = await request(sut.getHttpServer()).get('/console/').expect(503);
    expect(response.text).toContain('npx nx run console:build');
    await request(sut.getHttpServer()).get('/api/v1/payloads').expect(200);
  });
});
