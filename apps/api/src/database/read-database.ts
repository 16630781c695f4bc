import type { DatabasePool } from '@payload-tracker/entities';
import type { DatabaseHealthCheck } from '@payload-tracker/platform';

/**
 * Where the api's statements run. The api only reads, so with `DATABASE_READ_URL` every
 * statement goes to that replica, through a pool and a readiness probe of its own. Without it,
 * reads use the process's primary pool, which the `database` check probes already.
 */
export class ReadDatabase {
  /**
   * @param pool - the pool statements run on
   * @param replicaHealth - the replica's probe; null when reads use the primary pool
   */
  constructor(
    readonly pool: DatabasePool,
    readonly replicaHealth: DatabaseHealthCheck | null,
  ) {}

  /** Closes the replica's probe and pool; the primary's are closed by their own module. */
  async close(): Promise<void> {
    if (this.replicaHealth === null) {
      return;
    }
    await this.replicaHealth.close();
    await this.pool.close();
  }
}
