import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';

import {
  OpsHttpServer,
  PROCESS_LOGGER,
  SHUTDOWN_SIGNALS,
  reportStartupFailure,
  watchShutdownSignals,
} from '@payload-tracker/platform';

import { API_PROCESS_NAME, createApiApplication } from './app.factory';
import type { EnvironmentVariables } from './config/environment-variables';

/** Bound on the graceful stop: requests in flight finish, then the pool closes. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

async function bootstrap(): Promise<void> {
  const app = await createApiApplication();
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  // Close the HTTP listeners and the pool, then exit 0 (Nest's default re-raises the signal).
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  watchShutdownSignals(app.get(PROCESS_LOGGER), SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.get('API_PORT', { infer: true }), host: '0.0.0.0' });
  await app.get(OpsHttpServer).listen(config.get('METRICS_PORT', { infer: true }));
}

bootstrap().catch((error: unknown) => {
  reportStartupFailure(API_PROCESS_NAME, error);
  process.exit(1);
});
