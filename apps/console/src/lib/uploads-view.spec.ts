import {
  DEFAULT_UPLOADS_VIEW,
  pageCount,
  parseUploadsView,
  sortUploadsBy,
  toggleState,
  uploadsApiQuery,
  uploadsViewQuery,
} from './uploads-view';
import type { UploadsView } from './uploads-view';

const NOW = Date.parse('2026-11-28T10:00:00.000Z');

describe('the uploads view in the URL', () => {
  it('opens the default view from an empty query, and writes it as an empty query', () => {
    expect(parseUploadsView('')).toEqual(DEFAULT_UPLOADS_VIEW);
    expect(uploadsViewQuery(DEFAULT_UPLOADS_VIEW)).toBe('');
  });

  it('reads every filter, the states, window, sort and page', () => {
    const sut = parseUploadsView(
      '?account=1001&org_id=o1&inventory_id=i&system_id=s&request_id=r&failed_service=puptoo' +
        '&created_at_gte=2026-11-28T00:00:00Z&created_at_lt=2026-11-29T00:00:00Z' +
        '&last_status_at_gt=a&last_status_at_lte=b&created_at_gt=c&created_at_lte=d' +
        '&last_status_at_gte=e&last_status_at_lt=f' +
        '&state=stalled,failed&window=1h&sort_by=account&sort_dir=asc&page=2&page_size=50',
    );
    expect(sut).toEqual({
      filters: {
        account: '1001',
        org_id: 'o1',
        inventory_id: 'i',
        system_id: 's',
        request_id: 'r',
        failed_service: 'puptoo',
        created_at_gte: '2026-11-28T00:00:00Z',
        created_at_lt: '2026-11-29T00:00:00Z',
        created_at_gt: 'c',
        created_at_lte: 'd',
        last_status_at_gt: 'a',
        last_status_at_lte: 'b',
        last_status_at_gte: 'e',
        last_status_at_lt: 'f',
      },
      states: ['failed', 'stalled'],
      window: '1h',
      sortBy: 'account',
      sortDir: 'asc',
      page: 2,
      pageSize: 50,
    });
  });

  it('round-trips a view through its query string', () => {
    const view: UploadsView = {
      filters: { account: '1001', failed_service: 'puptoo', last_status_at_lt: 'x' },
      states: ['failed', 'in_progress'],
      window: 'all',
      sortBy: 'last_status_at',
      sortDir: 'asc',
      page: 3,
      pageSize: 10,
    };
    expect(parseUploadsView(uploadsViewQuery(view))).toEqual(view);
  });

  it.each([
    ['?state=bogus', { states: [] }],
    ['?state=failed,failed,bogus', { states: ['failed'] }],
    ['?window=2h', { window: '24h' }],
    ['?sort_by=status', { sortBy: 'created_at' }],
    ['?sort_dir=up', { sortDir: 'desc' }],
    ['?page=-1', { page: 0 }],
    ['?page=1.5', { page: 0 }],
    ['?page_size=0', { pageSize: 25 }],
    ['?page_size=1001', { pageSize: 25 }],
    ['?account=%20%20', { filters: {} }],
    ['?unknown=1', {}],
  ])('falls back to the default for %s', (search, expected) => {
    expect(parseUploadsView(search)).toEqual({ ...DEFAULT_UPLOADS_VIEW, ...expected });
  });
});

describe('uploadsApiQuery', () => {
  it('asks for the rows of the view, the window as created_at_gte', () => {
    const view = parseUploadsView('?account=1001&state=failed,stalled&window=1h&page=1');
    expect(new URLSearchParams(uploadsApiQuery(view, NOW))).toEqual(
      new URLSearchParams({
        account: '1001',
        created_at_gte: '2026-11-28T09:00:00.000Z',
        state: 'failed,stalled',
        sort_by: 'created_at',
        sort_dir: 'desc',
        page: '1',
        page_size: '25',
      }),
    );
  });

  it('counts one state with the smallest page, whatever the view filters on state', () => {
    const view = parseUploadsView('?state=failed&window=all');
    expect(uploadsApiQuery(view, NOW, { state: 'stalled', countOnly: true })).toBe(
      '?state=stalled&page_size=1',
    );
  });

  it('lets an explicit lower bound on created_at replace the window', () => {
    const view = parseUploadsView('?created_at_gt=2026-01-01T00:00:00Z&window=1h');
    const query = new URLSearchParams(uploadsApiQuery(view, NOW, { countOnly: true }));
    expect(query.get('created_at_gt')).toBe('2026-01-01T00:00:00Z');
    expect(query.has('created_at_gte')).toBe(false);
  });
});

describe('changing the view', () => {
  it('toggles a state on and off, keeping the API order, back on the first page', () => {
    const view = { ...DEFAULT_UPLOADS_VIEW, states: ['stalled' as const], page: 4 };
    expect(toggleState(view, 'failed')).toEqual({
      ...view,
      states: ['failed', 'stalled'],
      page: 0,
    });
    expect(toggleState(view, 'stalled')).toEqual({ ...view, states: [], page: 0 });
  });

  it('flips the direction on the same column and starts a new one in its natural order', () => {
    const view = { ...DEFAULT_UPLOADS_VIEW, page: 2 };
    expect(sortUploadsBy(view, 'created_at')).toMatchObject({ sortDir: 'asc', page: 0 });
    expect(sortUploadsBy(view, 'account')).toMatchObject({ sortBy: 'account', sortDir: 'asc' });
    expect(sortUploadsBy(view, 'last_status_at')).toMatchObject({ sortDir: 'desc' });
  });

  it.each([
    [0, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [10_000, 100, 100],
  ])('fills %d rows into pages of %d: %d', (count, size, pages) => {
    expect(pageCount(count, size)).toBe(pages);
  });
});
