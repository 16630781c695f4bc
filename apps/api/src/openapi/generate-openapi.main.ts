import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOpenApiDocument, serializeOpenApiDocument } from './openapi-generator';

/** `nx run api:openapi`: rewrites apps/api/openapi.json from the code. */
async function main(): Promise<void> {
  const target = resolve(__dirname, '../../openapi.json');
  writeFileSync(target, serializeOpenApiDocument(await generateOpenApiDocument()));
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
