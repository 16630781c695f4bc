import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

import { toBoolean } from '../config/to-boolean';

function hasNoDatabaseUrl(settings: DatabaseEnvironmentVariables): boolean {
  return settings.DATABASE_URL === undefined || settings.DATABASE_URL === '';
}

/**
 * Database part of every process's environment (api, ingester, jobs). Apps extend it with
 * their own variables. Either `DATABASE_URL` or `DB_HOST` + `DB_NAME` + `DB_USER` is required.
 */
export class DatabaseEnvironmentVariables {
  /** `postgres://user:password@host:port/name`; wins over the `DB_*` variables. */
  @IsOptional()
  @IsString()
  @Matches(/^(postgres|postgresql):\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  /** Server host name, when `DATABASE_URL` is not set. */
  @ValidateIf(hasNoDatabaseUrl)
  @IsString()
  @IsNotEmpty({ message: 'DB_HOST is required when DATABASE_URL is not set' })
  DB_HOST?: string;

  /** Server port. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 5432;

  /** Database name, when `DATABASE_URL` is not set. */
  @ValidateIf(hasNoDatabaseUrl)
  @IsString()
  @IsNotEmpty({ message: 'DB_NAME is required when DATABASE_URL is not set' })
  DB_NAME?: string;

  /** User name, when `DATABASE_URL` is not set. */
  @ValidateIf(hasNoDatabaseUrl)
  @IsString()
  @IsNotEmpty({ message: 'DB_USER is required when DATABASE_URL is not set' })
  DB_USER?: string;

  /** Password; never logged. */
  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  /** Use TLS (certificate verified against the system CAs). */
  @Transform(toBoolean)
  @IsBoolean()
  DB_SSL = false;

  /** Connections in the pool of each process. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;
}
