/*
 * SQLSTATE classes and codes that mean the database cannot be reached or cannot serve now,
 * as opposed to a statement it refused: 08 connection exception, 57P01..57P03 shutdown or not
 * yet accepting, 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket-level failures of a connection attempt or of an open connection. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/*
 * What node-postgres throws, without a code, when the pool gives up waiting for a connection
 * or a connection ends under a query.
 */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Connection refused',
];

/**
 * Whether `error` says the database is unreachable or not serving (a transient condition the
 * client should retry), rather than that a statement failed. Read by shape, not `instanceof`:
 * node-postgres and Node's sockets may create their errors in another realm (a test runner's).
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code)) {
      return true;
    }
    if (UNAVAILABLE_SOCKET_CODES.has(code)) {
      return true;
    }
  }
  if (
    typeof message === 'string' &&
    UNAVAILABLE_MESSAGES.some((unavailable) => message.includes(unavailable))
  ) {
    return true;
  }
  // AggregateError of every address a connection attempt tried (localhost on IPv4 and IPv6).
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailableError)) {
    return true;
  }
  return cause !== undefined && isDatabaseUnavailableError(cause);
}
