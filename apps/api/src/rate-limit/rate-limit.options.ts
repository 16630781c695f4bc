import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { FixedWindowThrottlerStorage } from './fixed-window.storage';

const ONE_MINUTE_MS = 60_000;

/**
 * `MAX_REQUESTS_PER_MINUTE` per client address, across every route: the key is the address
 * alone (the library's default key also holds the route, which gives each route its own budget
 * and costs a SHA-256 per request).
 */
export function rateLimitOptions(maxRequestsPerMinute: number): ThrottlerModuleOptions {
  return {
    throttlers: [{ ttl: ONE_MINUTE_MS, limit: maxRequestsPerMinute }],
    storage: new FixedWindowThrottlerStorage(),
    generateKey: (_context, tracker, throttlerName) => `${throttlerName}:${tracker}`,
  };
}
