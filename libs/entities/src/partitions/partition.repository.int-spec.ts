import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/open-test-data-source';
import { PartitionRepository } from './partition.repository';

async function partitionExists(dataSource: DataSource, name: string): Promise<boolean> {
  const rows: { found: boolean }[] = await dataSource.query(
    `SELECT to_regclass($1) IS NOT NULL AS found`,
    [name],
  );
  return rows[0]?.found === true;
}

async function waitForAdvisoryLockWaiter(dataSource: DataSource): Promise<void> {
  for (;;) {
    const rows: { waiting: number }[] = await dataSource.query(
      `SELECT count(*)::integer AS waiting FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PartitionRepository and the partition functions', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sut: PartitionRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openTestDataSource(database.url);
    sut = new PartitionRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates a partition once; a second call is a no-op', async () => {
    expect(await sut.createPartition('2030-05-01', '2030-05-02')).toBe(true);
    expect(await sut.createPartition('2030-05-01', '2030-05-02')).toBe(false);
    expect(await partitionExists(dataSource, 'partition_20300501_20300502')).toBe(true);
  });

  it('creates a partition for a day years in the past, with UTC day bounds', async () => {
    expect(await sut.createPartition('2003-02-14', '2003-02-15')).toBe(true);
    const partitions = await sut.listPartitions();
    expect(partitions).toContainEqual({
      name: 'partition_20030214_20030215',
      from: '2003-02-14T00:00:00.000000Z',
      to: '2003-02-15T00:00:00.000000Z',
    });
  });

  it('refuses an empty range', async () => {
    await expect(sut.createPartition('2030-01-02', '2030-01-01')).rejects.toThrow(
      /must be before stop/,
    );
  });

  it('lets many concurrent callers ask for the same day: one creates it, none fails', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => sut.createPartition('2031-07-04', '2031-07-05')),
    );
    expect(results.filter((created) => created)).toHaveLength(1);
    expect(await partitionExists(dataSource, 'partition_20310704_20310705')).toBe(true);
  });

  it('makes a caller that raced a still-open creation wait and then return false', async () => {
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      const created = (await holder.query(
        `SELECT create_partition('2032-01-01', '2032-01-02') AS created`,
      )) as { created: boolean }[];
      expect(created[0]?.created).toBe(true);
      const racer = sut.createPartition('2032-01-01', '2032-01-02');
      await waitForAdvisoryLockWaiter(dataSource);
      await holder.commitTransaction();
      expect(await racer).toBe(false);
    } finally {
      await holder.release();
    }
  });

  it('drops the partitions inside a range, found by their bounds', async () => {
    await sut.createPartition('2010-03-01', '2010-03-02');
    await sut.createPartition('2010-03-02', '2010-03-03');
    await sut.createPartition('2010-03-03', '2010-03-04');
    const dropped = await sut.dropPartitions('2010-03-01', '2010-03-03', 1000);
    expect(dropped.sort()).toEqual(['partition_20100301_20100302', 'partition_20100302_20100303']);
    expect(await partitionExists(dataSource, 'partition_20100303_20100304')).toBe(true);
    expect(await sut.dropPartitions('2010-03-01', '2010-03-03', 1000)).toEqual([]);
  });

  it('drops a partition whatever its name, by its catalog bounds', async () => {
    await dataSource.query(
      `CREATE TABLE legacy_day PARTITION OF payload_statuses
         FOR VALUES FROM ('2011-06-01 00:00:00+00') TO ('2011-06-02 00:00:00+00')`,
    );
    expect(await sut.dropPartitions('2011-06-01', '2011-06-02', 1000)).toEqual(['legacy_day']);
    expect(await partitionExists(dataSource, 'legacy_day')).toBe(false);
  });
});
