import { COUNT_LIMIT, DEFAULT_PAGE_SIZE, FIRST_PAGE, MAX_PAGE_SIZE, MIN_PAGE_SIZE } from './paging';

describe('paging limits', () => {
  it('are integers', () => {
    for (const limit of [
      FIRST_PAGE,
      MIN_PAGE_SIZE,
      DEFAULT_PAGE_SIZE,
      MAX_PAGE_SIZE,
      COUNT_LIMIT,
    ]) {
      expect(Number.isSafeInteger(limit)).toBe(true);
    }
  });

  it('number pages from zero', () => {
    expect(FIRST_PAGE).toBe(0);
  });

  it('allow a page of at least one row and default to an allowed size', () => {
    expect(MIN_PAGE_SIZE).toBeGreaterThanOrEqual(1);
    expect(DEFAULT_PAGE_SIZE).toBeGreaterThanOrEqual(MIN_PAGE_SIZE);
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it('count at least one whole page of the largest size exactly', () => {
    expect(COUNT_LIMIT).toBeGreaterThanOrEqual(MAX_PAGE_SIZE);
  });
});
