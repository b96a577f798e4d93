import { describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log/logger.js';
import {
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateDecision,
  type RateLimiter,
} from '../../src/state/rate-limit.js';
import { redisServerOrSkip, waitFor } from './redis-server.js';
import { useTestRedis } from './redis-suite.js';

const limits = (userPoints: number, channelPoints: number, windowSeconds = 60) => ({
  userPoints,
  channelPoints,
  windowSeconds,
});

async function send(limiter: RateLimiter, n: number, user: string, channel?: string) {
  const out: RateDecision[] = [];
  for (let i = 0; i < n; i++) out.push(await limiter.check({ user, channel }));
  return out;
}

describe('rate limiter in memory', () => {
  it('answers up to the user limit, then says slow down once, then stays silent', async () => {
    const limiter = createRateLimiter({ limits: limits(3, 0), logger: silentLogger });
    expect(await send(limiter, 6, 'slack:T1:U1')).toEqual([
      'ok',
      'ok',
      'ok',
      'first-over',
      'over',
      'over',
    ]);
    // another user is not affected
    expect(await limiter.check({ user: 'slack:T1:U2' })).toBe('ok');
  });

  it('limits a channel across its users', async () => {
    const limiter = createRateLimiter({ limits: limits(100, 4), logger: silentLogger });
    const decisions: RateDecision[] = [];
    for (let i = 0; i < 6; i++) {
      decisions.push(await limiter.check({ user: `teams:u${i}`, channel: 'teams:conv1' }));
    }
    expect(decisions).toEqual(['ok', 'ok', 'ok', 'ok', 'first-over', 'over']);
    expect(await limiter.check({ user: 'teams:u0', channel: 'teams:conv2' })).toBe('ok');
  });

  it('does not let one user over the limit use up the channel', async () => {
    const limiter = createRateLimiter({ limits: limits(2, 3), logger: silentLogger });
    expect(await send(limiter, 10, 'u-noisy', 'c1')).toEqual([
      'ok',
      'ok',
      'first-over',
      'over',
      'over',
      'over',
      'over',
      'over',
      'over',
      'over',
    ]);
    // the channel counted only the two answered messages
    expect(await limiter.check({ user: 'u-quiet', channel: 'c1' })).toBe('ok');
    expect(await limiter.check({ user: 'u-other', channel: 'c1' })).toBe('first-over');
  });

  it('opens again when the window ends', async () => {
    const limiter = createRateLimiter({ limits: limits(1, 0, 1), logger: silentLogger });
    expect(await send(limiter, 2, 'u')).toEqual(['ok', 'first-over']);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await send(limiter, 3, 'u')).toEqual(['ok', 'first-over', 'over']);
  });

  it('treats 0 as no limit and checks subjects without ids as ok', async () => {
    const limiter = createRateLimiter({ limits: limits(0, 0), logger: silentLogger });
    expect(new Set(await send(limiter, 100, 'u', 'c'))).toEqual(new Set(['ok']));
    const strict = createRateLimiter({ limits: limits(1, 1), logger: silentLogger });
    expect(await strict.check({})).toBe('ok');
    expect(await strict.check({})).toBe('ok');
  });

  it('has defaults a person pasting errors stays inside', () => {
    expect(DEFAULT_RATE_LIMITS.userPoints).toBeGreaterThanOrEqual(10);
    expect(DEFAULT_RATE_LIMITS.channelPoints).toBeGreaterThanOrEqual(
      DEFAULT_RATE_LIMITS.userPoints,
    );
  });
});

const bin = redisServerOrSkip('rate limiter on Redis');

describe.skipIf(!bin)('rate limiter on Redis (real redis-server)', () => {
  const { redis, connect } = useTestRedis(bin!);

  it('shares counts between instances: one "slow down" in total', async () => {
    const a = createRateLimiter({
      limits: limits(10, 0),
      redis: await connect(),
      logger: silentLogger,
    });
    const b = createRateLimiter({
      limits: limits(10, 0),
      redis: await connect(),
      logger: silentLogger,
    });
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).check({ user: 'slack:T1:Ushared' })),
    );
    expect(decisions.filter((d) => d === 'ok')).toHaveLength(10);
    expect(decisions.filter((d) => d === 'first-over')).toHaveLength(1);
    expect(decisions.filter((d) => d === 'over')).toHaveLength(19);
  });

  it('limits per channel across instances and keeps ids out of Redis keys', async () => {
    const conn = await connect();
    const a = createRateLimiter({ limits: limits(50, 3), redis: conn, logger: silentLogger });
    const b = createRateLimiter({
      limits: limits(50, 3),
      redis: await connect(),
      logger: silentLogger,
    });
    const channel = 'slack:T9:C0123CHANNEL';
    expect(await a.check({ user: 'slack:T9:U0123PERSON', channel })).toBe('ok');
    expect(await b.check({ user: 'slack:T9:U0456PERSON', channel })).toBe('ok');
    expect(await a.check({ user: 'slack:T9:U0789PERSON', channel })).toBe('ok');
    expect(await b.check({ user: 'slack:T9:U0123PERSON', channel })).toBe('first-over');
    expect(await a.check({ user: 'slack:T9:U0456PERSON', channel })).toBe('over');
    const keys = await conn.client.keys('*');
    expect(keys.some((k) => k.startsWith('aadsts:rl:channel'))).toBe(true);
    expect(keys.join(' ')).not.toMatch(/PERSON|CHANNEL|T9/);
  });

  it('keeps deciding in memory when Redis dies, logs once, and never throws', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (s: string) => lines.push(s) } });
    const conn = await connect(logger);
    const limiter = createRateLimiter({ limits: limits(3, 0), redis: conn, logger });
    expect(await limiter.check({ user: 'u-outage' })).toBe('ok');
    await redis().kill();
    await waitFor(() => !conn.isReady());
    // the memory counter starts fresh: the limit still holds per instance
    expect(await send(limiter, 5, 'u-outage')).toEqual(['ok', 'ok', 'ok', 'first-over', 'over']);
    expect(lines.join('').match(/"event":"ratelimit\.fallback"/g)?.length).toBe(1);
    await redis().restart();
    await waitFor(() => conn.isReady());
    expect(await limiter.check({ user: 'u-after' })).toBe('ok');
    expect(lines.join('')).toContain('"event":"ratelimit.recovered"');
  });
});
