export { seedDatabase } from './lib/seed-database';
export type { SeedSummary } from './lib/seed-database';
export { parseSeedOptions, SEED_USAGE } from './lib/seed-options';
export type { SeedOptions } from './lib/seed-options';
