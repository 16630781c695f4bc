/** Outcome of reading the `x-rh-identity` header. */
export type IdentityRoles =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'decoded'; readonly roles: readonly string[] };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+={0,2}$/;

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Decodes the platform's identity header (base64 of JSON) and returns the associate's roles,
 * found at `identity.associate.Role`; an identity without that array has no roles.
 */
export function rolesFromIdentityHeader(
  header: string | readonly string[] | undefined,
): IdentityRoles {
  if (header === undefined || (typeof header === 'string' && header.trim() === '')) {
    return { kind: 'missing' };
  }
  if (typeof header !== 'string') {
    return { kind: 'invalid', reason: 'the header was sent more than once' };
  }
  const text = header.trim();
  if (!BASE64.test(text)) {
    return { kind: 'invalid', reason: 'not base64' };
  }
  let identity: unknown;
  try {
    identity = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'not base64-encoded JSON' };
  }
  if (typeof identity !== 'object' || identity === null || Array.isArray(identity)) {
    return { kind: 'invalid', reason: 'not a JSON object' };
  }
  const roles = property(property(property(identity, 'identity'), 'associate'), 'Role');
  return {
    kind: 'decoded',
    roles: Array.isArray(roles)
      ? roles.filter((role): role is string => typeof role === 'string')
      : [],
  };
}
