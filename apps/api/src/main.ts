import 'reflect-metadata';
import { createApiApplication } from './app.factory';
import { loadEnvironment } from './config/load-environment';
import { MetricsServer } from './metrics/metrics.server';

async function bootstrap(): Promise<void> {
  const environment = loadEnvironment();
  const app = await createApiApplication();
  // Close the HTTP listeners and the pool, then exit 0 (Nest's default re-raises the signal).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen({ port: environment.API_PORT, host: '0.0.0.0' });
  await app.get(MetricsServer).listen(environment.METRICS_PORT);
}

bootstrap().catch((error: unknown) => {
  // The logger may not exist yet (invalid environment), so report straight to stderr.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
