import { Module } from '@nestjs/common';

import {
  DatabasePool,
  DatabasePoolModule,
  GroupStartRepository,
  StatusBatchWriter,
} from '@payload-tracker/entities';

/**
 * The ingester's PostgreSQL access: the pool and the probe's connection, the batch writer, and
 * the group starts read for the span histogram.
 */
@Module({
  imports: [DatabasePoolModule.forRoot({ applicationName: 'payload-tracker-ingester' })],
  providers: [
    {
      provide: StatusBatchWriter,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): StatusBatchWriter => new StatusBatchWriter(pool),
    },
    {
      provide: GroupStartRepository,
      inject: [DatabasePool],
      useFactory: (pool: DatabasePool): GroupStartRepository => new GroupStartRepository(pool),
    },
  ],
  exports: [StatusBatchWriter, GroupStartRepository],
})
export class DatabaseModule {}
