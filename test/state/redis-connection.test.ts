import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log/logger.js';
import { createStateStores } from '../../src/state/index.js';
import { reconnectDelay, redisErrorCode } from '../../src/state/redis.js';
import { redisServerOrSkip, startTestRedis, type TestRedis, waitFor } from './redis-server.js';

const LIMITS = { userPoints: 2, channelPoints: 0, windowSeconds: 60 };

describe('Redis connection helpers', () => {
  it('backs off by doubling, never beyond the cap, with bounded jitter', () => {
    const low = () => 0;
    const high = () => 1;
    expect(reconnectDelay(1, 100, 5_000, high)).toBe(100);
    expect(reconnectDelay(2, 100, 5_000, high)).toBe(200);
    expect(reconnectDelay(4, 100, 5_000, high)).toBe(800);
    expect(reconnectDelay(1_000, 100, 5_000, high)).toBe(5_000);
    expect(reconnectDelay(1_000, 100, 5_000, low)).toBe(4_000);
    for (let attempt = 1; attempt < 200; attempt++) {
      expect(reconnectDelay(attempt, 100, 5_000)).toBeLessThanOrEqual(5_000);
    }
  });

  it('turns errors into codes that quote no host, port or key', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6380'), {
      code: 'ECONNREFUSED',
    });
    expect(redisErrorCode(refused)).toBe('REDIS_ECONNREFUSED');
    expect(redisErrorCode(new Error('Command timed out'))).toBe('REDIS_TIMEOUT');
    expect(redisErrorCode(Object.assign(new Error('WRONGPASS x'), { name: 'ReplyError' }))).toBe(
      'REDIS_REPLY_ERROR',
    );
    expect(redisErrorCode({ code: 'has spaces: secret' })).toBe('REDIS_ERROR');
    expect(redisErrorCode(undefined)).toBe('REDIS_ERROR');
  });
});

describe('createStateStores in memory', () => {
  it('works without Redis and is always ready', async () => {
    const stores = createStateStores({ redisUrl: undefined, rateLimits: LIMITS }, silentLogger);
    expect(stores.kind).toBe('memory');
    expect(stores.redis).toBeUndefined();
    expect(await stores.ping()).toBe(true);
    expect(await stores.readiness()).toEqual({ ready: true, store: 'memory' });
    expect(await stores.dedupe.claim('k', 1_000)).toBe(true);
    expect(await stores.dedupe.claim('k', 1_000)).toBe(false);
    expect(await stores.rateLimiter.check({ user: 'u' })).toBe('ok');
    await stores.usage.record('s', [50126]);
    expect((await stores.usage.summary('s')).top).toEqual([{ code: 50126, count: 1 }]);
    await expect(stores.close()).resolves.toBeUndefined();
  });
});

const bin = redisServerOrSkip('createStateStores on Redis');

describe.skipIf(!bin)('createStateStores on Redis (real redis-server)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startTestRedis(bin!);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('connects by itself, shares state between two instances, and reports readiness', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => lines.push(s) } });
    const config = { redisUrl: redis.url, rateLimits: LIMITS };
    const one = createStateStores(config, logger);
    const two = createStateStores(config, logger);
    try {
      expect(one.kind).toBe('redis');
      await waitFor(() => one.ping());
      await waitFor(() => two.ping());
      const claims = await Promise.all([
        one.dedupe.claim('teams:activity:A1', 60_000),
        two.dedupe.claim('teams:activity:A1', 60_000),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      const decisions = [
        await one.rateLimiter.check({ user: 'teams:t:u' }),
        await two.rateLimiter.check({ user: 'teams:t:u' }),
        await one.rateLimiter.check({ user: 'teams:t:u' }),
        await two.rateLimiter.check({ user: 'teams:t:u' }),
      ];
      expect(decisions).toEqual(['ok', 'ok', 'first-over', 'over']);
      await one.usage.record('team-1', [50126]);
      expect((await two.usage.summary('team-1')).top).toEqual([{ code: 50126, count: 1 }]);
      expect(lines.join('')).toContain('"event":"redis.ready"');
    } finally {
      await one.close();
      await two.close();
    }
    expect(await one.ping(100)).toBe(false);
    // a closed connection is quiet: no lost-connection warning for a planned close
    expect(lines.join('')).not.toContain('"event":"redis.lost"');
  });

  it('is not ready before Redis was reached, and stays ready through a later outage', async () => {
    const spare = await startTestRedis(bin!);
    const url = spare.url;
    await spare.kill();
    const stores = createStateStores({ redisUrl: url, rateLimits: LIMITS }, silentLogger);
    try {
      // never connected: a new replica must not take traffic yet
      expect(await stores.readiness(100)).toEqual({ ready: false, store: 'redis', redis: 'down' });
      await spare.restart();
      await waitFor(async () => (await stores.readiness(200)).ready);
      expect(await stores.readiness()).toEqual({ ready: true, store: 'redis', redis: 'up' });
      await spare.kill();
      await waitFor(async () => (await stores.readiness(100)).redis === 'down');
      // after an outage begins the replica keeps answering from memory, so it stays ready
      expect(await stores.readiness(100)).toEqual({ ready: true, store: 'redis', redis: 'down' });
    } finally {
      await stores.close();
      await spare.stop();
    }
  });

  it('never writes the URL or its password to the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => lines.push(s) } });
    const url = `redis://:Sup3rSecretKey@127.0.0.1:${redis.port}`;
    const stores = createStateStores({ redisUrl: url, rateLimits: LIMITS }, logger);
    try {
      await waitFor(() => stores.ping());
      expect(await stores.dedupe.claim('x', 1_000)).toBe(true);
      await redis.kill();
      await waitFor(() => lines.some((l) => l.includes('redis.error')));
      expect(await stores.dedupe.claim('y', 1_000)).toBe(true);
      await redis.restart();
    } finally {
      await stores.close();
    }
    const log = lines.join('');
    expect(log).not.toContain('Sup3rSecretKey');
    expect(log).not.toContain(String(redis.port));
  });
});
