/** One invalid variable: its name and what is wrong, never its value. */
export interface EnvironmentProblem {
  readonly variable: string;
  readonly problems: readonly string[];
}

/** Thrown when the environment does not validate; the message names every bad variable. */
export class EnvironmentValidationError extends Error {
  readonly code = 'invalid_environment';

  constructor(readonly problems: readonly EnvironmentProblem[]) {
    super(
      `Invalid environment: ${problems
        .map((problem) => `${problem.variable}: ${problem.problems.join('; ')}`)
        .join(' | ')}`,
    );
    this.name = 'EnvironmentValidationError';
  }
}
