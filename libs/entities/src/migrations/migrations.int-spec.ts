import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { DataSource } from 'typeorm';
import { addDays, daysToPrepare, partitionName, toUtcDay } from '../partitions/partition-days';
import { openTestDataSource } from '../testing/open-test-data-source';
import { revertAllMigrations, revertLastMigration, runMigrations } from './run-migrations';

const BASE_TABLES = ['payload_statuses', 'payloads', 'services', 'sources', 'statuses'];

const OUTCOME_TABLES = [
  'payload_groups',
  'payload_outcomes',
  'payload_state_buckets',
  'service_duration_buckets',
  'service_stats_buckets',
];

const TABLES = [...BASE_TABLES, ...OUTCOME_TABLES].sort();

const OUTCOME_INDEXES = [
  'pk_payload_groups',
  'ix_payload_groups_open_first_at',
  'ix_payload_groups_failed_service',
  'pk_payload_outcomes',
  'ix_payload_outcomes_state_created_at_id',
  'ix_payload_outcomes_state_last_status_at_id',
  'ix_payload_outcomes_last_status_at_id',
  'ix_payload_outcomes_failed_service_created_at_id',
  'pk_service_stats_buckets',
  'pk_service_duration_buckets',
  'pk_payload_state_buckets',
];

const PARTITION_FUNCTIONS = ['create_partition', 'drop_partition'];
const FUNCTIONS = PARTITION_FUNCTIONS;

const INDEXES = [
  'pk_payloads',
  'uq_payloads_request_id',
  'ix_payloads_account_id',
  'ix_payloads_account_created_at_id',
  'ix_payloads_org_id_id',
  'ix_payloads_org_id_created_at_id',
  'ix_payloads_inventory_id_id',
  'ix_payloads_inventory_id_created_at_id',
  'ix_payloads_system_id_id',
  'ix_payloads_system_id_created_at_id',
  'ix_payloads_created_at_id',
  'pk_services',
  'uq_services_name',
  'pk_sources',
  'uq_sources_name',
  'pk_statuses',
  'uq_statuses_name',
  'pk_payload_statuses',
  'ux_payload_statuses_dedupe',
  'ix_payload_statuses_payload_id_date',
  'ix_payload_statuses_service_id_date',
  'ix_payload_statuses_status_id_date',
  'ix_payload_statuses_source_id_date',
  'ix_payload_statuses_date_id',
  'ix_payload_statuses_created_at_id',
  'ix_payload_statuses_service_id_id',
  'ix_payload_statuses_status_id_id',
  'ix_payload_statuses_source_id_id',
  'ix_payload_statuses_status_msg_id',
  'ix_payload_statuses_status_msg_date',
  'ix_payload_statuses_future_dated_date_id',
  'ix_payload_statuses_short_status_msg_date',
  ...OUTCOME_INDEXES,
].sort();

const FOREIGN_KEYS = [
  'fk_payload_statuses_payload_id',
  'fk_payload_statuses_service_id',
  'fk_payload_statuses_source_id',
  'fk_payload_statuses_status_id',
  'fk_payload_groups_payload_id',
  'fk_payload_outcomes_payload_id',
].sort();

interface SchemaState {
  tables: string[];
  indexes: string[];
  foreignKeys: string[];
  functions: string[];
  partitions: string[];
  sequences: string[];
}

async function readSchema(dataSource: DataSource): Promise<SchemaState> {
  const names = async (sql: string): Promise<string[]> =>
    (await dataSource.query<{ name: string }[]>(sql)).map((row) => row.name);
  return {
    tables: await names(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND relname <> 'typeorm_migrations' ORDER BY 1`,
    ),
    indexes: await names(
      `SELECT indexname AS name FROM pg_indexes
        WHERE schemaname = 'public' AND tablename = ANY('{payloads,services,sources,statuses,payload_statuses,payload_groups,payload_outcomes,service_stats_buckets,service_duration_buckets,payload_state_buckets}')
        ORDER BY 1`,
    ),
    foreignKeys: await names(
      `SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 ORDER BY 1`,
    ),
    functions: await names(
      `SELECT proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' ORDER BY 1`,
    ),
    partitions: await names(
      `SELECT relname AS name FROM pg_class WHERE relispartition AND relkind = 'r' ORDER BY 1`,
    ),
    sequences: await names(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S' AND relname <> 'typeorm_migrations_id_seq' ORDER BY 1`,
    ),
  };
}

describe('migrations', () => {
  let database: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await openTestDataSource(database.url);
  });

  afterAll(async () => {
    await sut.destroy();
    await database.drop();
  });

  it('reverts everything with down --all, then builds the whole schema on the empty database', async () => {
    expect(await revertAllMigrations(sut)).toBe(7);
    expect(await readSchema(sut)).toEqual({
      tables: [],
      indexes: [],
      foreignKeys: [],
      functions: [],
      partitions: [],
      sequences: [],
    });
    expect(await revertLastMigration(sut)).toBe(false);

    expect(await runMigrations(sut)).toEqual([
      'CreateLookupAndPayloadTables1795827600000',
      'CreatePayloadStatuses1795827660000',
      'CreatePartitionFunctions1795827720000',
      'AddQueryApiIndexes1795828000000',
      'AddFutureDatedStatusIndex1795829000000',
      'AddShortStatusMsgIndex1795830000000',
      'AddPayloadOutcomes1795831000000',
    ]);
    const today = toUtcDay(new Date());
    const schema = await readSchema(sut);
    expect(schema.tables).toEqual(TABLES);
    expect(schema.indexes).toEqual(INDEXES);
    expect(schema.foreignKeys).toEqual(FOREIGN_KEYS);
    expect(schema.functions).toEqual(FUNCTIONS);
    expect(schema.sequences).toContain('payload_statuses_id_seq');
    for (const { start, stop } of daysToPrepare(today, 3)) {
      expect(schema.partitions).toContain(partitionName(start, stop));
    }
    expect(schema.partitions).not.toContain(partitionName(addDays(today, 4), addDays(today, 5)));
  });

  it('is a no-op when everything is applied', async () => {
    expect(await runMigrations(sut)).toEqual([]);
  });

  it('reverts one migration at a time and re-applies it', async () => {
    expect(await revertLastMigration(sut)).toBe(true);
    const withoutOutcomes = await readSchema(sut);
    expect(withoutOutcomes.tables).toEqual(BASE_TABLES);
    expect(withoutOutcomes.functions).toEqual(PARTITION_FUNCTIONS);
    const baseIndexes = INDEXES.filter((name) => !OUTCOME_INDEXES.includes(name));
    expect(withoutOutcomes.indexes).toEqual(baseIndexes);

    expect(await revertLastMigration(sut)).toBe(true);
    expect((await readSchema(sut)).indexes).toEqual(
      baseIndexes.filter((name) => name !== 'ix_payload_statuses_short_status_msg_date'),
    );
    expect(await revertLastMigration(sut)).toBe(true);
    expect((await readSchema(sut)).indexes).toEqual(
      baseIndexes.filter(
        (name) =>
          name !== 'ix_payload_statuses_future_dated_date_id' &&
          name !== 'ix_payload_statuses_short_status_msg_date',
      ),
    );
    expect(await revertLastMigration(sut)).toBe(true);
    const withoutApiIndexes = (await readSchema(sut)).indexes;
    expect(withoutApiIndexes).toContain('ix_payloads_account');
    expect(withoutApiIndexes).not.toContain('ix_payloads_account_id');
    expect(await runMigrations(sut)).toEqual([
      'AddQueryApiIndexes1795828000000',
      'AddFutureDatedStatusIndex1795829000000',
      'AddShortStatusMsgIndex1795830000000',
      'AddPayloadOutcomes1795831000000',
    ]);
    expect((await readSchema(sut)).indexes).toEqual(INDEXES);

    expect(await revertLastMigration(sut)).toBe(true);
    expect(await revertLastMigration(sut)).toBe(true);
    expect(await revertLastMigration(sut)).toBe(true);
    expect(await revertLastMigration(sut)).toBe(true);
    expect(await revertLastMigration(sut)).toBe(true);
    expect((await readSchema(sut)).functions).toEqual([]);
    expect((await readSchema(sut)).tables).toEqual(BASE_TABLES);
    expect(await runMigrations(sut)).toEqual([
      'CreatePartitionFunctions1795827720000',
      'AddQueryApiIndexes1795828000000',
      'AddFutureDatedStatusIndex1795829000000',
      'AddShortStatusMsgIndex1795830000000',
      'AddPayloadOutcomes1795831000000',
    ]);
    expect((await readSchema(sut)).functions).toEqual(FUNCTIONS);
  });
});
