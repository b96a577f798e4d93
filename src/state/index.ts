/** shared state used by the chat adapters: dedupe keys, rate limits and usage counters */
import type { Config } from '../config/env.js';
import type { SafeLogger } from '../log/logger.js';
import { createMemoryDedupeStore, type DedupeStore } from './dedupe-store.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import { createRedisConnection, type RedisConnection } from './redis.js';
import { createRedisDedupeStore } from './redis-dedupe.js';
import { createMemoryUsageStore, createRedisUsageStore, type UsageStore } from './usage.js';

export type { DedupeStore, MemoryDedupeOptions } from './dedupe-store.js';
export { createMemoryDedupeStore } from './dedupe-store.js';
export type { RateDecision, RateLimiter, RateLimitSettings, RateSubject } from './rate-limit.js';
export { createRateLimiter, DEFAULT_RATE_LIMITS } from './rate-limit.js';
export type { RedisConnection, RedisConnectionOptions } from './redis.js';
export { createRedisConnection } from './redis.js';
export { createRedisDedupeStore } from './redis-dedupe.js';
export type { CodeCount, UsageStore, UsageSummary } from './usage.js';
export {
  createMemoryUsageStore,
  createRedisUsageStore,
  USAGE_TOP_LIMIT,
  USAGE_WINDOW_DAYS,
} from './usage.js';

/** every store the adapters need, on one backend */
export interface StateStores {
  /** "redis" when REDIS_URL is set (with memory fallback), else "memory" */
  readonly kind: 'redis' | 'memory';
  readonly dedupe: DedupeStore;
  readonly rateLimiter: RateLimiter;
  readonly usage: UsageStore;
  /** the connection, for callers that need it; undefined in memory mode */
  readonly redis: RedisConnection | undefined;
  /** readiness: true in memory mode, else whether Redis answers PING */
  ping(timeoutMs?: number): Promise<boolean>;
  /** closes the Redis connection (call last on shutdown, after in-flight turns finished) */
  close(): Promise<void>;
}

/** builds the stores from the configuration: Redis when REDIS_URL is set, memory otherwise */
export function createStateStores(
  config: Pick<Config, 'redisUrl' | 'rateLimits'>,
  logger: SafeLogger,
): StateStores {
  if (!config.redisUrl) {
    return {
      kind: 'memory',
      dedupe: createMemoryDedupeStore(),
      rateLimiter: createRateLimiter({ limits: config.rateLimits, logger }),
      usage: createMemoryUsageStore(),
      redis: undefined,
      ping: async () => true,
      close: async () => undefined,
    };
  }
  const redis = createRedisConnection(config.redisUrl, logger);
  // start connecting now; until Redis is ready the stores work in memory and readiness says no
  void redis.connect();
  return {
    kind: 'redis',
    dedupe: createRedisDedupeStore(redis, logger),
    rateLimiter: createRateLimiter({ limits: config.rateLimits, redis, logger }),
    usage: createRedisUsageStore(redis, logger),
    redis,
    ping: (timeoutMs) => redis.ping(timeoutMs),
    close: () => redis.close(),
  };
}
