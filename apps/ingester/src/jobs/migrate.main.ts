import 'reflect-metadata';
import {
  ADOPTION_STEPS,
  DatabasePool,
  GoEditionAdoption,
  OutcomeBackfill,
  revertAllMigrations,
  revertLastMigration,
  runMigrations,
} from '@payload-tracker/entities';
import type { AdoptionOptions, AdoptionReport, AdoptionStepName } from '@payload-tracker/entities';
import type { DatabaseSettings } from '@payload-tracker/platform';
import { ProcessEnvironmentVariables, readEnvironment } from '@payload-tracker/platform';

import type { Logger } from 'pino';

import type { DataSource } from 'typeorm';

import { openJobDataSource, runJob } from './job-runtime';

const USAGE =
  'usage: migrate [up | down [--all] | backfill-outcomes | adopt [--dry-run] [--keep-duplicates] [--stop-after <step>]]';

type MigrateCommand =
  | { name: 'up' | 'down' | 'down-all' | 'backfill-outcomes' }
  | { name: 'adopt'; isDryRun: boolean; options: AdoptionOptions };

function isStepName(value: string | undefined): value is AdoptionStepName {
  return (ADOPTION_STEPS as readonly string[]).includes(value ?? '');
}

function parseAdoptFlags(flags: readonly string[]): MigrateCommand {
  let isDryRun = false;
  let keepDuplicates = false;
  let stopAfter: AdoptionStepName | undefined;
  for (let index = 0; index < flags.length; index += 1) {
    const flag = flags[index];
    if (flag === '--dry-run') {
      isDryRun = true;
    } else if (flag === '--keep-duplicates') {
      keepDuplicates = true;
    } else if (flag === '--stop-after') {
      index += 1;
      const step = flags[index];
      if (!isStepName(step)) {
        throw new Error(`--stop-after takes one of: ${ADOPTION_STEPS.join(', ')}`);
      }
      stopAfter = step;
    } else {
      throw new Error(USAGE);
    }
  }
  return {
    name: 'adopt',
    isDryRun,
    options: { keepDuplicates, ...(stopAfter === undefined ? {} : { stopAfter }) },
  };
}

function parseCommand(args: readonly string[]): MigrateCommand {
  const [command = 'up', ...flags] = args;
  if (command === 'adopt') return parseAdoptFlags(flags);
  if (command === 'up' && flags.length === 0) return { name: 'up' };
  if (command === 'backfill-outcomes' && flags.length === 0) return { name: 'backfill-outcomes' };
  if (command === 'down' && flags.length === 0) return { name: 'down' };
  if (command === 'down' && flags.length === 1 && flags[0] === '--all') return { name: 'down-all' };
  throw new Error(USAGE);
}

function logAdoptionReport(report: AdoptionReport, logger: Logger): void {
  for (const step of report.steps) {
    logger.info(
      {
        step: step.step,
        isDone: step.isDone,
        rows: step.rows,
        unit: step.unit,
        ...(step.millis === undefined ? {} : { millis: step.millis }),
      },
      report.isDryRun ? `plan: ${step.step}: ${step.description}` : `adopt: ${step.step}`,
    );
  }
  if (report.duplicates !== null) {
    logger.info(report.duplicates, `exact duplicate statuses: ${report.duplicates.action}`);
  }
  logger.info(
    {
      kind: report.detection.kind,
      findings: report.detection.findings,
      dryRun: report.isDryRun,
      stoppedAfter: report.stoppedAfter,
    },
    report.detection.kind === 'adopted'
      ? 'adopt: the database is already adopted, nothing to do'
      : report.isDryRun
        ? 'adopt: dry run, nothing changed'
        : report.stoppedAfter === null
          ? 'adopt: done'
          : `adopt: stopped after ${report.stoppedAfter}; run adopt again to go on`,
  );
}

/** Takes over a Go-edition database (see docs/operations.md, "Taking over a Go-edition deployment"). */
async function adopt(
  command: Extract<MigrateCommand, { name: 'adopt' }>,
  dataSource: DataSource,
  settings: DatabaseSettings,
  logger: Logger,
): Promise<void> {
  const pool = DatabasePool.fromSettings(settings, {
    applicationName: 'payload-tracker-migrate',
    poolSize: 3,
  });
  try {
    const adoption = new GoEditionAdoption(dataSource, pool);
    const report = command.isDryRun
      ? await adoption.plan(command.options)
      : await adoption.apply({
          ...command.options,
          onStep: (event) => {
            if (event.phase === 'start')
              logger.info({ step: event.step }, `adopt: ${event.step} started`);
          },
        });
    logAdoptionReport(report, logger);
  } finally {
    await pool.close();
  }
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
      switch (command.name) {
        case 'up': {
          const applied = await runMigrations(dataSource);
          logger.info({ command: command.name, applied }, 'migrations applied');
          await backfillOutcomes(settings, logger);
          break;
        }
        case 'backfill-outcomes': {
          await backfillOutcomes(settings, logger);
          break;
        }
        case 'down': {
          const reverted = await revertLastMigration(dataSource);
          logger.info({ command: command.name, reverted: reverted ? 1 : 0 }, 'migration reverted');
          break;
        }
        case 'down-all': {
          const reverted = await revertAllMigrations(dataSource);
          logger.info({ command: command.name, reverted }, 'all migrations reverted');
          break;
        }
        case 'adopt': {
          await adopt(command, dataSource, settings, logger);
          break;
        }
      }
    } finally {
      await dataSource.destroy();
    }
  },
);
