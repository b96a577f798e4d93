/**
 * Per-user and per-channel rate limits, shared through Redis when configured.
 *
 * The first message over a limit gets a polite "slow down"; later ones get silence until the window
 * ends. "First" is decided by the counter itself (the message that takes it to limit + 1), so with
 * Redis exactly one instance says it. Ids are hashed before they become keys: Redis holds no user or
 * channel ids. When Redis fails, each instance counts in memory (and logs once per outage).
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { hashId, type SafeLogger } from '../log/logger.js';
import { type RedisConnection, redisErrorCode } from './redis.js';

/** what to do with a message: answer, say "slow down" once, or stay silent */
export type RateDecision = 'ok' | 'first-over' | 'over';

/** limits per window; 0 turns a limit off */
export interface RateLimitSettings {
  /** messages one user may send per window */
  userPoints: number;
  /** messages one channel, chat or conversation may receive per window */
  channelPoints: number;
  /** window length in seconds */
  windowSeconds: number;
}

/** who sent a message where; platform-qualified ids such as "slack:T1:U1" (hashed before use) */
export interface RateSubject {
  user?: string | undefined;
  channel?: string | undefined;
}

/** decides whether a message may be answered */
export interface RateLimiter {
  /** counts the message against its user, then its channel, and returns the decision */
  check(subject: RateSubject): Promise<RateDecision>;
}

/** sensible defaults: a person pasting errors one by one stays well inside them */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  userPoints: 20,
  channelPoints: 60,
  windowSeconds: 60,
};

interface Counter {
  consume(key: string): Promise<RateDecision>;
}

const decisionOf = (res: RateLimiterRes, points: number): RateDecision =>
  res.consumedPoints <= points ? 'ok' : res.consumedPoints === points + 1 ? 'first-over' : 'over';

function createCounter(
  name: 'user' | 'channel',
  points: number,
  windowSeconds: number,
  redis: RedisConnection | undefined,
  logger: SafeLogger,
): Counter {
  const keyPrefix = `${redis?.keyPrefix ?? 'aadsts:'}rl:${name}`;
  const memory = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix });
  const shared = redis
    ? new RateLimiterRedis({
        storeClient: redis.client,
        points,
        duration: windowSeconds,
        keyPrefix,
        // fail over at once instead of waiting for a reconnect
        rejectIfRedisNotReady: true,
      })
    : undefined;
  let degraded = false;

  const run = async (limiter: RateLimiterMemory | RateLimiterRedis, key: string) => {
    try {
      return decisionOf(await limiter.consume(key), points);
    } catch (rejection: unknown) {
      // the library rejects with its result object when the limit is exceeded
      if (rejection instanceof RateLimiterRes) return decisionOf(rejection, points);
      throw rejection;
    }
  };

  return {
    async consume(key: string): Promise<RateDecision> {
      if (!shared) return run(memory, key);
      try {
        const decision = await run(shared, key);
        if (degraded) {
          degraded = false;
          logger.info({ event: 'ratelimit.recovered', platform: 'server', outcome: 'redis' });
        }
        return decision;
      } catch (error: unknown) {
        if (!degraded) {
          degraded = true;
          logger.warn({
            event: 'ratelimit.fallback',
            platform: 'server',
            errorCode: redisErrorCode(error),
            outcome: 'memory',
            detail: `Redis ${name} limit failed; counting in memory on this instance`,
          });
        }
        return run(memory, key);
      }
    },
  };
}

/** creates the limiter: Redis-backed when a connection is given, else in memory */
export function createRateLimiter(options: {
  limits?: RateLimitSettings;
  redis?: RedisConnection | undefined;
  logger: SafeLogger;
}): RateLimiter {
  const limits = options.limits ?? DEFAULT_RATE_LIMITS;
  const window = Math.max(1, Math.round(limits.windowSeconds));
  const user =
    limits.userPoints > 0
      ? createCounter('user', limits.userPoints, window, options.redis, options.logger)
      : undefined;
  const channel =
    limits.channelPoints > 0
      ? createCounter('channel', limits.channelPoints, window, options.redis, options.logger)
      : undefined;

  return {
    async check(subject: RateSubject): Promise<RateDecision> {
      if (user && subject.user) {
        const decision = await user.consume(hashId(subject.user));
        // a user already over the limit does not use up the channel's allowance
        if (decision !== 'ok') return decision;
      }
      if (channel && subject.channel) return channel.consume(hashId(subject.channel));
      return 'ok';
    },
  };
}
