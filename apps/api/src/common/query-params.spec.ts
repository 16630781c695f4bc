import type { TransformFnParams } from 'class-transformer';
import { toEpochMicros, toInteger } from './query-params';

const params = (value: unknown): TransformFnParams => ({ value }) as TransformFnParams;

describe('toInteger', () => {
  it.each([
    ['12', 12],
    ['-1', -1],
    ['007', 7],
    [' 3 ', ' 3 '],
    [' 5', ' 5'],
    ['+1', '+1'],
    ['1234567890123456', '1234567890123456'],
    ['١٢', '١٢'],
    ['1.5', '1.5'],
    ['1e3', '1e3'],
    ['', ''],
    ['0x10', '0x10'],
  ])('turns %j into %j', (value, expected) => {
    expect(toInteger(params(value))).toBe(expected);
  });

  it('leaves repeated parameters as arrays', () => {
    expect(toInteger(params(['1', '2']))).toEqual(['1', '2']);
  });
});

describe('toEpochMicros', () => {
  it('parses timestamps to the microsecond', () => {
    expect(toEpochMicros(params('1970-01-01T00:00:01.000001Z'))).toBe(1_000_001n);
    expect(toEpochMicros(params('1970-01-01 02:00:00+02:00'))).toBe(0n);
  });

  it('leaves anything else untouched', () => {
    expect(toEpochMicros(params('yesterday'))).toBe('yesterday');
  });
});
