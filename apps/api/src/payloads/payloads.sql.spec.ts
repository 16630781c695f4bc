import {
  countPayloadsStatement,
  listPayloadsStatement,
  payloadTimeSpanStatement,
  payloadDetailStatement,
  payloadStatusesAfterStatement,
  payloadSummaryStatement,
} from './payloads.sql';
import type { OutcomeReading, PayloadListCriteria } from './payloads.sql';

const reading: OutcomeReading = { stalledAfterMinutes: 60 };

const base: PayloadListCriteria = {
  page: 2,
  page_size: 25,
  sort_by: 'created_at',
  sort_dir: 'desc',
};
const squash = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

describe('listPayloadsStatement', () => {
  it('pages by offset page * page_size, ties broken by id in the same direction', () => {
    const sut = listPayloadsStatement(base, reading);
    expect(squash(sut.sql)).toContain('ORDER BY p.created_at DESC, p.id DESC LIMIT $1 OFFSET $2');
    expect(sut.parameters).toEqual([25, 50]);
  });

  it('filters exactly and on microsecond text bounds, never through Date', () => {
    const sut = listPayloadsStatement(
      {
        ...base,
        sort_by: 'account',
        sort_dir: 'asc',
        account: '1',
        created_at_gte: 1_000_001n,
        created_at_lt: 2_000_000n,
      },
      reading,
    );
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
    const sut = listPayloadsStatement({ ...base, request_id: "x' OR '1'='1" }, reading);
    expect(sut.sql).not.toContain("'1'='1");
  });
});

describe('countPayloadsStatement', () => {
  it('counts at most 10001 matching rows', () => {
    const sut = countPayloadsStatement({ ...base, org_id: 'o' }, reading);
    expect(squash(sut.sql)).toBe(
      'SELECT count(*)::integer AS count FROM (SELECT 1 FROM payloads p WHERE p.org_id = $1 LIMIT 10001) AS matching',
    );
    expect(sut.parameters).toEqual(['o']);
  });
});

describe('payloadDetailStatement', () => {
  it('reads the payload, its statuses sorted by name with id ties, and its outcome in one row', () => {
    const sut = payloadDetailStatement('r1', 'source', 'asc', reading);
    const sql = squash(sut.sql);
    expect(sql).toContain("ORDER BY s.source ASC, s.id ASC), '[]'::json) FROM (");
    expect(sql).toContain('WHERE ps.payload_id = pg.payload_id ) s) AS statuses');
    expect(sql).toContain('FROM payload_groups g WHERE g.payload_id = pg.payload_id) AS groups');
    expect(sql).toContain('WHERE so.id = nullif(g.source_id, 0)');
    expect(sql).toMatch(
      /FROM payloads p LEFT JOIN payload_outcomes o ON o\.payload_id = p\.id WHERE p\.request_id = \$1 \) pg$/,
    );
    expect(sut).toMatchObject({ parameters: ['r1'], plan: 'generic' });
  });
});

describe('plan choice', () => {
  it('reuses one generic plan for lookups by request id and lists without a time bound', () => {
    expect(payloadDetailStatement('r1', 'date', 'desc', reading).plan).toBe('generic');
    expect(payloadTimeSpanStatement('r1').plan).toBe('generic');
    expect(listPayloadsStatement({ ...base, account: 'a' }, reading).plan).toBe('generic');
    expect(countPayloadsStatement(base, reading).plan).toBe('generic');
  });

  it('reuses the generic plan when a created_at bound only narrows the walk', () => {
    const bounded = { ...base, created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(bounded, reading).plan).toBe('generic');
    expect(countPayloadsStatement(bounded, reading).plan).toBe('generic');
  });

  it('plans per value when a created_at bound may decide which index to walk', () => {
    const sortedElsewhere = { ...base, sort_by: 'account' as const, created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(sortedElsewhere, reading).plan).toBe('auto');
    const filtered = { ...base, account: 'a', created_at_gte: 1_000_000n };
    expect(listPayloadsStatement(filtered, reading).plan).toBe('auto');
    expect(countPayloadsStatement(filtered, reading).plan).toBe('auto');
  });

  it('plans a count for every execution when its bounds are on two columns (no one index walk serves both)', () => {
    // last_status_at_lt also bounds created_at (an upload is created before its last status).
    const bounded = { ...base, last_status_at_lt: 1_000_000n };
    expect(countPayloadsStatement(bounded, reading).parameters).toHaveLength(2);
    expect(countPayloadsStatement(bounded, reading).plan).toBe('custom');
  });
});

describe('outcome filters and sort', () => {
  it('joins the outcome to the page only, leaving payloads without one in the list', () => {
    const sql = squash(listPayloadsStatement(base, reading).sql);
    expect(sql).toContain('FROM payloads p LEFT JOIN payload_outcomes o ON o.payload_id = p.id');
    expect(sql).toMatch(/\) pg ORDER BY pg\.created_at DESC, pg\.id DESC$/);
  });

  it('walks the outcome index for a state and the default sort', () => {
    const sut = listPayloadsStatement({ ...base, state: ['failed'] }, reading);
    const sql = squash(sut.sql);
    expect(sql).toContain('FROM payloads p JOIN payload_outcomes o ON o.payload_id = p.id');
    expect(sql).toContain(
      "WHERE o.state = 'failed' ORDER BY o.created_at DESC, o.payload_id DESC LIMIT $1 OFFSET $2",
    );
    expect(sut.parameters).toEqual([25, 50]);
  });

  it.each([
    [
      ['stalled'],
      "(o.state = 'in_progress' AND o.last_status_at < now() - make_interval(mins => 60))",
    ],
    [
      ['in_progress'],
      "(o.state = 'in_progress' AND o.last_status_at >= now() - make_interval(mins => 60))",
    ],
  ] as const)('reads state=%j by the database clock', (states, condition) => {
    const sql = squash(listPayloadsStatement({ ...base, state: states }, reading).sql);
    expect(sql).toContain(`WHERE ${condition} ORDER BY`);
  });

  it.each([
    [
      ['stalled', 'failed'],
      [
        "o.state = 'failed'",
        "(o.state = 'in_progress' AND o.last_status_at < now() - make_interval(mins => 60))",
      ],
    ],
    [
      ['stalled', 'in_progress', 'succeeded'],
      ["o.state = 'succeeded'", "o.state = 'in_progress'"],
    ],
  ] as const)(
    'pages state=%j as one ordered walk per state, merged (an OR would sort every match)',
    (states, conditions) => {
      const sut = listPayloadsStatement({ ...base, state: states }, reading);
      const sql = squash(sut.sql);
      for (const condition of conditions) {
        expect(sql).toContain(
          `WHERE ${condition} ORDER BY o.created_at DESC, o.payload_id DESC LIMIT $1)`,
        );
      }
      expect(sql.split('UNION ALL')).toHaveLength(conditions.length);
      expect(sql).toContain('u ORDER BY u.created_at DESC, u.id DESC LIMIT $2 OFFSET $3');
      // Each walk stops after the rows of the pages up to this one.
      expect(sut.parameters).toEqual([
        (base.page + 1) * base.page_size,
        base.page_size,
        base.page * base.page_size,
      ]);
      // The count still takes every match, with the states as one condition.
      expect(squash(countPayloadsStatement({ ...base, state: states }, reading).sql)).toContain(
        ` OR `,
      );
    },
  );

  it('filters the service of the failure by its id, lower-cased', () => {
    const sut = countPayloadsStatement({ ...base, failed_service: ' PupToo ' }, reading);
    expect(squash(sut.sql)).toBe(
      'SELECT count(*)::integer AS count FROM (SELECT 1 FROM payload_outcomes o WHERE o.failed_service_id = (SELECT id FROM services WHERE name = lower($1)) LIMIT 10001) AS matching',
    );
    expect(sut.parameters).toEqual(['PupToo']);
  });

  it('sorts by the latest status date off its (last_status_at, payload_id) index', () => {
    const sut = listPayloadsStatement(
      { ...base, sort_by: 'last_status_at', sort_dir: 'asc', last_status_at_gte: 1_000_000n },
      reading,
    );
    const sql = squash(sut.sql);
    expect(sql).toContain(
      'WHERE o.last_status_at >= $1::timestamptz ORDER BY o.last_status_at ASC, o.payload_id ASC',
    );
    expect(sql).toMatch(/ORDER BY pg\.last_status_at ASC, pg\.id ASC$/);
    expect(sut.plan).toBe('generic');
  });

  it('walks payloads by created_at for a last_status_at range, bounded by its upper end', () => {
    const sut = listPayloadsStatement({ ...base, last_status_at_lt: 1_000_000n }, reading);
    const sql = squash(sut.sql);
    expect(sql).toContain(
      'WHERE o.last_status_at < $1::timestamptz AND p.created_at < $2::timestamptz ORDER BY p.created_at DESC, p.id DESC',
    );
    expect(sut.parameters.slice(0, 2)).toEqual([
      '1970-01-01T00:00:01.000000Z',
      '1970-01-01T00:00:01.000000Z',
    ]);
  });

  it.each([
    [{ last_status_at_lt: 1_000_000n }],
    [{ last_status_at_gte: 1_000_000n, created_at_lt: 2_000_000n }],
    [{ state: ['failed'], created_at_gte: 1_000_000n, last_status_at_lte: 2_000_000n }],
  ] as const)('counts outcome filters %j off payload_outcomes alone', (filters) => {
    const sql = squash(countPayloadsStatement({ ...base, ...filters }, reading).sql);
    expect(sql).toContain('FROM payload_outcomes o WHERE');
    expect(sql).not.toMatch(/\bp\./);
  });

  it('bounds created_at on the outcome once it is joined', () => {
    const sut = countPayloadsStatement(
      { ...base, account: 'a', state: ['succeeded'], created_at_lt: 1_000_000n },
      reading,
    );
    expect(squash(sut.sql)).toContain(
      "FROM payloads p JOIN payload_outcomes o ON o.payload_id = p.id WHERE p.account = $1 AND o.state = 'succeeded' AND o.created_at < $2::timestamptz",
    );
    expect(sut.plan).toBe('auto');
  });

  it('refuses a stalled threshold that is not a positive integer', () => {
    expect(() =>
      listPayloadsStatement({ ...base, state: ['stalled'] }, { stalledAfterMinutes: 1.5 }),
    ).toThrow(/stalled threshold/);
  });
});

describe('payloadSummaryStatement', () => {
  it('reads the outcome and its groups by request id in one generic statement', () => {
    const sut = payloadSummaryStatement('r1', reading);
    const sql = squash(sut.sql);
    expect(sql).toContain('FROM payload_groups g WHERE g.payload_id = pg.payload_id) AS groups');
    expect(sql).toContain('WHERE so.id = nullif(g.source_id, 0)');
    expect(sut).toMatchObject({ parameters: ['r1'], plan: 'generic' });
  });
});

describe('payloadStatusesAfterStatement', () => {
  it("pages one payload's statuses after a cursor in id order", () => {
    const sut = payloadStatusesAfterStatement('7', '42', 500);
    const sql = squash(sut.sql);
    expect(sql).toContain(
      'WHERE ps.payload_id = p.id AND ps.id > $2::bigint ORDER BY ps.id LIMIT $3',
    );
    expect(sut).toMatchObject({ parameters: ['7', '42', 500], plan: 'generic' });
  });
});
