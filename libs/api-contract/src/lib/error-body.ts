/** The body of every error response, whatever its status. */
export interface ErrorBody {
  /** The HTTP reason phrase (`Bad Request`). */
  readonly title: string;
  /** What was wrong; a 400 names the parameter and its allowed values. */
  readonly message: string;
  /** The HTTP status code, as on the response. */
  readonly status: number;
}
