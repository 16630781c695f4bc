import { summariseJestResults } from './jest-summary';

describe('summariseJestResults', () => {
  it.each([
    [
      { numPassedTests: 12, numFailedTests: 0, numPendingTests: 0, numRuntimeErrorTestSuites: 0 },
      '12 passed, 0 failed',
    ],
    [
      { numPassedTests: 3, numFailedTests: 2, numPendingTests: 0, numRuntimeErrorTestSuites: 0 },
      '3 passed, 2 failed',
    ],
    [
      { numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numRuntimeErrorTestSuites: 1 },
      '3 passed, 1 failed',
    ],
    [
      { numPassedTests: 3, numFailedTests: 0, numPendingTests: 2, numRuntimeErrorTestSuites: 0 },
      '3 passed, 0 failed, 2 skipped',
    ],
  ])('summarises %j as %s', (result, expected) => {
    expect(summariseJestResults({ ...result, success: true })).toBe(expected);
  });
});
