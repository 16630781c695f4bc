import type { ClientBase } from 'pg';

/*
 * A database shaped like the Go edition's, written from what we know of it (see
 * docs/operations.md, "Taking over a Go-edition deployment"): sequence-defaulted ids, keys and
 * indexes under PostgreSQL's default names, redundant and misnamed indexes, duplicate unique
 * constraints on the lookup names, its own partition functions (which add single-column
 * indexes to every partition they create), golang-migrate's bookkeeping table, and no dedupe
 * key (its consumer stores a redelivered message again).
 */

const LOOKUP_TABLES = ['services', 'sources', 'statuses'] as const;

/** Tables, sequences, keys and functions; the secondary indexes are {@link GO_EDITION_INDEXES_SQL}. */
export const GO_EDITION_SCHEMA_SQL = [
  ...LOOKUP_TABLES.flatMap((table) => [
    `CREATE SEQUENCE ${table}_id_seq AS integer`,
    `CREATE TABLE ${table} (
       id integer NOT NULL DEFAULT nextval('${table}_id_seq'),
       name varchar NOT NULL,
       CONSTRAINT ${table}_pkey PRIMARY KEY (id),
       CONSTRAINT ${table}_name_key UNIQUE (name),
       CONSTRAINT ${table}_name_key1 UNIQUE (name)
     )`,
    `ALTER SEQUENCE ${table}_id_seq OWNED BY ${table}.id`,
  ]),
  `CREATE SEQUENCE payloads_id_seq AS bigint`,
  `CREATE TABLE payloads (
     id bigint NOT NULL DEFAULT nextval('payloads_id_seq'),
     request_id varchar NOT NULL,
     account varchar NULL,
     inventory_id varchar NULL,
     system_id varchar NULL,
     created_at timestamptz NOT NULL DEFAULT timezone('utc', now()),
     org_id varchar NULL,
     CONSTRAINT payloads_pkey PRIMARY KEY (id),
     CONSTRAINT payloads_request_id_key UNIQUE (request_id)
   )`,
  `ALTER SEQUENCE payloads_id_seq OWNED BY payloads.id`,
  `CREATE SEQUENCE payload_statuses_id_seq AS bigint`,
  `CREATE TABLE payload_statuses (
     id bigint NOT NULL DEFAULT nextval('payload_statuses_id_seq'),
     payload_id bigint NOT NULL,
     service_id integer NOT NULL,
     source_id integer NULL,
     status_id integer NOT NULL,
     status_msg varchar NULL,
     date timestamptz NOT NULL DEFAULT timezone('utc', now()),
     created_at timestamptz NOT NULL DEFAULT timezone('utc', now()),
     CONSTRAINT payload_statuses_pkey PRIMARY KEY (id, date),
     CONSTRAINT payload_statuses_payload_id_fkey FOREIGN KEY (payload_id)
       REFERENCES payloads (id) ON DELETE CASCADE,
     CONSTRAINT payload_statuses_service_id_fkey FOREIGN KEY (service_id) REFERENCES services (id)
   ) PARTITION BY RANGE (date)`,
  `CREATE FUNCTION get_date_string(ts timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
     $fn$ SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYYMMDD') $fn$`,
  `CREATE FUNCTION create_partition(start timestamptz, stop timestamptz) RETURNS void
   LANGUAGE plpgsql AS $fn$
   DECLARE
     part text := format('partition_%s_%s', get_date_string(start), get_date_string(stop));
   BEGIN
     EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF payload_statuses FOR VALUES FROM (%L) TO (%L)', part, start, stop);
     EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %I (id)', part || '_id_idx', part);
     EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (payload_id)', part || '_payload_id_idx', part);
     EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (service_id)', part || '_service_id_idx', part);
     EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (status_id)', part || '_status_id_idx', part);
     EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (date)', part || '_date_idx', part);
     EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (created_at)', part || '_created_at_idx', part);
   END
   $fn$`,
  `CREATE FUNCTION drop_partition(start timestamptz, stop timestamptz) RETURNS void
   LANGUAGE plpgsql AS $fn$
   BEGIN
     EXECUTE format('DROP TABLE IF EXISTS %I', format('partition_%s_%s', get_date_string(start), get_date_string(stop)));
   END
   $fn$`,
  `CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)`,
  `INSERT INTO schema_migrations VALUES (7, false)`,
];

/** The Go edition's secondary indexes on payloads and on the payload_statuses parent. */
export const GO_EDITION_INDEXES_SQL = [
  `CREATE INDEX IF NOT EXISTS payloads_account_idx ON payloads (account)`,
  `CREATE INDEX IF NOT EXISTS payloads_created_at_idx ON payloads (created_at)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS payloads_id_idx ON payloads (id)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS payloads_request_id_idx ON payloads (request_id)`,
  `CREATE INDEX IF NOT EXISTS payloads_system_id_idx ON payloads (system_id)`,
  `CREATE INDEX IF NOT EXISTS payloads_inventory_id_idx ON payloads (inventory_id)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_service_id_created_at_idx ON payload_statuses (service_id, created_at)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_service_id_date_idx ON payload_statuses (service_id, date)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_service_id_status_id_idx ON payload_statuses (service_id, status_id)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_status_id_created_at_idx ON payload_statuses (status_id, created_at)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_status_id_date_idx ON payload_statuses (status_id, date)`,
  // Named after source_id, indexing status_id: as the Go edition has them.
  `CREATE INDEX IF NOT EXISTS payload_statuses_source_id_created_at_idx ON payload_statuses (status_id, created_at)`,
  `CREATE INDEX IF NOT EXISTS payload_statuses_source_id_date_idx ON payload_statuses (status_id, date)`,
];

/** A UTC day `YYYY-MM-DD`. */
export type GoEditionDay = string;

/** How {@link createGoEditionSchema} builds the database. */
export interface GoEditionSchemaOptions {
  /** UTC days whose partitions exist (made with the Go edition's own `create_partition`). */
  readonly days: readonly GoEditionDay[];
  /**
   * Runs after the tables and bare partitions exist and before any secondary index does
   * (a bulk load is much faster so); the indexes are built after it.
   */
  readonly load?: (client: ClientBase) => Promise<void>;
}

function nextDay(day: GoEditionDay): GoEditionDay {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Replaces the current schema of the connected database with the Go edition's.
 *
 * @param client - a connection to a database of one's own (its `public` schema is dropped)
 */
export async function createGoEditionSchema(
  client: ClientBase,
  options: GoEditionSchemaOptions,
): Promise<void> {
  await client.query(`DROP SCHEMA public CASCADE`);
  await client.query(`CREATE SCHEMA public`);
  for (const sql of GO_EDITION_SCHEMA_SQL) {
    await client.query(sql);
  }
  if (options.load !== undefined) {
    for (const day of options.days) {
      await client.query(
        `CREATE TABLE ${`partition_${day.replace(/-/g, '')}_${nextDay(day).replace(/-/g, '')}`}
           PARTITION OF payload_statuses FOR VALUES FROM ('${day} 00:00:00+00') TO ('${nextDay(day)} 00:00:00+00')`,
      );
    }
    await options.load(client);
  }
  for (const day of options.days) {
    await client.query(`SELECT create_partition($1::timestamptz, $2::timestamptz)`, [
      `${day} 00:00:00+00`,
      `${nextDay(day)} 00:00:00+00`,
    ]);
  }
  for (const sql of GO_EDITION_INDEXES_SQL) {
    await client.query(sql);
  }
}

/** One status as the Go edition's consumer stored it. */
export interface GoEditionStatus {
  readonly requestId: string;
  readonly service: string;
  readonly source: string | null;
  readonly status: string;
  readonly statusMsg: string | null;
  /** ISO 8601 with an offset. */
  readonly date: string;
  readonly account?: string | null;
  readonly orgId?: string | null;
  readonly inventoryId?: string | null;
  readonly systemId?: string | null;
}

/**
 * Stores statuses the way the Go edition's consumer does: lookups and payload upserted, one
 * status row per message, a repeated message stored again.
 */
export async function insertGoEditionStatuses(
  client: ClientBase,
  statuses: readonly GoEditionStatus[],
): Promise<void> {
  for (const status of statuses) {
    for (const [table, name] of [
      ['services', status.service],
      ['statuses', status.status],
      ['sources', status.source],
    ] as const) {
      if (name !== null) {
        await client.query(`INSERT INTO ${table} (name) VALUES ($1) ON CONFLICT DO NOTHING`, [
          name,
        ]);
      }
    }
    await client.query(
      `INSERT INTO payloads (request_id, account, org_id, inventory_id, system_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (request_id) DO UPDATE SET
         account = COALESCE(EXCLUDED.account, payloads.account),
         org_id = COALESCE(EXCLUDED.org_id, payloads.org_id),
         inventory_id = COALESCE(EXCLUDED.inventory_id, payloads.inventory_id),
         system_id = COALESCE(EXCLUDED.system_id, payloads.system_id),
         created_at = LEAST(payloads.created_at, EXCLUDED.created_at)`,
      [
        status.requestId,
        status.account ?? null,
        status.orgId ?? null,
        status.inventoryId ?? null,
        status.systemId ?? null,
        status.date,
      ],
    );
    await client.query(
      `INSERT INTO payload_statuses (payload_id, service_id, source_id, status_id, status_msg, date)
       SELECT (SELECT id FROM payloads WHERE request_id = $1),
              (SELECT id FROM services WHERE name = $2),
              (SELECT id FROM sources WHERE name = $3),
              (SELECT id FROM statuses WHERE name = $4),
              $5, $6`,
      [
        status.requestId,
        status.service,
        status.source,
        status.status,
        status.statusMsg,
        status.date,
      ],
    );
  }
}
