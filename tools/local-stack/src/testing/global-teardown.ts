import { dropDatabase } from '../postgres/database-admin';

/** Stops the stack that global-setup.ts started (a stack given through the environment stays). */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__PT_LOCAL_STACK__;
  if (!started) return;
  globalThis.__PT_LOCAL_STACK__ = undefined;
  if (process.env['DATABASE_URL'])
    await dropDatabase(started.stack.adminDatabaseUrl, started.template);
  await started.stack.stop();
}
