import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createProcessLogger } from '@payload-tracker/platform';

import { AppModule } from '../app.module';
import { loadEnvironment } from '../config/load-environment';
import { buildOpenApiDocument } from './openapi-document';

/**
 * Placeholder settings: the document comes from the routes' metadata alone, so generating it
 * needs neither a database nor the deployment's configuration.
 */
const GENERATION_ENVIRONMENT = {
  DATABASE_URL: 'postgres://openapi@localhost/openapi',
  LOG_LEVEL: 'silent',
} as const;

/** The OpenAPI document, built in Nest's preview mode (modules scanned, nothing instantiated or connected). */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(
    AppModule.forRoot(
      loadEnvironment(GENERATION_ENVIRONMENT),
      createProcessLogger({ process: 'openapi', level: 'silent', format: 'json' }),
    ),
    new FastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The committed file's text: stable key order as generated, two-space indent, final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
