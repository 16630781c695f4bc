import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { KafkaConnection } from '@payload-tracker/local-stack';
import {
  KafkaBroker,
  PostgresServer,
  createDatabase,
  findFreePort,
  migrateDatabase,
} from '@payload-tracker/local-stack';

const DATABASE = 'payload_tracker';

/**
 * A PostgreSQL server and a Kafka broker of the run's own, in temporary folders, that the run
 * may stop and start again on the same ports with their data (the faults), and removes at the end.
 */
export class ChaosServers {
  private constructor(
    private readonly dir: string,
    readonly postgres: PostgresServer,
    readonly broker: KafkaBroker,
  ) {}

  static async start(log: (line: string) => void): Promise<ChaosServers> {
    const dir = await mkdtemp(join(tmpdir(), 'payload-tracker-chaos-'));
    // Its own temporary folder, kept by stop() and removed by dispose().
    const postgres = await PostgresServer.create({ isDurable: true });
    const broker = await KafkaBroker.create({
      workDir: join(dir, 'kafka'),
      controllerPort: await findFreePort(),
      log,
    });
    const servers = new ChaosServers(dir, postgres, broker);
    try {
      await Promise.all([postgres.start(), broker.start()]);
      await createDatabase(postgres.url(), DATABASE, undefined, true);
      await migrateDatabase(servers.databaseUrl);
    } catch (error: unknown) {
      await servers.dispose();
      throw error;
    }
    return servers;
  }

  get databaseUrl(): string {
    return this.postgres.url(DATABASE);
  }

  get kafka(): KafkaConnection {
    return this.broker.connection;
  }

  /** Stops both servers and removes their data. */
  async dispose(): Promise<void> {
    await Promise.allSettled([this.broker.stop(), this.postgres.dispose()]);
    await rm(this.dir, { recursive: true, force: true });
  }
}
