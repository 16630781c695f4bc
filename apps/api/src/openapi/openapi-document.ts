import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ALIAS_API_PREFIX, API_PREFIX, API_ROUTES, apiPath } from '@payload-tracker/api-contract';

/** Where the document and its UI are served. */
export const OPENAPI_JSON_PATH = apiPath(API_ROUTES.openApiDocument);
export const OPENAPI_UI_PATH = 'api/docs';

/** The OpenAPI document of the running routes (the committed `apps/api/openapi.json` is a copy). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Payload Tracker API')
    .setDescription(
      `Read-only queries over payload statuses. Every route under ${API_PREFIX} is also served under ${ALIAS_API_PREFIX}. ` +
        'Errors are {"title","message","status"}; timestamps are RFC 3339 UTC with microseconds.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document as JSON and the interactive UI. */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
  });
}
