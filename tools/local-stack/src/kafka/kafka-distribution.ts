import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { explainMissingCommand, requireCommand } from '../process/missing-command';

/** The broker version the stack runs (see docs/local-stack.md for why 3.9). */
export const KAFKA_VERSION = '3.9.1';
const SLF4J_SIMPLE_VERSION = '1.7.36';

function pom(): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.payload-tracker</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>${SLF4J_SIMPLE_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

/** Where the broker's jars are cached between runs (`PT_CACHE_DIR` overrides). */
export function kafkaCacheDir(cacheRoot = process.env['PT_CACHE_DIR']): string {
  return join(
    cacheRoot ?? join(homedir(), '.cache', 'payload-tracker'),
    `kafka_2.13-${KAFKA_VERSION}`,
  );
}

/** How often a line reports the download while Maven runs. */
const PROGRESS_INTERVAL_MS = 5_000;

/** Size in bytes of a Maven "Downloaded from ...: <url> (1.2 MB at 3.4 MB/s)" line, else undefined. */
export function downloadedBytes(line: string): number | undefined {
  const match = /^(?:\[INFO\] )?Downloaded from [^:]+: \S+ \((\d+(?:\.\d+)?) (B|kB|MB|GB)\b/.exec(
    line,
  );
  if (!match) return undefined;
  const factor = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[match[2] as 'B' | 'kB' | 'MB' | 'GB'];
  return Number(match[1]) * factor;
}

/**
 * Runs `mvn dependency:copy-dependencies`, logging a progress line every few seconds (files and
 * megabytes so far): the first download takes a minute or more on a slow network.
 */
async function copyDependencies(
  dir: string,
  libDir: string,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  let files = 0;
  let bytes = 0;
  const tail: string[] = [];
  const child = spawn(
    'mvn',
    ['-B', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const progress = (): string =>
    `${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s`;
  const timer = setInterval(
    () => log(`downloading Kafka jars: ${progress()} so far`),
    PROGRESS_INTERVAL_MS,
  );
  const onLine = (line: string): void => {
    const size = downloadedBytes(line);
    if (size !== undefined) {
      files += 1;
      bytes += size;
    }
    tail.push(line);
    if (tail.length > 20) tail.shift();
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`mvn exited with ${code}:\n${tail.join('\n')}`);
  } catch (error: unknown) {
    throw explainMissingCommand('mvn', error);
  } finally {
    clearInterval(timer);
  }
  log(`downloaded Kafka jars: ${progress()}`);
}

/**
 * Makes sure the Kafka broker jars are on disk and returns the folder that holds them. The
 * first call downloads them from Maven Central with `mvn dependency:copy-dependencies`; later
 * calls find the marker file and return at once.
 */
export async function ensureKafkaDistribution(
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const dir = kafkaCacheDir();
  const libDir = join(dir, 'libs');
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return libDir;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pom.xml'), pom());
  log(
    `downloading Kafka ${KAFKA_VERSION} jars from Maven Central into ${libDir} (once, about 50 MB)`,
  );
  // Maven needs Java too, and says so less clearly than this.
  await requireCommand('java', ['-version']);
  await copyDependencies(dir, libDir, log);
  const jars = await readdir(libDir);
  if (!jars.some((jar) => jar.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
    throw new Error(`Maven finished but ${libDir} holds no kafka_2.13 jar`);
  }
  await writeFile(marker, new Date().toISOString());
  return libDir;
}
