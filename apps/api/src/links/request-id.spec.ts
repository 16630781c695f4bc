import { ApiError } from '../common/api-error';
import { isUuid, requireUuidRequestId } from './request-id';

describe('isUuid', () => {
  it.each([
    ['0123456789abcdef0123456789ABCDEF', true],
    ['01234567-89ab-cdef-0123-456789abcdef', true],
    ['0123456789abcdef0123456789abcde', false],
    ['0123456789abcdef0123456789abcdef0', false],
    ['0123456789-abcdef0123456789abcdef', false],
    ['g123456789abcdef0123456789abcdef', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe('requireUuidRequestId', () => {
  it('throws invalid_parameter naming request_id', () => {
    expect(() => requireUuidRequestId('x')).toThrow(ApiError);
    expect(() => requireUuidRequestId('x')).toThrow(/request_id must be a UUID/);
  });
});
