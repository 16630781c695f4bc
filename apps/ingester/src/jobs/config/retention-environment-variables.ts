import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ProcessEnvironmentVariables } from '@payload-tracker/platform';

/** Environment of the retention job. */
export class RetentionEnvironmentVariables extends ProcessEnvironmentVariables {
  /** Days kept before today (UTC); older whole days are removed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DAYS = 7;

  /** Days after today whose partitions are created in advance. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  PARTITIONS_AHEAD_DAYS = 3;

  /** Payloads examined per delete transaction. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RETENTION_DELETE_BATCH_SIZE = 5000;
}
