import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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
  log(`downloading Kafka ${KAFKA_VERSION} jars from Maven Central into ${libDir}`);
  await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${libDir}`], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const jars = await readdir(libDir);
  if (!jars.some((jar) => jar.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) {
    throw new Error(`Maven finished but ${libDir} holds no kafka_2.13 jar`);
  }
  await writeFile(marker, new Date().toISOString());
  return libDir;
}
