import {
  countPayloadsStatement,
  listPayloadsStatement,
  payloadTimeSpanStatement,
  payloadWithStatusesStatement,
} from './payloads.sql';
import type { PayloadListCriteria } from './payloads.sql';

const base: PayloadListCriteria = {
  page: 2,
  page_size: 25,
  sort_by: 'created_at',
  sort_dir: 'desc',
};
const squash = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

describe('listPayloadsStatement', () => {
  it('pages by offset page * page_size, ties broken by id in the same direction', () => {
    const sut = listPayloadsStatement(base);
    expect(squash(sut.sql)).toContain('ORDER BY p.created_at DESC, p.id DESC LIMIT $1 OFFSET $2');
    expect(sut.parameters).toEqual([25, 50]);
  });

  it('filters exactly and on microsecond text bounds, never through Date', () => {
    const sut = listPayloadsStatement({
      ...base,
      sort_by: 'account',
      sort_dir: 'asc',
      account: '1',
      created_at_gte: 1_000_001n,
      created_at_lt: 2_000_000n,
    });
    expect(squash(sut.sql)).toContain(
      'WHERE p.account = $1 AND p.created_at >= $2::timestamptz AND p.created_at < $3::timestamptz ORDER BY p.account ASC, p.id ASC',
    );
    expect(sut.parameters).toEqual([
      '1',
      '1970-01-01T00:00:01.000001Z',
      '1970-01-01T00:00:02.000000Z',
      25,
      50,
    ]);
  });

  it('never puts values into the SQL text', () => {
    const sut = listPayloadsStatement({ ...base, request_id: "x' OR '1'='1" });
    expect(sut.sql).not.toContain("'1'='1");
  });
});

describe('countPayloadsStatement', () => {
  it('counts at most 10001 matching rows', () => {
    const sut = countPayloadsStatement({ ...base, org_id: 'o' });
    expect(squash(sut.sql)).toBe(
      'SELECT count(*)::integer AS count FROM (SELECT 1 FROM payloads p WHERE p.org_id = $1 LIMIT 10001) AS matching',
    );
    expect(sut.parameters).toEqual(['o']);
  });
});

describe('payloadWithStatusesStatement', () => {
  it('reads the payload and its statuses in one statement, sorted by name with id ties', () => {
    const sut = payloadWithStatusesStatement('r1', 'source', 'asc');
    const sql = squash(sut.sql);
    expect(sql).toContain('FROM payloads p LEFT JOIN LATERAL (');
    expect(sql).toContain('WHERE ps.payload_id = p.id ) s ON true WHERE p.request_id = $1');
    expect(sql).toMatch(/ORDER BY s\.source ASC, s\.id ASC$/);
    expect(sut.parameters).toEqual(['r1']);
  });
});

describe('plan choice', () => {
  it('reuses one generic plan for lookups by request id and lists without a time bound', () => {
    expect(payloadWithStatusesStatement('r1', 'date', 'desc').plan).toBe('generic');
    expect(payloadTimeSpanStatement('r1').plan).toBe('generic');
    expect(listPayloadsStatement({ ...base, account: 'a' }).plan).toBe('generic');
    expect(countPayloadsStatement(base).plan).toBe('generic');
  });

  it('reuses the generic plan when a created_at bound only narrows the walk', () => {
    const bounded = { ...base, created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(bounded).plan).toBe('generic');
    expect(countPayloadsStatement(bounded).plan).toBe('generic');
  });

  it('plans per value when a created_at bound may decide which index to walk', () => {
    const sortedElsewhere = { ...base, sort_by: 'account' as const, created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(sortedElsewhere).plan).toBe('auto');
    const filtered = { ...base, account: 'a', created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(filtered).plan).toBe('auto');
    expect(countPayloadsStatement(filtered).plan).toBe('auto');
  });
});
