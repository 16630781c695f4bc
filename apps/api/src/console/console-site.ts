import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALIAS_CONSOLE_PREFIX, CONSOLE_PREFIX } from '@payload-tracker/api-contract';

import { CONSOLE_SECURITY_HEADERS } from './console-headers';

const INDEX_FILE = 'index.html';

/** The `<base href>` the built index.html carries; each response writes the prefix it was asked under. */
const BUILT_BASE = `<base href="${CONSOLE_PREFIX}/" />`;

/**
 * Where the built console is: `CONSOLE_DIR` when set; else the first folder holding its
 * index.html of: `console` beside the bundled api (the image puts it there), the console's
 * build output beside the api's (`dist/apps/console` next to `dist/apps/api`), and that output
 * under the working directory (`nx serve api`, which runs the sources from the workspace root).
 */
export function resolveConsoleDirectory(
  configured: string | undefined,
  bundleDirectory: string,
): string {
  if (configured !== undefined) {
    return configured;
  }
  const candidates = [
    join(bundleDirectory, 'console'),
    join(bundleDirectory, '..', 'console'),
    join(process.cwd(), 'dist', 'apps', 'console'),
  ];
  return (
    candidates.find((candidate) => existsSync(join(candidate, INDEX_FILE))) ??
    join(bundleDirectory, 'console')
  );
}

/** The console prefix a request came under (the alias or the canonical one), from its URL before rewriting. */
export function consolePrefixOf(originalUrl: string): string {
  return originalUrl === ALIAS_CONSOLE_PREFIX ||
    originalUrl.startsWith(`${ALIAS_CONSOLE_PREFIX}/`) ||
    originalUrl.startsWith(`${ALIAS_CONSOLE_PREFIX}?`)
    ? ALIAS_CONSOLE_PREFIX
    : CONSOLE_PREFIX;
}

/** Whether a path under the console names a file of its root (`main.js`) rather than a page (`uploads/x`). */
export function isAssetPath(path: string): boolean {
  return !path.includes('/') && path.includes('.');
}

/** What the console site found at boot. */
export type ConsoleSiteStatus =
  | { readonly served: true; readonly directory: string; readonly assets: number }
  | { readonly served: false; readonly directory: string };

function queryOf(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index);
}

/**
 * Serves the web console (apps/console, built into `directory`): `GET /` and `GET /console`
 * redirect to `/console/`; files of the build are served as they are (revalidated on each load:
 * their names are not hashed); every other path under `/console/` is a page of the console's
 * own router and gets index.html, its `<base href>` set to the prefix the request came under
 * (`/console/` or the alias `/app/payload-tracker/console/`). Every response carries
 * {@link CONSOLE_SECURITY_HEADERS}. Without a build, the console paths answer 503 saying how
 * to build it, and the API is unaffected.
 */
export async function serveConsole(
  fastify: FastifyInstance,
  directory: string,
): Promise<ConsoleSiteStatus> {
  const indexPath = join(directory, INDEX_FILE);
  const isBuilt = existsSync(indexPath);
  const index = isBuilt ? readFileSync(indexPath, 'utf8') : '';
  const pages = new Map(
    [CONSOLE_PREFIX, ALIAS_CONSOLE_PREFIX].map((prefix) => [
      prefix,
      index.replace(BUILT_BASE, `<base href="${prefix}/" />`),
    ]),
  );
  const assets = new Set(
    isBuilt
      ? readdirSync(directory, { withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name !== INDEX_FILE)
          .map((entry) => entry.name)
      : [],
  );

  await fastify.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      void reply.headers(CONSOLE_SECURITY_HEADERS);
      return payload;
    });
    await scope.register(fastifyStatic, {
      root: directory,
      serve: false,
      decorateReply: true,
      cacheControl: false,
    });

    const toConsoleRoot = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
      reply.redirect(
        `${consolePrefixOf(request.originalUrl)}/${queryOf(request.originalUrl)}`,
        302,
      );
    scope.get('/', toConsoleRoot);
    scope.get(CONSOLE_PREFIX, toConsoleRoot);

    scope.get(`${CONSOLE_PREFIX}/*`, (request, reply) => {
      if (!isBuilt) {
        return reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send(
            'The console is not built: run `npx nx run console:build` (the api build runs it too).\n',
          );
      }
      const path = (request.params as { '*'?: string })['*'] ?? '';
      if (assets.has(path)) {
        return reply.header('cache-control', 'no-cache').sendFile(path);
      }
      if (isAssetPath(path)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
      }
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(pages.get(consolePrefixOf(request.originalUrl)));
    });
  });
  return isBuilt ? { served: true, directory, assets: assets.size } : { served: false, directory };
}
