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

/** what /readyz needs to know about shared state */
export interface StateReadiness {
  /** false only while Redis has not been reached since start (a new replica must not take traffic) */
  ready: boolean;
  store: 'memory' | 'redis';
  /** Redis answering PING right now; undefined in memory mode */
  redis?: 'up' | 'down';
}

/** every store the adapters need, on one backend */
export interface StateStores {
  /** "redis" when REDIS_URL is set (with memory fallback), else "memory" */
  readonly kind: 'redis' | 'memory';
  readonly dedupe: DedupeStore;
  readonly rateLimiter: RateLimiter;
  readonly usage: UsageStore;
  /** the connection, for callers that need it; undefined in memory mode */
  readonly redis: RedisConnection | undefined;
  /** true in memory mode, else whether Redis answers PING */
  ping(timeoutMs?: number): Promise<boolean>;
  /**
   * readiness for /readyz: not ready until Redis was reached once; after that an outage is reported
   * but stays ready, because the stores keep answering from memory and taking every replica out of
   * rotation at once would silence the bot
   */
  readiness(timeoutMs?: number): Promise<StateReadiness>;
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
      readiness: async () => ({ ready: true, store: 'memory' }),
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
    async readiness(timeoutMs) {
      const up = await redis.ping(timeoutMs);
      return { ready: up || redis.wasEverReady(), store: 'redis', redis: up ? 'up' : 'down' };
    },
    close: () => redis.close(),
  };
}
