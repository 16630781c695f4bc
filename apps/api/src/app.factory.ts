import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';

import { NestPinoLogger, createProcessLogger } from '@payload-tracker/platform';
import type { EnvironmentOverrides } from '@payload-tracker/platform';

import { AppModule } from './app.module';
import { rewriteAliasedUrl } from './common/api-routes';
import {
  RouteTable,
  answerClientError,
  answerFrameworkError,
  answerWrongMethod,
  refuseNulParameters,
} from './common/framework-errors';
import {
  CORRELATION_HEADER,
  correlationId,
  requestContext,
  requestLineLevel,
  requestLogFields,
} from './common/request-logging';
import { loadEnvironment } from './config/load-environment';
import { resolveConsoleDirectory, serveConsole } from './console/console-site';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument, serveOpenApi } from './openapi/openapi-document';

/** Request ids are up to 255 characters; Fastify's default parameter limit is 100. */
const MAX_PARAM_LENGTH = 1024;

/** The `process` field of the api's log lines. */
export const API_PROCESS_NAME = 'payload-tracker-api';

/** What tests may set beyond the environment. */
export interface ApiApplicationOptions {
  /** Where log lines go instead of stdout. */
  readonly logDestination?: DestinationStream;
}

/**
 * Builds the api application (not yet listening): Fastify with the alias prefixes rewritten,
 * JSON logs, HTTP metrics, the OpenAPI routes and the web console. Used by `main.ts`, the tests and the
 * OpenAPI generator, so all three run the same wiring.
 */
export async function createApiApplication(
  overrides: EnvironmentOverrides = {},
  options: ApiApplicationOptions = {},
): Promise<NestFastifyApplication> {
  const environment = loadEnvironment(overrides);
  const logger = createProcessLogger({
    process: API_PROCESS_NAME,
    level: environment.LOG_LEVEL,
    format: environment.LOG_FORMAT,
    mixin: requestLogFields,
    destination: options.logDestination,
  });
  const adapter = new FastifyAdapter({
    rewriteUrl: (request: IncomingMessage) => rewriteAliasedUrl(request.url ?? '/'),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: environment.TRUST_PROXY,
    requestIdHeader: false,
    genReqId: correlationId,
    // Errors raised below Nest answer in the contract's shape too.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(environment, logger),
    adapter,
    { logger: new NestPinoLogger(logger) },
  );

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  // Every route is registered after this (at init), so the table sees them all.
  const routes = new RouteTable();
  fastify.addHook('onRoute', (route) => {
    routes.add(route.url, route.method);
  });
  const requestLog = new NestLogger('HttpRequest');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    // The rest of the request runs inside this context, so its log lines carry the id.
    requestContext.run(
      { correlationId: request.id, method: request.method, url: request.url },
      done,
    );
  });
  fastify.addHook('onRequest', answerWrongMethod(routes));
  // PostgreSQL cannot hold a NUL byte in text: refuse it naming the parameter, for every route.
  fastify.addHook('preValidation', refuseNulParameters);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpRequests.inc({ method: request.method, route, code: status.toString() });
    // An event stream's time is how long its client stayed: not a latency.
    const isEventStream = String(reply.raw.getHeader('content-type') ?? '').startsWith(
      'text/event-stream',
    );
    if (!isEventStream) {
      metrics.httpRequestSeconds.observe(
        { method: request.method, route },
        reply.elapsedTime / 1000,
      );
    }
    const level = requestLineLevel(environment.LOG_LEVEL, status);
    if (level !== undefined) {
      const line = {
        correlation_id: request.id,
        req: { method: request.method, url: request.url },
        res: { status },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (level === 'error') {
        requestLog.error(line, 'request errored');
      } else {
        requestLog.debug(line, 'request completed');
      }
    }
    done();
  });

  serveOpenApi(app, buildOpenApiDocument(app));
  const consoleSite = await serveConsole(
    fastify,
    resolveConsoleDirectory(environment.CONSOLE_DIR, __dirname),
  );
  const consoleLog = new NestLogger('ConsoleSite');
  if (consoleSite.served) {
    consoleLog.log(
      { directory: consoleSite.directory, assets: consoleSite.assets },
      'serving the console',
    );
  } else {
    consoleLog.warn(
      { directory: consoleSite.directory },
      'the console is not built there: its pages answer 503 (npx nx run console:build)',
    );
  }
  return app;
}
