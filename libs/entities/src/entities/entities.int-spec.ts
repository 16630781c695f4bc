import type { TestDatabase } from '@payload-tracker/local-stack';
import { createTestDatabase } from '@payload-tracker/local-stack';
import { parseTimestamp } from '@payload-tracker/status-lifecycle';
import type { DataSource } from 'typeorm';
import { PartitionRepository } from '../partitions/partition.repository';
import { openTestDataSource } from '../testing/open-test-data-source';
import { PayloadStatusEntity } from './payload-status.entity';
import { PayloadEntity } from './payload.entity';
import { ServiceEntity } from './service.entity';
import { SourceEntity } from './source.entity';
import { StatusEntity } from './status.entity';

const INSERT_STATUS_ONCE = `
  INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date, dedupe_key)
  VALUES ($1, $2, NULL, $3, NULL, $4, $5)
  ON CONFLICT (dedupe_key, date) DO NOTHING
  RETURNING id`;

describe('entities and type parsers', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let payload: PayloadEntity;
  let service: ServiceEntity;
  let status: StatusEntity;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openTestDataSource(database.url);
    await new PartitionRepository(dataSource).createPartition('2024-02-29', '2024-03-01');
    service = await dataSource.getRepository(ServiceEntity).save({ name: 'ingress' });
    status = await dataSource.getRepository(StatusEntity).save({ name: 'received' });
    payload = await dataSource.getRepository(PayloadEntity).save({
      requestId: 'a'.repeat(32),
      account: '000001',
      orgId: null,
      inventoryId: null,
      systemId: null,
      createdAt: '2024-02-29T10:00:00.123456Z',
    });
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('returns int8 ids as decimal text and integer lookup ids as numbers', () => {
    expect(typeof payload.id).toBe('string');
    expect(Number(payload.id)).toBeGreaterThan(0);
    expect(typeof service.id).toBe('number');
  });

  it('round-trips microseconds through an entity and the timestamp parser', async () => {
    const found = await dataSource
      .getRepository(PayloadEntity)
      .findOneByOrFail({ requestId: 'a'.repeat(32) });
    expect(found.createdAt).toBe('2024-02-29 10:00:00.123456+00');
    expect(parseTimestamp(found.createdAt)).toBe(parseTimestamp('2024-02-29T10:00:00.123456Z'));
    expect(parseTimestamp(found.createdAt)).toBe(1_709_200_800_123_456n);
  });

  it('stores a status through its entity with a sequence id and microsecond date', async () => {
    const repository = dataSource.getRepository(PayloadStatusEntity);
    await repository.insert({
      payloadId: payload.id,
      serviceId: service.id,
      sourceId: null,
      statusId: status.id,
      statusMsg: 'hello',
      date: '2024-02-29T23:59:59.999999Z',
      dedupeKey: '0cc175b9-c0f1-b6a8-31c3-99e269772661',
    });
    const found = await repository.findOneOrFail({
      where: { dedupeKey: '0cc175b9-c0f1-b6a8-31c3-99e269772661' },
      relations: { payload: true, service: true, status: true, source: true },
    });
    expect(found.date).toBe('2024-02-29 23:59:59.999999+00');
    expect(typeof found.id).toBe('string');
    expect(parseTimestamp(found.createdAt)).not.toBeNull();
    expect(found.payload?.requestId).toBe('a'.repeat(32));
    expect(found.service?.name).toBe('ingress');
    expect(found.status?.name).toBe('received');
    expect(found.source).toBeNull();
  });

  it('makes an exact redelivery a no-op through the dedupe index', async () => {
    const params = [
      payload.id,
      service.id,
      status.id,
      '2024-02-29T08:00:00.000001Z',
      '92eb5ffe-e6ae-2fec-3ad7-1a0e0f5b0a8f',
    ];
    const first: unknown[] = await dataSource.query(INSERT_STATUS_ONCE, params);
    const second: unknown[] = await dataSource.query(INSERT_STATUS_ONCE, params);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    await expect(
      dataSource.query(INSERT_STATUS_ONCE.replace(/ON CONFLICT.*DO NOTHING/, ''), params),
    ).rejects.toMatchObject({ code: '23505' });
  });

  it('keeps the same key at another date as a distinct status', async () => {
    const key = 'b3a8e0e1-f9ab-1bfe-3a36-f231c7e5b2a1';
    const inserted: unknown[][] = await Promise.all(
      ['2024-02-29T08:00:00.000001Z', '2024-02-29T08:00:00.000002Z'].map((date) =>
        dataSource.query<unknown[]>(INSERT_STATUS_ONCE, [
          payload.id,
          service.id,
          status.id,
          date,
          key,
        ]),
      ),
    );
    expect(inserted.map((rows) => rows.length)).toEqual([1, 1]);
  });

  it('refuses a status for a day without a partition', async () => {
    await expect(
      dataSource.query(INSERT_STATUS_ONCE, [
        payload.id,
        service.id,
        status.id,
        '1990-01-01T00:00:00Z',
        '11111111-1111-1111-1111-111111111111',
      ]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('cascades the deletion of a payload to its statuses', async () => {
    const other = await dataSource.getRepository(PayloadEntity).save({
      requestId: 'b'.repeat(32),
      createdAt: '2024-02-29T01:00:00Z',
      account: null,
      orgId: null,
      inventoryId: null,
      systemId: null,
    });
    await dataSource.query(INSERT_STATUS_ONCE, [
      other.id,
      service.id,
      status.id,
      '2024-02-29T01:00:00Z',
      '22222222-2222-2222-2222-222222222222',
    ]);
    await dataSource.getRepository(PayloadEntity).delete({ id: other.id });
    expect(
      await dataSource.getRepository(PayloadStatusEntity).countBy({ payloadId: other.id }),
    ).toBe(0);
    expect(await dataSource.getRepository(SourceEntity).count()).toBe(0);
  });
});
