import 'reflect-metadata';
import {
  DatabasePool,
  OutcomeBackfill,
  revertAllMigrations,
  revertLastMigration,
  runMigrations,
} from '@payload-tracker/entities';
import type { DatabaseSettings } from '@payload-tracker/platform';
import { ProcessEnvironmentVariables, readEnvironment } from '@payload-tracker/platform';

import type { Logger } from 'pino';

import { openJobDataSource, runJob } from './job-runtime';

const USAGE = 'usage: migrate [up | down [--all] | backfill-outcomes]';

type MigrateCommand = 'up' | 'down' | 'down-all' | 'backfill-outcomes';

function parseCommand(args: readonly string[]): MigrateCommand {
  const [command = 'up', ...flags] = args;
  if (command === 'up' && flags.length === 0) return 'up';
  if (command === 'backfill-outcomes' && flags.length === 0) return 'backfill-outcomes';
  if (command === 'down' && flags.length === 0) return 'down';
  if (command === 'down' && flags.length === 1 && flags[0] === '--all') return 'down-all';
  throw new Error(USAGE);
}

/**
 * Gives every payload stored without an outcome (before the outcomes migration) its outcome,
 * in batches that each commit: interrupted, the next run goes on where this one stopped.
 */
async function backfillOutcomes(settings: DatabaseSettings, logger: Logger): Promise<void> {
  const pool = DatabasePool.fromSettings(settings, {
    applicationName: 'payload-tracker-migrate',
    poolSize: 2,
  });
  try {
    const summary = await new OutcomeBackfill(pool).run(2_000, (progress) => {
      if (progress.batches % 50 === 0) {
        logger.info(progress, 'outcome backfill in progress');
      }
    });
    logger.info(summary, 'outcomes backfilled');
  } finally {
    await pool.close();
  }
}

void runJob(
  'migrate',
  () => readEnvironment(ProcessEnvironmentVariables),
  async (settings, logger) => {
    const command = parseCommand(process.argv.slice(2));
    const dataSource = await openJobDataSource(settings, 'migrate');
    try {
      switch (command) {
        case 'up': {
          const applied = await runMigrations(dataSource);
          logger.info({ command, applied }, 'migrations applied');
          await backfillOutcomes(settings, logger);
          break;
        }
        case 'backfill-outcomes': {
          await backfillOutcomes(settings, logger);
          break;
        }
        case 'down': {
          const reverted = await revertLastMigration(dataSource);
          logger.info({ command, reverted: reverted ? 1 : 0 }, 'migration reverted');
          break;
        }
        case 'down-all': {
          const reverted = await revertAllMigrations(dataSource);
          logger.info({ command, reverted }, 'all migrations reverted');
          break;
        }
      }
    } finally {
      await dataSource.destroy();
    }
  },
);
