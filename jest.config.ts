import { getJestProjectsAsync } from '@nx/jest';
import type { Config } from 'jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // A global option: jest ignores it inside project configs when it runs several projects.
  // Integration tests start servers and wait for Kafka rebalances; a hang still fails, later.
  testTimeout: 90_000,
});
