import {
  STATUS_EXACT_FILTERS,
  STATUS_LOWER_CASED_FILTERS,
  timestampBoundParameter,
  timestampBoundParameters,
} from './filters';

describe('timestampBoundParameters', () => {
  it.each([
    ['created_at', ['created_at_lt', 'created_at_lte', 'created_at_gt', 'created_at_gte']],
    ['date', ['date_lt', 'date_lte', 'date_gt', 'date_gte']],
  ])('names the range parameters on %s', (column, expected) => {
    expect(timestampBoundParameters(column)).toEqual(expected);
  });
});

describe('timestampBoundParameter', () => {
  it('joins the column and the suffix with an underscore', () => {
    expect(timestampBoundParameter('date', 'gte')).toBe('date_gte');
  });
});

describe('the lower-cased status filters', () => {
  it('are exact-match filters of the statuses', () => {
    for (const filter of STATUS_LOWER_CASED_FILTERS) {
      expect(STATUS_EXACT_FILTERS).toContain(filter);
    }
  });
});
