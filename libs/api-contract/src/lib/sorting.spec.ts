import {
  DEFAULT_PAYLOAD_SORT_FIELD,
  DEFAULT_PAYLOAD_STATUS_SORT_FIELD,
  DEFAULT_SORT_DIRECTION,
  DEFAULT_STATUS_SORT_FIELD,
  PAYLOAD_SORT_FIELDS,
  PAYLOAD_STATUS_SORT_FIELDS,
  SORT_DIRECTIONS,
  STATUS_SORT_FIELDS,
} from './sorting';

const ENDPOINT_SORTS: [string, readonly string[], string][] = [
  ['GET /payloads', PAYLOAD_SORT_FIELDS, DEFAULT_PAYLOAD_SORT_FIELD],
  ['GET /payloads/{request_id}', PAYLOAD_STATUS_SORT_FIELDS, DEFAULT_PAYLOAD_STATUS_SORT_FIELD],
  ['GET /statuses', STATUS_SORT_FIELDS, DEFAULT_STATUS_SORT_FIELD],
];

describe.each(ENDPOINT_SORTS)('the sorts of %s', (_endpoint, fields, defaultField) => {
  it('include the default sort', () => {
    expect(fields).toContain(defaultField);
  });

  it('name every field once', () => {
    expect(new Set(fields).size).toBe(fields.length);
  });
});

describe('sort directions', () => {
  it('are ascending and descending, the default descending', () => {
    expect(SORT_DIRECTIONS).toEqual(['asc', 'desc']);
    expect(SORT_DIRECTIONS).toContain(DEFAULT_SORT_DIRECTION);
    expect(DEFAULT_SORT_DIRECTION).toBe('desc');
  });
});
