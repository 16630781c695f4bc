import { parseEnvPairs } from './env-pairs';

describe('parseEnvPairs', () => {
  it('splits at the first equals sign, so values may hold more', () => {
    expect(
      parseEnvPairs(['NODE_OPTIONS=--max-old-space-size=384', 'LOG_LEVEL=debug', 'EMPTY=']),
    ).toEqual({ NODE_OPTIONS: '--max-old-space-size=384', LOG_LEVEL: 'debug', EMPTY: '' });
  });

  it('refuses a pair without a key', () => {
    expect(() => parseEnvPairs(['=x'])).toThrow('expected KEY=VALUE, got =x');
    expect(() => parseEnvPairs(['NOEQUALS'])).toThrow('expected KEY=VALUE');
  });
});
