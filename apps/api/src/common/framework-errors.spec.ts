import { RouteTable, clientErrorResponse, errorBody, findNulParameter } from './framework-errors';

describe('findNulParameter', () => {
  it('names the first parameter holding a NUL byte, in a value or a repeated one', () => {
    expect(findNulParameter({ request_id: 'abc' }, { a: 'x', b: ['y', 'z\u0000'] })).toBe('b');
    expect(findNulParameter({ request_id: 'a\u0000b' }, { a: 'x\u0000' })).toBe('request_id');
  });

  it('calls the rest of a wildcard path `path`', () => {
    expect(findNulParameter({ '*': 'a\u0000/kibana' })).toBe('path');
  });

  it('finds nothing in clean or absent parameters', () => {
    expect(findNulParameter({ a: 'x', b: ['y'] }, undefined, null, 'text')).toBeUndefined();
  });
});

describe('RouteTable', () => {
  const sut = new RouteTable();
  sut.add('/api/v1/payloads', 'GET');
  sut.add('/api/v1/payloads', 'HEAD');
  sut.add('/api/v1/payloads/:request_id', ['GET', 'HEAD']);
  sut.add('/api/v1/payloads/:request_id/kibana', 'GET');
  sut.add('/api/docs/*', 'GET');

  it.each([
    ['/api/v1/payloads', ['GET', 'HEAD']],
    ['/api/v1/payloads/abc', ['GET', 'HEAD']],
    ['/api/v1/payloads/abc/kibana', ['GET']],
    ['/api/docs/swagger-ui.css', ['GET']],
    ['/api/docs/a/b', ['GET']],
    ['/api/v1/payloads/', []],
    ['/api/v1/payloads/abc/archive', []],
    ['/api/v1', []],
    ['/', []],
  ])('allows %s %j', (path, methods) => {
    expect(sut.allowedMethods(path)).toEqual(methods);
  });
});

describe('clientErrorResponse', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_CONSTANT', 400],
    [undefined, 400],
  ])('answers %s with %d and the contract body', (code, status) => {
    const sut = clientErrorResponse(code);
    const [head = '', body = ''] = sut.split('\r\n\r\n');
    expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status.toString()} `));
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body).toString()}`);
    expect(JSON.parse(body)).toMatchObject({ status, title: errorBody(status, '').title });
  });
});
