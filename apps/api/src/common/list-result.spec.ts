import { listEnvelope, readPageAndCount } from './list-result';

describe('readPageAndCount', () => {
  const rowsOf = (n: number): number[] => Array.from({ length: n }, (_, index) => index);

  it.each([
    ['a short first page', { page: 0, page_size: 10 }, 3, 3],
    ['an empty first page', { page: 0, page_size: 10 }, 0, 0],
    ['a short later page', { page: 4, page_size: 10 }, 7, 47],
  ])('derives the count from %s without counting', async (_case, request, found, expected) => {
    const countRows = jest.fn(() => Promise.resolve(-1));
    const sut = await readPageAndCount(request, () => Promise.resolve(rowsOf(found)), countRows);
    expect(sut.count).toBe(expected);
    expect(countRows).not.toHaveBeenCalled();
  });

  it.each([
    ['a full page', { page: 0, page_size: 10 }, 10],
    ['an empty page past the end', { page: 3, page_size: 10 }, 0],
  ])('counts when the page is %s', async (_case, request, found) => {
    const sut = await readPageAndCount(
      request,
      () => Promise.resolve(rowsOf(found)),
      () => Promise.resolve(25),
    );
    expect(sut).toEqual({ rows: rowsOf(found), count: 25 });
  });
});

describe('listEnvelope', () => {
  it('keeps an exact count up to the limit and flags a lower bound past it', () => {
    expect(listEnvelope(10_000, 0.1, [])).toEqual({ count: 10_000, elapsed: 0.1, data: [] });
    expect(listEnvelope(10_001, 0.1, [])).toEqual({
      count: 10_000,
      count_is_lower_bound: true,
      elapsed: 0.1,
      data: [],
    });
  });
});
