import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { DataSource } from 'typeorm';
import { addDays, partitionName, toUtcDay } from '../partitions/partition-days';
import { PartitionRepository } from '../partitions/partition.repository';
import { openTestDataSource } from '../testing/open-test-data-source';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

const INSERT_PAYLOAD = `
  INSERT INTO payloads (request_id, created_at) VALUES ($1, $2) RETURNING id`;

const INSERT_STATUS = `
  INSERT INTO payload_statuses (payload_id, service_id, status_id, date, dedupe_key)
  VALUES ($1, (SELECT id FROM services WHERE name = 'ingress'),
          (SELECT id FROM statuses WHERE name = 'received'), $2, md5(random()::text)::uuid)`;

describe('RetentionService', () => {
  const now = new Date();
  const today = toUtcDay(now);
  const day = (offset: number): string => addDays(today, offset);
  const dayPartition = (offset: number): string => partitionName(day(offset), day(offset + 1));

  let database: TestDatabase;
  let dataSource: DataSource;
  let partitions: PartitionRepository;
  let sut: RetentionService;

  async function addPayload(requestId: string, statusDates: string[]): Promise<void> {
    const [first] = [...statusDates].sort();
    const rows: { id: string }[] = await dataSource.query(INSERT_PAYLOAD, [requestId, first]);
    for (const date of statusDates) {
      await dataSource.query(INSERT_STATUS, [rows[0]?.id, date]);
    }
  }

  async function remainingRequestIds(): Promise<string[]> {
    const rows: { request_id: string }[] = await dataSource.query(
      `SELECT request_id FROM payloads ORDER BY request_id`,
    );
    return rows.map((row) => row.request_id);
  }

  async function partitionNames(): Promise<string[]> {
    return (await partitions.listPartitions()).map((partition) => partition.name);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openTestDataSource(database.url);
    partitions = new PartitionRepository(dataSource);
    sut = new RetentionService(
      partitions,
      new RetentionRepository(dataSource),
      { retentionDays: 7, partitionsAheadDays: 5, deleteBatchSize: 2 },
      () => now,
    );
    await dataSource.query(`INSERT INTO services (name) VALUES ('ingress')`);
    await dataSource.query(`INSERT INTO statuses (name) VALUES ('received')`);
    // Several missed runs: old days pile up, one from years ago.
    for (const offset of [-20, -15, -10, -9, -8, -7, -6, -3]) {
      await partitions.createPartition(day(offset), day(offset + 1));
    }
    await partitions.createPartition('2001-09-01', '2001-09-02');

    for (const name of ['old-1', 'old-2', 'old-3', 'old-4', 'old-5']) {
      await addPayload(name, [`${day(-10)}T12:00:00Z`]);
    }
    await addPayload('old-many-days', [`${day(-20)}T01:00:00Z`, `${day(-15)}T01:00:00Z`]);
    await addPayload('old-ancient', ['2001-09-01T00:00:00Z']);
    await addPayload('edge-expired', [`${day(-8)}T23:59:59.999999Z`]);
    await addPayload('edge-kept', [`${day(-7)}T00:00:00Z`]);
    await addPayload('mixed-kept', [`${day(-10)}T05:00:00Z`, `${day(-3)}T05:00:00Z`]);
    await addPayload('recent', [`${today}T00:00:00Z`]);

    // Stats buckets: 5 of each table start before the cutoff (more than one batch), 3 after.
    for (const [width, start] of [
      [1, `${day(-10)}T12:00:00Z`],
      [1, `${day(-8)}T23:59:00Z`],
      [60, `${day(-10)}T12:00:00Z`],
      [60, `${day(-8)}T23:00:00Z`],
      [60, '2001-09-01T00:00:00Z'],
      [1, `${day(-7)}T00:00:00Z`],
      [60, `${day(-7)}T00:00:00Z`],
      [60, `${today}T00:00:00Z`],
    ] as const) {
      await dataSource.query(
        `INSERT INTO service_stats_buckets (width_minutes, bucket_start, service_id, source_id,
                                            succeeded, failed)
         VALUES ($1, $2, 1, 0, 1, 0)`,
        [width, start],
      );
      await dataSource.query(
        `INSERT INTO service_duration_buckets (width_minutes, bucket_start, service_id, source_id,
                                               bin, groups)
         VALUES ($1, $2, 1, 0, 12, 1)`,
        [width, start],
      );
      await dataSource.query(
        `INSERT INTO payload_state_buckets (width_minutes, bucket_start, succeeded, failed)
         VALUES ($1, $2, 1, 0)`,
        [width, start],
      );
    }
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('drops every expired partition, deletes expired payloads in batches and keeps the rest', async () => {
    const summary = await sut.run();

    expect(summary.today).toBe(today);
    expect(summary.cutoffDay).toBe(day(-7));
    expect(summary.createdPartitions).toEqual([dayPartition(4), dayPartition(5)]);
    expect([...summary.droppedPartitions].sort()).toEqual(
      ['partition_20010901_20010902', ...[-20, -15, -10, -9, -8].map(dayPartition)].sort(),
    );
    expect(summary.deletedPayloads).toBe(8);
    // 9 payloads were created before the cutoff, examined 2 at a time.
    expect(summary.deleteBatches).toBe(5);

    expect(await remainingRequestIds()).toEqual(['edge-kept', 'mixed-kept', 'recent']);
    expect(summary.deletedBuckets).toBe(15);
    for (const table of [
      'service_stats_buckets',
      'service_duration_buckets',
      'payload_state_buckets',
    ]) {
      const buckets: { bucket_start: string }[] = await dataSource.query(
        `SELECT bucket_start::text FROM ${table} ORDER BY bucket_start, width_minutes`,
      );
      expect(buckets.map((row) => row.bucket_start)).toEqual([
        `${day(-7)} 00:00:00+00`,
        `${day(-7)} 00:00:00+00`,
        `${today} 00:00:00+00`,
      ]);
    }
    const names = await partitionNames();
    for (const offset of [-7, -6, -3, 0, 1, 2, 3, 4, 5]) {
      expect(names).toContain(dayPartition(offset));
    }
    expect(names).not.toContain(dayPartition(-8));
    const statuses: { date: string }[] = await dataSource.query(
      `SELECT s.date FROM payload_statuses s JOIN payloads p ON p.id = s.payload_id
        WHERE p.request_id = 'mixed-kept'`,
    );
    expect(statuses).toEqual([{ date: `${day(-3)} 05:00:00+00` }]);
  });

  it('changes nothing when run again right away', async () => {
    const payloadsBefore = await remainingRequestIds();
    const partitionsBefore = await partitionNames();

    const summary = await sut.run();

    expect(summary.createdPartitions).toEqual([]);
    expect(summary.droppedPartitions).toEqual([]);
    expect(summary.deletedPayloads).toBe(0);
    expect(summary.deletedBuckets).toBe(0);
    expect(await remainingRequestIds()).toEqual(payloadsBefore);
    expect(await partitionNames()).toEqual(partitionsBefore);
  });
});
