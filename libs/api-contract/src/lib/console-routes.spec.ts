import { ALIAS_API_PREFIX } from './api-routes';
import { ALIAS_CONSOLE_PREFIX, CONSOLE_PREFIX } from './console-routes';

describe('the console prefixes', () => {
  it('are absolute paths without a trailing slash', () => {
    for (const prefix of [CONSOLE_PREFIX, ALIAS_CONSOLE_PREFIX]) {
      expect(prefix).toMatch(/^\/.*[^/]$/);
    }
  });

  it('put the aliased console beside the aliased API, as the router forwards both', () => {
    const aliasRoot = ALIAS_API_PREFIX.slice(0, ALIAS_API_PREFIX.indexOf('/api/'));
    expect(ALIAS_CONSOLE_PREFIX).toBe(`${aliasRoot}${CONSOLE_PREFIX}`);
  });
});
