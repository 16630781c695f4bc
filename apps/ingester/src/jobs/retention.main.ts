import 'reflect-metadata';
import {
  PartitionRepository,
  RetentionRepository,
  RetentionService,
} from '@payload-tracker/entities';
import { readEnvironment } from '@payload-tracker/platform';

import { RetentionEnvironmentVariables } from './config/retention-environment-variables';
import { openJobDataSource, runJob } from './job-runtime';

void runJob(
  'retention',
  () => readEnvironment(RetentionEnvironmentVariables),
  async (settings, logger) => {
    const options = {
      retentionDays: settings.RETENTION_DAYS,
      partitionsAheadDays: settings.PARTITIONS_AHEAD_DAYS,
      deleteBatchSize: settings.RETENTION_DELETE_BATCH_SIZE,
    };
    logger.info({ options }, 'retention starting');
    const dataSource = await openJobDataSource(settings, 'retention');
    try {
      const service = new RetentionService(
        new PartitionRepository(dataSource),
        new RetentionRepository(dataSource),
        options,
      );
      const summary = await service.run();
      logger.info({ summary }, 'retention finished');
    } finally {
      await dataSource.destroy();
    }
  },
);
