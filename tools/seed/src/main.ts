import { SEED_USAGE, parseSeedOptions } from './lib/seed-options';
import { seedDatabase } from './lib/seed-database';

async function main(): Promise<void> {
  const options = parseSeedOptions(process.argv.slice(2), process.env);
  if (options.isHelp) {
    console.log(SEED_USAGE);
    return;
  }
  const summary = await seedDatabase(options, (line) => console.error(`[seed] ${line}`));
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
