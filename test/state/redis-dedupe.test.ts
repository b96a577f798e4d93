import { describe, expect, it } from 'vitest';
import { createLogger, type SafeLogger } from '../../src/log/logger.js';
import { createRedisDedupeStore } from '../../src/state/redis-dedupe.js';
import { redisServerOrSkip, startTestRedis, waitFor } from './redis-server.js';
import { useTestRedis } from './redis-suite.js';

const bin = redisServerOrSkip('Redis dedupe store');

function captureLogger(): { logger: SafeLogger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (s: string) => lines.push(s) },
  });
  return { logger, lines };
}

describe.skipIf(!bin)('Redis dedupe store (real redis-server)', () => {
  const { redis, connect } = useTestRedis(bin!);

  it('lets exactly one of two instances claim each key, even when they race', async () => {
    const { logger } = captureLogger();
    const a = createRedisDedupeStore(await connect(logger), logger);
    const b = createRedisDedupeStore(await connect(logger), logger);
    const keys = Array.from({ length: 200 }, (_, i) => `race:${i}`);
    const results = await Promise.all(
      keys.map(async (key) => {
        const [x, y] = await Promise.all([a.claim(key, 60_000), b.claim(key, 60_000)]);
        return Number(x) + Number(y);
      }),
    );
    expect(results.every((wins) => wins === 1)).toBe(true);
    // later retries of the same delivery lose on both instances
    expect(await a.claim('race:0', 60_000)).toBe(false);
    expect(await b.claim('race:0', 60_000)).toBe(false);
  });

  it('gives a released claim to the next instance that asks', async () => {
    const { logger } = captureLogger();
    const a = createRedisDedupeStore(await connect(logger), logger);
    const b = createRedisDedupeStore(await connect(logger), logger);
    expect(await a.claim('handoff', 60_000)).toBe(true);
    expect(await b.claim('handoff', 60_000)).toBe(false);
    await a.release('handoff');
    expect(await b.claim('handoff', 60_000)).toBe(true);
    expect(await a.claim('handoff', 60_000)).toBe(false);
  });

  it('lets a key be claimed again after its TTL, as Redis expires it', async () => {
    const { logger } = captureLogger();
    const a = createRedisDedupeStore(await connect(logger), logger);
    const b = createRedisDedupeStore(await connect(logger), logger);
    expect(await a.claim('short', 80)).toBe(true);
    expect(await b.claim('short', 80)).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(await b.claim('short', 80)).toBe(true);
  });

  it('stores prefixed keys with a TTL and no payload', async () => {
    const { logger } = captureLogger();
    const conn = await connect(logger);
    const store = createRedisDedupeStore(conn, logger);
    await store.claim('slack:event:Ev123', 30_000);
    const ttl = await conn.client.pttl('aadsts:dedupe:slack:event:Ev123');
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await conn.client.get('aadsts:dedupe:slack:event:Ev123')).toBe('1');
  });

  it('keeps claiming through a Redis outage, logs it once, and returns to Redis after', async () => {
    const { logger, lines } = captureLogger();
    const connA = await connect(logger);
    const connB = await connect(logger);
    const a = createRedisDedupeStore(connA, logger);
    const b = createRedisDedupeStore(connB, logger);
    expect(await a.claim('before', 60_000)).toBe(true);

    await redis().kill();
    await waitFor(() => !connA.isReady() && !connB.isReady());

    // nothing throws, every new delivery is answered, and this instance's retries stay silent
    const during = await Promise.all(
      Array.from({ length: 50 }, (_, i) => a.claim(`down:${i}`, 60_000)),
    );
    expect(during.every(Boolean)).toBe(true);
    expect(await a.claim('down:0', 60_000)).toBe(false);
    expect(await a.claim('before', 60_000)).toBe(false);
    await expect(a.release('down:1')).resolves.toBeUndefined();
    expect(await connA.ping(200)).toBe(false);

    const log = lines.join('');
    expect(log.match(/"event":"dedupe\.fallback"/g)?.length).toBe(1);
    expect(log).toContain('"event":"redis.lost"');
    expect(log).not.toContain(String(redis().port));
    expect(log).not.toContain('127.0.0.1');

    await redis().restart();
    await waitFor(() => connA.isReady() && connB.isReady());
    expect(await connA.ping()).toBe(true);
    const after = await Promise.all([a.claim('after', 60_000), b.claim('after', 60_000)]);
    expect(after.filter(Boolean)).toHaveLength(1);
    expect(lines.join('')).toContain('"event":"dedupe.recovered"');
  });

  it('answers within the command timeout when Redis hangs, and uses Redis again after', async () => {
    const { logger, lines } = captureLogger();
    const conn = await connect(logger, undefined, { commandTimeoutMs: 200 });
    const store = createRedisDedupeStore(conn, logger);
    redis().pause();
    try {
      const started = Date.now();
      expect(await store.claim('hung', 60_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await store.claim('hung', 60_000)).toBe(false);
      expect(lines.join('')).toContain('"errorCode":"REDIS_TIMEOUT"');
    } finally {
      redis().resume();
    }
    await waitFor(() => conn.ping());
    expect(await store.claim('after-hang', 60_000)).toBe(true);
    expect(await conn.client.get('aadsts:dedupe:after-hang')).toBe('1');
  });

  it('works in memory when Redis was never reachable', async () => {
    const { logger, lines } = captureLogger();
    const stopped = await startTestRedis(bin!);
    const url = stopped.url;
    await stopped.stop();
    const conn = await connect(logger, url);
    const store = createRedisDedupeStore(conn, logger);
    expect(await store.claim('k', 60_000)).toBe(true);
    expect(await store.claim('k', 60_000)).toBe(false);
    expect(await conn.ping(100)).toBe(false);
    expect(lines.join('')).toContain('"errorCode":"REDIS_ECONNREFUSED"');
  });
});
