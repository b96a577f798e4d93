/**
 * The hooks every Redis-backed suite needs: one throwaway redis-server for the suite, and
 * connections that are closed after each test.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type SafeLogger, silentLogger } from '../../src/log/logger.js';
import {
  createRedisConnection,
  type RedisConnection,
  type RedisConnectionOptions,
} from '../../src/state/redis.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

/** registers the suite's hooks; call inside a describe block */
export function useTestRedis(bin: string): {
  /** the running server (available once the suite has started) */
  redis: () => TestRedis;
  /** a connected client (fast reconnects unless options are given), closed after the test */
  connect: (
    logger?: SafeLogger,
    url?: string,
    options?: RedisConnectionOptions,
  ) => Promise<RedisConnection>;
} {
  let server: TestRedis | undefined;
  const open: RedisConnection[] = [];
  const redis = (): TestRedis => {
    if (!server) throw new Error('the test Redis is not running yet');
    return server;
  };
  const connect = async (
    logger: SafeLogger = silentLogger,
    url?: string,
    options: RedisConnectionOptions = { retryBaseMs: 20, retryMaxMs: 200 },
  ) => {
    const conn = createRedisConnection(url ?? redis().url, logger, options);
    open.push(conn);
    await conn.connect();
    return conn;
  };
  beforeAll(async () => {
    server = await startTestRedis(bin);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });
  return { redis, connect };
}
