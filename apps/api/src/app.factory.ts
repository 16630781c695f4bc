import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppModuleOptions } from './app.module';
import { rewriteAliasedUrl } from './common/api-routes';
import {
  CORRELATION_HEADER,
  correlationId,
  requestContext,
  requestLineLevel,
} from './common/logger-options';
import { loadEnvironment } from './config/load-environment';
import type { EnvironmentOverrides } from './config/load-environment';
import { MetricsService } from './metrics/metrics.service';
import { buildOpenApiDocument, serveOpenApi } from './openapi/openapi-document';

/** Request ids are up to 255 characters; Fastify's default parameter limit is 100. */
const MAX_PARAM_LENGTH = 1024;

/**
 * Builds the api application (not yet listening): Fastify with the alias prefix rewritten,
 * JSON logs, HTTP metrics and the OpenAPI routes. Used by `main.ts`, the tests and the
 * OpenAPI generator, so all three run the same wiring.
 */
export async function createApiApplication(
  overrides: EnvironmentOverrides = {},
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const environment = loadEnvironment(overrides);
  const adapter = new FastifyAdapter({
    rewriteUrl: (request: IncomingMessage) => rewriteAliasedUrl(request.url ?? '/'),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: environment.TRUST_PROXY,
    requestIdHeader: false,
    genReqId: correlationId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(overrides, options),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  const requestLog = new NestLogger('HttpRequest');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    // The rest of the request runs inside this context, so its log lines carry the id.
    requestContext.run(
      { correlationId: request.id, method: request.method, url: request.url },
      done,
    );
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpRequests.inc({ method: request.method, route, code: status.toString() });
    metrics.httpRequestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
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
  return app;
}
