import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log/logger.js';
import {
  createMemoryUsageStore,
  createRedisUsageStore,
  dayKey,
  USAGE_WINDOW_DAYS,
  type UsageStore,
} from '../../src/state/usage.js';
import { redisServerOrSkip, waitFor } from './redis-server.js';
import { useTestRedis } from './redis-suite.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const daysAgo = (n: number): Date => new Date(NOW.getTime() - n * 86_400_000);

/** the behaviour both stores must share */
async function checkTopCodes(store: UsageStore): Promise<void> {
  const scope = 'teams:team-19:abc';
  for (let i = 0; i < 5; i++) await store.record(scope, [50126], daysAgo(i % 3));
  for (let i = 0; i < 3; i++) await store.record(scope, [700016, 50126], daysAgo(1));
  await store.record(scope, [53003], daysAgo(6));
  // outside the 7-day window: not reported
  await store.record(scope, [90002, 90002], daysAgo(7));
  // another channel: not reported
  await store.record('teams:other-team', [65001], NOW);

  const summary = await store.summary(scope, { now: NOW });
  expect(summary).toEqual({
    days: USAGE_WINDOW_DAYS,
    total: 12,
    top: [
      { code: 50126, count: 8 },
      { code: 700016, count: 3 },
      { code: 53003, count: 1 },
    ],
  });
  expect((await store.summary(scope, { now: NOW, limit: 1 })).top).toEqual([
    { code: 50126, count: 8 },
  ]);
  // a message naming a code twice counts once; nonsense codes are ignored
  await store.record('slack:T1:C1', [50058, 50058, -1, 1.5], NOW);
  expect((await store.summary('slack:T1:C1', { now: NOW })).top).toEqual([
    { code: 50058, count: 1 },
  ]);
  expect(await store.summary('slack:T1:never', { now: NOW })).toEqual({
    days: USAGE_WINDOW_DAYS,
    total: 0,
    top: [],
  });
}

describe('usage counters in memory', () => {
  it('reports the top codes of a scope over 7 days, counts only', async () => {
    await checkTopCodes(createMemoryUsageStore());
  });

  it('breaks ties by code and forgets the least recently used scope when full', async () => {
    const store = createMemoryUsageStore({ maxScopes: 2 });
    await store.record('s1', [70000, 50000], NOW);
    await store.record('s2', [1], NOW);
    await store.record('s3', [2], NOW);
    expect((await store.summary('s1', { now: NOW })).top).toEqual([]);
    expect((await store.summary('s3', { now: NOW })).top).toEqual([{ code: 2, count: 1 }]);
    const tie = createMemoryUsageStore();
    await tie.record('s', [70000, 50000], NOW);
    expect((await tie.summary('s', { now: NOW })).top.map((c) => c.code)).toEqual([50000, 70000]);
  });

  it('names days by UTC date', () => {
    expect(dayKey(new Date('2026-11-23T23:59:59Z'))).toBe('2026-11-23');
    expect(dayKey(new Date('2026-03-01T00:30:00Z'), 1)).toBe('2026-02-28');
  });
});

const bin = redisServerOrSkip('usage counters on Redis');

describe.skipIf(!bin)('usage counters on Redis (real redis-server)', () => {
  const { redis, connect } = useTestRedis(bin!);

  it('reports the top codes of a scope over 7 days, counts only', async () => {
    await checkTopCodes(createRedisUsageStore(await connect(), silentLogger));
  });

  it('adds up counts from several instances and stores hashed scopes with an expiry', async () => {
    const conn = await connect();
    const a = createRedisUsageStore(conn, silentLogger);
    const b = createRedisUsageStore(await connect(), silentLogger);
    await Promise.all([
      a.record('slack:T7:C7SECRET', [50076], NOW),
      b.record('slack:T7:C7SECRET', [50076], NOW),
    ]);
    expect((await b.summary('slack:T7:C7SECRET', { now: NOW })).top).toEqual([
      { code: 50076, count: 2 },
    ]);
    const keys = await conn.client.keys('aadsts:usage:*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('C7SECRET');
    const ttl = await conn.client.ttl(keys.find((k) => k.endsWith(dayKey(NOW)))!);
    expect(ttl).toBeGreaterThan(7 * 86_400);
    expect(ttl).toBeLessThanOrEqual(8 * 86_400);
  });

  it('counts in memory while Redis is down and merges that in once it is back', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => lines.push(s) } });
    const conn = await connect(logger);
    const store = createRedisUsageStore(conn, logger);
    await store.record('scope-outage', [50105], NOW);
    await redis().kill();
    await waitFor(() => !conn.isReady());
    await store.record('scope-outage', [50105, 50034], NOW);
    expect((await store.summary('scope-outage', { now: NOW })).top).toEqual([
      { code: 50034, count: 1 },
      { code: 50105, count: 1 },
    ]);
    expect(lines.join('').match(/"event":"usage\.fallback"/g)?.length).toBe(1);
    await redis().restart();
    await waitFor(() => conn.isReady());
    // the restarted server is empty (no persistence in tests): only the offline counts remain
    await store.record('scope-outage', [50105], NOW);
    expect((await store.summary('scope-outage', { now: NOW })).top).toEqual([
      { code: 50105, count: 2 },
      { code: 50034, count: 1 },
    ]);
  });
});
