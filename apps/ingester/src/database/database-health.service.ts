import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A ping must answer within this time, or the database counts as unreachable. */
const PING_TIMEOUT_MS = 2000;

/** Whether PostgreSQL answers a trivial query in time (readiness). */
@Injectable()
export class DatabaseHealthService {
  constructor(private readonly dataSource: DataSource) {}

  async isReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
    });
    const ping = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
