import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EnvironmentOverrides } from '@payload-tracker/platform';

import { createApiApplication } from '../../src/app.factory';
import type { ApiApplicationOptions } from '../../src/app.factory';

/** The real application, initialised but not listening; supertest talks to its server. */
export async function startApiTestApp(
  overrides: EnvironmentOverrides,
  options: ApiApplicationOptions = {},
): Promise<NestFastifyApplication> {
  const app = await createApiApplication(
    {
      LOG_LEVEL: 'silent',
      MAX_REQUESTS_PER_MINUTE: '1000000',
      ...overrides,
    },
    options,
  );
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A log destination that keeps the JSON lines written to it. */
export function collectLogLines(): {
  destination: { write(line: string): void };
  lines(): Record<string, unknown>[];
} {
  const written: string[] = [];
  return {
    destination: {
      write(line: string): void {
        written.push(line);
      },
    },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
