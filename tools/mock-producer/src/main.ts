import { findRunningLocalStack } from '@payload-tracker/local-stack';
import { PRODUCER_USAGE, parseProducerOptions } from './lib/producer-options';
import { runProducer } from './lib/run-producer';

async function main(): Promise<void> {
  const options = parseProducerOptions(
    process.argv.slice(2),
    process.env,
    () => Math.floor(Math.random() * 2 ** 31),
    findRunningLocalStack(),
  );
  if (options.isHelp) {
    console.log(PRODUCER_USAGE);
    return;
  }
  const summary = await runProducer(options);
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
