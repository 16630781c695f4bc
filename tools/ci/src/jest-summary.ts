import { readFileSync } from 'node:fs';

/** The parts of jest's `--json` output the summary needs. */
interface JestJsonResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numRuntimeErrorTestSuites: number;
  success: boolean;
}

/**
 * The closing line CI reads: `N passed, N failed`. A test file that crashed before its tests ran
 * (a runtime error suite) counts as one failure, so a broken file can never read as green.
 */
export function summariseJestResults(result: JestJsonResult): string {
  const failed = result.numFailedTests + result.numRuntimeErrorTestSuites;
  const skipped = result.numPendingTests > 0 ? `, ${result.numPendingTests} skipped` : '';
  return `${result.numPassedTests} passed, ${failed} failed${skipped}`;
}

export function readJestResults(file: string): JestJsonResult {
  return JSON.parse(readFileSync(file, 'utf8')) as JestJsonResult;
}
