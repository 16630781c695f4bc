import { isDatabaseUnavailableError } from './database-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailableError', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an admin shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up', withCode('the database system is starting up', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a connection exception', withCode('connection failure', '08006')],
    ['the pool giving up', new Error('timeout exceeded when trying to connect')],
    ['a connection ending under a query', new Error('Connection terminated unexpectedly')],
    [
      'every address refused',
      new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''),
    ],
    ['a wrapped cause', new Error('query failed', { cause: withCode('x', 'ECONNREFUSED') })],
    ['an error of another realm', { message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' }],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ['a syntax error', withCode('syntax error at or near "x"', '42601')],
    ['a NUL byte refused', withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021')],
    ['a statement timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
    ['an empty AggregateError', new AggregateError([], '')],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
