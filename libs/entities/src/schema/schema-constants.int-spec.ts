import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import { FIELD_MAX_LENGTHS } from '@payload-tracker/status-lifecycle';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/open-test-data-source';
import {
  QUERY_INDEX_NAMES,
  SHORT_STATUS_MSG_MAX_BYTES,
  STATUS_MSG_INDEXED_PREFIX,
} from './schema-constants';

/** How PostgreSQL prints back `left(status_msg, n)` of a varchar column. */
const prefixOfStatusMsg = (length: number): string =>
  `"left"((status_msg)::text, ${length.toString()})`;

describe('schema constants', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openTestDataSource(database.url);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function definitionOf(index: string): Promise<string | undefined> {
    const rows = await dataSource.query<{ indexdef: string }[]>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`,
      [index],
    );
    return rows[0]?.indexdef;
  }

  async function maxLengthOf(table: string, column: string): Promise<number | null | undefined> {
    const rows = await dataSource.query<{ length: number | null }[]>(
      `SELECT character_maximum_length AS length FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
      [table, column],
    );
    return rows[0]?.length;
  }

  it('indexes status_msg by a prefix of STATUS_MSG_INDEXED_PREFIX characters', async () => {
    expect(await definitionOf(QUERY_INDEX_NAMES.statusMsgPrefixId)).toBe(
      `CREATE INDEX ${QUERY_INDEX_NAMES.statusMsgPrefixId} ON ONLY public.payload_statuses USING btree (${prefixOfStatusMsg(STATUS_MSG_INDEXED_PREFIX)}, id)`,
    );
    expect(await definitionOf(QUERY_INDEX_NAMES.statusMsgPrefixDate)).toBe(
      `CREATE INDEX ${QUERY_INDEX_NAMES.statusMsgPrefixDate} ON ONLY public.payload_statuses USING btree (${prefixOfStatusMsg(STATUS_MSG_INDEXED_PREFIX)}, date)`,
    );
  });

  it('keeps the prefix shorter than the column, so that it is a prefix', async () => {
    expect(await maxLengthOf('payload_statuses', 'status_msg')).toBeGreaterThan(
      STATUS_MSG_INDEXED_PREFIX,
    );
  });

  it('indexes whole messages of at most SHORT_STATUS_MSG_MAX_BYTES bytes', async () => {
    expect(await definitionOf(QUERY_INDEX_NAMES.shortStatusMsgDate)).toBe(
      `CREATE INDEX ${QUERY_INDEX_NAMES.shortStatusMsgDate} ON ONLY public.payload_statuses USING btree (status_msg, date) WHERE (octet_length((status_msg)::text) <= ${SHORT_STATUS_MSG_MAX_BYTES.toString()})`,
    );
  });

  it('holds the statuses stored before their own date in the future-dated index', async () => {
    expect(await definitionOf(QUERY_INDEX_NAMES.futureDatedDateId)).toBe(
      `CREATE INDEX ${QUERY_INDEX_NAMES.futureDatedDateId} ON ONLY public.payload_statuses USING btree (date, id) WHERE (created_at < date)`,
    );
  });

  it.each([
    ['payloads', 'request_id', FIELD_MAX_LENGTHS.requestId],
    ['payloads', 'account', FIELD_MAX_LENGTHS.id],
    ['payloads', 'org_id', FIELD_MAX_LENGTHS.id],
    ['payloads', 'inventory_id', FIELD_MAX_LENGTHS.id],
    ['payloads', 'system_id', FIELD_MAX_LENGTHS.id],
    ['services', 'name', FIELD_MAX_LENGTHS.name],
    ['sources', 'name', FIELD_MAX_LENGTHS.name],
    ['statuses', 'name', FIELD_MAX_LENGTHS.name],
    ['payload_statuses', 'status_msg', FIELD_MAX_LENGTHS.statusMsg],
  ])(
    'stores %s.%s up to the length the message rules accept (%d)',
    async (table, column, length) => {
      expect(await maxLengthOf(table, column)).toBe(length);
    },
  );
});
