import { countStatusesStatement, listStatusesStatement } from './statuses.sql';
import type { StatusListCriteria } from './statuses.sql';

const base: StatusListCriteria = { page: 1, page_size: 10, sort_by: 'date', sort_dir: 'desc' };
const squash = (sql: string): string => sql.replace(/\s+/g, ' ').trim();

describe('listStatusesStatement', () => {
  it('sorts plain columns straight off the table, ties by id', () => {
    const sut = listStatusesStatement(base);
    expect(squash(sut.sql)).toContain(
      'FROM payload_statuses ps ORDER BY ps.date DESC, ps.id DESC LIMIT $1 OFFSET $2',
    );
    expect(sut.parameters).toEqual([10, 10]);
  });

  it('sorts status_msg by its indexed prefix', () => {
    expect(
      squash(listStatusesStatement({ ...base, sort_by: 'status_msg', sort_dir: 'asc' }).sql),
    ).toContain('ORDER BY left(ps.status_msg, 256) ASC, ps.id ASC');
  });

  it('walks a lookup table in name order, each name giving at most offset + limit rows', () => {
    const sut = listStatusesStatement({ ...base, sort_by: 'service', sort_dir: 'asc' });
    const sql = squash(sut.sql);
    expect(sql).toContain('FROM services lk CROSS JOIN LATERAL');
    expect(sql).toContain('WHERE ps.service_id = lk.id ORDER BY ps.id ASC LIMIT $3');
    expect(sql).toContain('ORDER BY ps.sort_key ASC, ps.id ASC LIMIT $1 OFFSET $2');
    expect(sut.parameters).toEqual([10, 10, 20]);
  });

  it('adds the statuses without a source when sorting by source', () => {
    const sql = squash(listStatusesStatement({ ...base, sort_by: 'source' }).sql);
    expect(sql).toContain('UNION ALL SELECT');
    expect(sql).toContain('WHERE ps.source_id IS NULL ORDER BY ps.id DESC');
  });

  it('walks payloads in request_id order when sorting by request_id', () => {
    expect(squash(listStatusesStatement({ ...base, sort_by: 'request_id' }).sql)).toContain(
      'SELECT ps.id, ps.payload_id, ps.service_id, ps.source_id, ps.status_id, ps.status_msg, ps.date, ps.created_at, lk.request_id AS sort_key FROM payloads lk',
    );
  });

  it('resolves names once and compares them lower-cased', () => {
    const sut = listStatusesStatement({ ...base, service: ' Ingress ', request_id: 'r' });
    const sql = squash(sut.sql);
    expect(sql).toContain('ps.service_id = (SELECT id FROM services WHERE name = lower($1))');
    expect(sql).toContain('ps.payload_id = (SELECT id FROM payloads WHERE request_id = $2)');
    expect(sut.parameters.slice(0, 2)).toEqual(['Ingress', 'r']);
  });

  it('caps date by an upper created_at bound for statuses stored after their date', () => {
    const sut = listStatusesStatement({ ...base, created_at_lt: 0n, created_at_lte: 1n });
    const sql = squash(sut.sql);
    expect(sql).toContain(
      'WHERE ps.created_at < $1::timestamptz AND ps.created_at <= $2::timestamptz AND ps.created_at >= ps.date AND ps.date < $5::timestamptz AND ps.date <= $6::timestamptz ORDER BY ps.date DESC, ps.id DESC LIMIT $7)',
    );
    expect(sql).toContain(
      'UNION ALL (SELECT ps.id, ps.payload_id, ps.service_id, ps.source_id, ps.status_id, ps.status_msg, ps.date, ps.created_at FROM payload_statuses ps WHERE ps.created_at < $1::timestamptz AND ps.created_at <= $2::timestamptz AND ps.created_at < ps.date ORDER BY ps.date DESC, ps.id DESC LIMIT $7)',
    );
    expect(sql).toContain('ORDER BY ps.date DESC, ps.id DESC LIMIT $3 OFFSET $4');
    expect(sut.parameters).toEqual([
      '1970-01-01T00:00:00.000000Z',
      '1970-01-01T00:00:00.000001Z',
      10,
      10,
      '1970-01-01T00:00:00.000000Z',
      '1970-01-01T00:00:00.000001Z',
      20,
    ]);
  });

  it('keeps the plain date walk for a lower created_at bound or another sort', () => {
    for (const criteria of [
      { ...base, created_at_gt: 0n },
      { ...base, sort_by: 'created_at', created_at_lt: 0n },
    ] as const) {
      expect(squash(listStatusesStatement(criteria).sql)).not.toContain('UNION ALL');
    }
  });

  it('filters a short status_msg on the whole-message index, repeating its predicate', () => {
    const sql = squash(listStatusesStatement({ ...base, status_msg: 'm' }).sql);
    expect(sql).toContain('ps.status_msg = $1 AND octet_length(ps.status_msg) <= 1024');
    // 1,024 bytes of two-byte characters is still short; one byte more is not.
    const longest = 'é'.repeat(512);
    expect(squash(countStatusesStatement({ ...base, status_msg: longest }).sql)).toContain(
      'octet_length(ps.status_msg) <= 1024',
    );
    expect(squash(countStatusesStatement({ ...base, status_msg: `${longest}x` }).sql)).toContain(
      'left(ps.status_msg, 256) = left($1, 256) AND ps.status_msg = $1',
    );
  });

  it('filters a long status_msg by its indexed prefix and the whole text', () => {
    const sql = squash(listStatusesStatement({ ...base, status_msg: 'm'.repeat(1025) }).sql);
    expect(sql).toContain('left(ps.status_msg, 256) = left($1, 256) AND ps.status_msg = $1');
  });
});

describe('countStatusesStatement', () => {
  it('counts at most 10001 rows with the same filters', () => {
    const sut = countStatusesStatement({ ...base, date_gt: 0n });
    expect(squash(sut.sql)).toBe(
      'SELECT count(*)::integer AS count FROM (SELECT 1 FROM payload_statuses ps WHERE ps.date > $1::timestamptz LIMIT 10001) AS matching',
    );
    expect(sut.parameters).toEqual(['1970-01-01T00:00:00.000000Z']);
  });
});

describe('plan choice', () => {
  it('reuses one generic plan when no timestamp bound is given', () => {
    for (const criteria of [
      base,
      { ...base, service: 'ingress', sort_by: 'source' as const },
      { ...base, status_msg: 'done', request_id: 'r1' },
    ]) {
      expect(listStatusesStatement(criteria).plan).toBe('generic');
      expect(countStatusesStatement(criteria).plan).toBe('generic');
    }
  });

  it('reuses the generic plan when the bounds only narrow the index walk', () => {
    for (const criteria of [
      { ...base, date_gte: 1_000_000n, date_lt: 2_000_000n },
      { ...base, sort_by: 'created_at' as const, created_at_gt: 1_000_000n },
      // Under the date sort an upper created_at bound caps the date walk (stored-before rewrite).
      { ...base, created_at_lt: 1_000_000n },
    ]) {
      expect(listStatusesStatement(criteria).plan).toBe('generic');
    }
    expect(countStatusesStatement({ ...base, created_at_gt: 1_000_000n }).plan).toBe('generic');
  });

  it('plans per value when a bound may decide which index to walk', () => {
    for (const criteria of [
      { ...base, created_at_gt: 1_000_000n },
      { ...base, created_at_gte: 1_000_000n, created_at_lt: 2_000_000n },
      { ...base, sort_by: 'created_at' as const, date_gte: 1_000_000n },
      { ...base, sort_by: 'service' as const, date_gte: 1_000_000n },
      { ...base, service: 'ingress', date_gte: 1_000_000n },
    ]) {
      expect(listStatusesStatement(criteria).plan).toBe('auto');
    }
    expect(
      countStatusesStatement({ ...base, service: 'ingress', created_at_gt: 1_000_000n }).plan,
    ).toBe('auto');
    // Bounds on two columns: planned for every execution (see planForCount).
    expect(
      countStatusesStatement({ ...base, date_gte: 1_000_000n, created_at_lt: 2_000_000n }).plan,
    ).toBe('custom');
  });

  it('resolves names with a probe per page row, so the plan does not depend on the page size', () => {
    const sql = squash(listStatusesStatement(base).sql);
    expect(sql).toContain('(SELECT p.request_id FROM payloads p WHERE p.id = ps.payload_id)');
    expect(sql).not.toContain('JOIN payloads');
  });
});

describe('range bounds', () => {
  it('names each timestamp bound of a count, so wider ranges can reuse a capped count', () => {
    const sut = countStatusesStatement({
      ...base,
      service: 'ingress',
      date_gte: 1_000_000n,
      created_at_lt: 2_000_000n,
    });
    expect(sut.ranges).toEqual([
      { position: 1, column: 'ps.date', side: 'lower', micros: 1_000_000n },
      { position: 2, column: 'ps.created_at', side: 'upper', micros: 2_000_000n },
    ]);
    expect(sut.parameters[1]).toBe('1970-01-01T00:00:01.000000Z');
  });
});
