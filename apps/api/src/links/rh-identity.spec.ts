import { rolesFromIdentityHeader } from './rh-identity';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('rolesFromIdentityHeader', () => {
  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '   '],
  ])('reports a missing header when %s', (_case, header) => {
    expect(rolesFromIdentityHeader(header)).toEqual({ kind: 'missing' });
  });

  it.each([
    ['not base64', 'not base64!'],
    ['base64 of text', Buffer.from('hello').toString('base64')],
    ['base64 of a number', encode(42)],
    ['base64 of null', encode(null)],
    ['base64 of an array', encode([1, 2])],
  ])('reports an invalid header when %s', (_case, header) => {
    expect(rolesFromIdentityHeader(header)).toMatchObject({ kind: 'invalid' });
  });

  it('reports an invalid header when it was sent twice', () => {
    expect(rolesFromIdentityHeader(['a', 'b'])).toMatchObject({ kind: 'invalid' });
  });

  it('returns the string roles at identity.associate.Role', () => {
    const sut = rolesFromIdentityHeader(
      encode({ identity: { associate: { Role: ['a', 7, 'b'] } } }),
    );
    expect(sut).toEqual({ kind: 'decoded', roles: ['a', 'b'] });
  });

  it('accepts URL-safe base64', () => {
    const header = encode({ identity: { associate: { Role: ['ü?>'] } } })
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    expect(rolesFromIdentityHeader(header)).toEqual({ kind: 'decoded', roles: ['ü?>'] });
  });

  it.each([
    ['no identity', {}],
    ['no associate', { identity: { type: 'User' } }],
    ['Role not an array', { identity: { associate: { Role: 'x' } } }],
  ])('returns no roles with %s', (_case, identity) => {
    expect(rolesFromIdentityHeader(encode(identity))).toEqual({ kind: 'decoded', roles: [] });
  });
});
