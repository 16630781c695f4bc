import { IsIn, IsString, IsNotEmpty } from 'class-validator';

import { DatabaseEnvironmentVariables } from '../database/database-environment-variables';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/log-levels';
import type { LogFormat, LogLevel } from '../logging/log-levels';

/** What every process reads: the database and how to log. The jobs use it as it is. */
export class ProcessEnvironmentVariables extends DatabaseEnvironmentVariables {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** `json` lines, `pretty` text for people, or `auto`: pretty on a terminal, JSON otherwise. */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'auto';
}

/** What the two long-running processes (api, ingester) read besides. */
export class ServiceEnvironmentVariables extends ProcessEnvironmentVariables {
  /** Shown in `payload_tracker_build_info{version}`; set by the image build. */
  @IsString()
  @IsNotEmpty()
  BUILD_VERSION = 'dev';
}
