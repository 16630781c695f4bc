import type { DataSource, Migration } from 'typeorm';

/** Advisory-lock key that keeps two migration jobs from running at once. */
const MIGRATION_LOCK_KEY = 'payload-tracker.migrations';

async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await lockRunner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockRunner.release();
  }
}

/** Applies every pending migration (each in its own transaction); returns their names. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  return withMigrationLock(dataSource, async () => {
    const applied: Migration[] = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

async function executedMigrationCount(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  try {
    const hasTable = await runner.hasTable(dataSource.options.migrationsTableName ?? 'migrations');
    if (!hasTable) return 0;
    const rows: unknown = await runner.query(
      `SELECT count(*)::integer AS count FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`,
    );
    const [row] = rows as { count: number }[];
    return row?.count ?? 0;
  } finally {
    await runner.release();
  }
}

/** Reverts the most recent migration; returns false when nothing was applied. */
export async function revertLastMigration(dataSource: DataSource): Promise<boolean> {
  return withMigrationLock(dataSource, async () => {
    if ((await executedMigrationCount(dataSource)) === 0) return false;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return true;
  });
}

/** Reverts every applied migration, newest first; returns how many it reverted. */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  return withMigrationLock(dataSource, async () => {
    let reverted = 0;
    while ((await executedMigrationCount(dataSource)) > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted += 1;
    }
    return reverted;
  });
}
