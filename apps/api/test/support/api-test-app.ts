import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApplication } from '../../src/app.factory';
import type { EnvironmentOverrides } from '../../src/config/load-environment';

/** The real application, initialised but not listening; supertest talks to its server. */
export async function startApiTestApp(
  overrides: EnvironmentOverrides,
): Promise<NestFastifyApplication> {
  const app = await createApiApplication({
    LOG_LEVEL: 'silent',
    MAX_REQUESTS_PER_MINUTE: '1000000',
    ...overrides,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
