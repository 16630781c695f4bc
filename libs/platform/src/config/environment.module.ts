import type { DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

/**
 * Nest's `ConfigModule` over an environment that `readEnvironment` read and validated once
 * before Nest started: `validate` hands it over as it is, and no `.env` file is read.
 *
 * @param environment - the process's validated environment class instance
 */
export function environmentModule(environment: object): Promise<DynamicModule> {
  return ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    ignoreEnvFile: true,
    validate: () => ({ ...environment }),
  });
}
