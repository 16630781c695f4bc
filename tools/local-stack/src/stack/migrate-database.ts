import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from './workspace-root';

const run = promisify(execFile);

/**
 * Runs the project's migrations job (`apps/ingester/src/jobs/migrate.main.ts up`) against
 * `databaseUrl`: the same code path as the production migrations Job, here through tsx.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const root = workspaceRoot();
  try {
    await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      [
        '--tsconfig',
        join(root, 'tsconfig.base.json'),
        join(root, 'apps/ingester/src/jobs/migrate.main.ts'),
        'up',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error: unknown) {
    const output =
      error instanceof Error && 'stderr' in error
        ? String((error as { stderr: unknown }).stderr)
        : '';
    throw new Error(
      `migrations failed for ${new URL(databaseUrl).pathname}: ${error instanceof Error ? error.message : String(error)}\n${output}`,
    );
  }
}
