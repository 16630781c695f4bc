import 'reflect-metadata';
import { revertAllMigrations, revertLastMigration, runMigrations } from '@payload-tracker/entities';
import { ProcessEnvironmentVariables, readEnvironment } from '@payload-tracker/platform';

import { openJobDataSource, runJob } from './job-runtime';

const USAGE = 'usage: migrate [up | down [--all]]';

type MigrateCommand = 'up' | 'down' | 'down-all';

function parseCommand(args: readonly string[]): MigrateCommand {
  const [command = 'up', ...flags] = args;
  if (command === 'up' && flags.length === 0) return 'up';
  if (command === 'down' && flags.length === 0) return 'down';
  if (command === 'down' && flags.length === 1 && flags[0] === '--all') return 'down-all';
  throw new Error(USAGE);
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
