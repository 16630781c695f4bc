import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ServiceEnvironmentVariables, toBoolean } from '@payload-tracker/platform';
import { DEFAULT_STALLED_AFTER_MINUTES } from '@payload-tracker/status-lifecycle';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Every variable the api reads, validated at boot. */
export class EnvironmentVariables extends ServiceEnvironmentVariables {
  /**
   * A read replica's `postgres://` URL: every statement of the api (it only reads) runs there.
   * Unset: everything runs on `DATABASE_URL` / the `DB_*` variables. `DB_SSL` and `DB_POOL_SIZE`
   * apply to it too. Never logged.
   */
  @IsOptional()
  @IsString()
  @Matches(/^(postgres|postgresql):\/\/\S+$/, {
    message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_READ_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 8080;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_REQUESTS_PER_MINUTE = 3000;

  /** Trust `X-Forwarded-For` for the client address (behind a router that sets it). */
  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'KIBANA_URL must be an http(s) URL' })
  KIBANA_URL?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  KIBANA_INDEX?: string;

  @IsString()
  @IsNotEmpty()
  KIBANA_SERVICE_FIELD = 'app';

  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'STORAGE_BROKER_URL must be an http(s) URL' })
  STORAGE_BROKER_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  STORAGE_BROKER_TIMEOUT_MS = 35000;

  @IsString()
  @IsNotEmpty()
  ARCHIVE_DOWNLOAD_ROLE = 'platform-archive-download';

  /** An unfinished payload whose latest status is older than this many minutes is `stalled`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(525600)
  STALLED_AFTER_MINUTES = DEFAULT_STALLED_AFTER_MINUTES;

  /**
   * The built web console (index.html and its assets); default: beside the bundled api, then
   * `dist/apps/console` under the working directory.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  CONSOLE_DIR?: string;

  /** How far back `GET /stats/services` may look, and the window of the payload gauges. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DAYS = 7;

  /** Seconds between the heartbeats of `GET /payloads/{request_id}/events`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  EVENTS_HEARTBEAT_SECONDS = 15;

  /** Event streams one process holds open at most; the next one is refused with a 503. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  EVENTS_MAX_STREAMS = 5000;

  /**
   * While the LISTEN connection is down, every open event stream looks for new statuses this
   * often (notifications sent meanwhile are lost).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  EVENTS_POLL_SECONDS = 5;
}
