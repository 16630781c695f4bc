import { classifySearch, requestIdForms, resolveSearch } from './search-query';

describe('classifySearch', () => {
  it.each([
    ['0123456789abcdef0123456789ABCDEF'],
    ['01234567-89ab-cdef-0123-456789abcdef'],
    ['  01234567-89ab-cdef-0123-456789abcdef  '],
  ])('sends the UUID %p to its upload page', (text) => {
    expect(classifySearch(text)).toEqual({ kind: 'request_id', requestId: text.trim() });
  });

  it('tries a number as an account, an org id, then a request id', () => {
    expect(classifySearch(' 1001 ')).toEqual({
      kind: 'filters',
      value: '1001',
      filters: ['account', 'org_id', 'request_id'],
    });
  });

  it('tries other text as every exact filter of GET /payloads', () => {
    expect(classifySearch('org1')).toEqual({
      kind: 'filters',
      value: 'org1',
      filters: ['account', 'org_id', 'inventory_id', 'system_id', 'request_id'],
    });
  });

  it.each([
    ['0123456789abcdef0123456789abcde'],
    ['0123456789abcdef0123456789abcdefg'],
    ['01234567-89ab-cdef-0123-456789abcdeg'],
  ])('does not take the near-UUID %p for one', (text) => {
    expect(classifySearch(text).kind).toBe('filters');
  });

  it.each([[''], ['   ']])('finds nothing to do for %p', (text) => {
    expect(classifySearch(text)).toEqual({ kind: 'empty' });
  });
});

describe('requestIdForms', () => {
  it('tries the typed form, then the plain and dashed lower-case forms', () => {
    expect(requestIdForms('01234567-89AB-cdef-0123-456789abcdef')).toEqual([
      '01234567-89AB-cdef-0123-456789abcdef',
      '0123456789abcdef0123456789abcdef',
      '01234567-89ab-cdef-0123-456789abcdef',
    ]);
  });

  it('lists each form once', () => {
    expect(requestIdForms('0123456789abcdef0123456789abcdef')).toEqual([
      '0123456789abcdef0123456789abcdef',
      '01234567-89ab-cdef-0123-456789abcdef',
    ]);
  });

  it('keeps a request id that is not a UUID as it is', () => {
    expect(requestIdForms('req-1')).toEqual(['req-1']);
  });
});

describe('resolveSearch', () => {
  it('goes to the only filter that matched', () => {
    expect(
      resolveSearch([
        { filter: 'account', count: 0 },
        { filter: 'org_id', count: 3 },
      ]),
    ).toEqual({ kind: 'go', filter: 'org_id' });
  });

  it('offers every filter that matched, in order', () => {
    expect(
      resolveSearch([
        { filter: 'account', count: 2 },
        { filter: 'org_id', count: 0 },
        { filter: 'request_id', count: 1 },
      ]),
    ).toEqual({
      kind: 'choose',
      matches: [
        { filter: 'account', count: 2 },
        { filter: 'request_id', count: 1 },
      ],
    });
  });

  it('says when nothing matched', () => {
    expect(resolveSearch([{ filter: 'account', count: 0 }])).toEqual({ kind: 'none' });
    expect(resolveSearch([])).toEqual({ kind: 'none' });
  });
});
