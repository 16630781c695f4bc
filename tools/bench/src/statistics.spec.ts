import { median, percentile } from './statistics';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it.each([
    [0.5, 50],
    [0.99, 99],
    [1, 100],
    [0.01, 1],
    [0, 1],
  ])('gives the %p fraction of 1..100 as %p', (fraction, expected) => {
    expect(percentile(hundred, fraction)).toBe(expected);
  });

  it('gives the only sample for one sample and NaN for none', () => {
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('median', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[12_363, 23_016, 17_071], 17_071],
  ])('of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});
