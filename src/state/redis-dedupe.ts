/**
 * A DedupeStore shared by every instance through Redis (SET key NX PX ttl), so a delivery that
 * reaches two instances is answered once.
 *
 * Every claim is also written to a local memory store first. That copy is what keeps replies
 * flowing when Redis goes away: the bot then dedupes per instance (a duplicate across instances is
 * possible during the outage, a lost reply is not), and keys it claimed before the outage still
 * block this instance's retries. It also answers a duplicate this instance already holds without a
 * round trip.
 */
import type { SafeLogger } from '../log/logger.js';
import { createMemoryDedupeStore, type DedupeStore } from './dedupe-store.js';
import { type RedisConnection, redisErrorCode } from './redis.js';

/** options of the Redis dedupe store */
export interface RedisDedupeOptions {
  /** the local store used alongside Redis and in its place while Redis is unreachable */
  local?: DedupeStore;
  /** key namespace under the connection prefix */
  namespace?: string;
}

/** the dedupe store for several instances; falls back to memory (and logs) when Redis fails */
export function createRedisDedupeStore(
  redis: RedisConnection,
  logger: SafeLogger,
  options: RedisDedupeOptions = {},
): DedupeStore {
  const local = options.local ?? createMemoryDedupeStore();
  const prefix = `${redis.keyPrefix}${options.namespace ?? 'dedupe'}:`;
  // one warning per outage is enough; the connection logs the details
  let degraded = false;

  const onRedisError = (error: unknown, op: string): void => {
    if (degraded) return;
    degraded = true;
    logger.warn({
      event: 'dedupe.fallback',
      platform: 'server',
      errorCode: redisErrorCode(error),
      outcome: 'memory',
      detail: `Redis ${op} failed; deduplicating in memory on this instance`,
    });
  };
  const onRedisOk = (): void => {
    if (!degraded) return;
    degraded = false;
    logger.info({ event: 'dedupe.recovered', platform: 'server', outcome: 'redis' });
  };

  return {
    async claim(key: string, ttlMs: number): Promise<boolean> {
      // a key this instance already holds needs no round trip
      if (!(await local.claim(key, ttlMs))) return false;
      try {
        const ttl = Math.max(1, Math.round(ttlMs));
        const reply = await redis.client.set(prefix + key, '1', 'PX', ttl, 'NX');
        onRedisOk();
        if (reply === 'OK') return true;
        // another instance holds the key; forget ours so a retry after its release is answered
        await local.release(key);
        return false;
      } catch (error: unknown) {
        onRedisError(error, 'claim');
        return true;
      }
    },
    async release(key: string): Promise<void> {
      await local.release(key);
      try {
        await redis.client.del(prefix + key);
        onRedisOk();
      } catch (error: unknown) {
        // the key expires on its own; until then a retry of this delivery stays unanswered
        onRedisError(error, 'release');
      }
    },
  };
}
