import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJestResults, summariseJestResults } from './jest-summary';

/**
 * The whole test suite, in the order a failure is cheapest to see: fetch the Kafka jars (cached),
 * format check, lint + typecheck + build every project (builds feed the deployment tests), then one jest run over
 * every project against the real stack, which jest's global setup starts. Prints `N passed, N failed`
 * last and writes it to tmp/test-summary.txt for .ci/run.
 */
const root = join(__dirname, '..', '..', '..');
const tmp = join(root, 'tmp');
const resultsFile = join(tmp, 'jest-results.json');
const summaryFile = join(tmp, 'test-summary.txt');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: '0',
};

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(
    `=== ${title}: ${ok ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${seconds} s`,
  );
  return ok;
}

function main(): number {
  mkdirSync(tmp, { recursive: true });
  rmSync(resultsFile, { force: true });
  const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
  const tsx = [bin('tsx'), '--tsconfig', join(root, 'tsconfig.base.json')];

  const staticOk =
    step('kafka jars', tsx[0] ?? 'tsx', [
      ...tsx.slice(1),
      join(root, 'tools/local-stack/src/main.ts'),
      'fetch-kafka',
    ]) &&
    step('format', bin('prettier'), ['--check', '--log-level=warn', '.']) &&
    step('lint, typecheck, build', bin('nx'), [
      'run-many',
      '-t',
      'lint',
      'typecheck',
      'build',
      '--parallel=2',
      '--output-style=stream',
    ]);
  const jestOk = step('tests', bin('jest'), [
    '--ci',
    '--json',
    `--outputFile=${resultsFile}`,
    '--maxWorkers=2',
  ]);

  // No results file means jest never ran: that is a failure, not an empty green run.
  let summary = '0 passed, 1 failed';
  if (existsSync(resultsFile)) {
    const results = readJestResults(resultsFile);
    const line = summariseJestResults(results);
    // A failed lint/build step is one more failure on top of jest's own count.
    summary = staticOk
      ? line
      : line.replace(/(\d+) failed/, (_, n: string) => `${Number(n) + 1} failed`);
  }
  writeFileSync(summaryFile, `${summary}\n`);
  console.log(`\n${summary}`);
  return staticOk && jestOk ? 0 : 1;
}

process.exitCode = main();
