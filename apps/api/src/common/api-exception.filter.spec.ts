import { API_ERROR_CODES } from './api-error';
import { httpStatusOf } from './api-exception.filter';

describe('httpStatusOf', () => {
  it.each([
    [API_ERROR_CODES.invalidParameter, 400],
    [API_ERROR_CODES.identityMissing, 401],
    [API_ERROR_CODES.identityInvalid, 401],
    [API_ERROR_CODES.roleMissing, 403],
    [API_ERROR_CODES.payloadNotFound, 404],
    [API_ERROR_CODES.archiveNotFound, 404],
    [API_ERROR_CODES.storageBrokerFailed, 502],
    [API_ERROR_CODES.notConfigured, 503],
    [API_ERROR_CODES.databaseUnavailable, 503],
    [API_ERROR_CODES.tooManyEventStreams, 503],
    [API_ERROR_CODES.shuttingDown, 503],
  ])('maps %s to %d', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });
});
