import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { rewriteAliasedUrl } from './common/api-routes';
import { CORRELATION_HEADER, correlationId } from './common/logger-options';
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
    AppModule.forRoot(overrides),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, code: reply.statusCode.toString() });
    metrics.httpRequestSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });

  serveOpenApi(app, buildOpenApiDocument(app));
  return app;
}
