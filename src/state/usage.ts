/**
 * Usage counters for helpdesk leads: how often each code was looked up in a channel or team, per
 * UTC day. Counts only: no user, no text, no time of day. The scope id is hashed before it becomes a
 * key, and days expire after the reporting window, so nothing accumulates.
 */
import { hashId, type SafeLogger } from '../log/logger.js';
import { type RedisConnection, redisErrorCode } from './redis.js';

/** days the stats command reports */
export const USAGE_WINDOW_DAYS = 7;
/** how many codes the stats command lists */
export const USAGE_TOP_LIMIT = 10;

/** one line of the stats answer */
export interface CodeCount {
  code: number;
  count: number;
}

/** the stats answer for one scope */
export interface UsageSummary {
  /** days covered, today included */
  days: number;
  /** lookups counted in those days (a message with two codes counts twice) */
  total: number;
  /** most frequent first; ties by code */
  top: CodeCount[];
}

/** records and reports code lookups per scope */
export interface UsageStore {
  /** counts the codes of one answered message in `scope` (a channel or team id, hashed here) */
  record(scope: string, codes: readonly number[], at?: Date): Promise<void>;
  /** the top codes of `scope` over the last USAGE_WINDOW_DAYS days */
  summary(scope: string, options?: { now?: Date; limit?: number }): Promise<UsageSummary>;
}

const DAY_MS = 86_400_000;
// the last day asked for: every message of a day asks for the same key
let lastDay = Number.NaN;
let lastKey = '';

/** "2026-11-23" for the UTC day of `at`, `back` days earlier */
export function dayKey(at: Date, back = 0): string {
  const ms = at.getTime() - back * DAY_MS;
  const day = Math.floor(ms / DAY_MS);
  if (day === lastDay) return lastKey;
  // toISOString throws for an invalid date, as before
  const key = new Date(ms).toISOString().slice(0, 10);
  lastDay = day;
  lastKey = key;
  return key;
}

const uniqueCodes = (codes: readonly number[]): number[] =>
  [...new Set(codes)].filter((c) => Number.isSafeInteger(c) && c > 0);

function summarize(counts: Map<number, number>, limit: number): UsageSummary {
  const all = [...counts].map(([code, count]) => ({ code, count }));
  all.sort((a, b) => b.count - a.count || a.code - b.code);
  return {
    days: USAGE_WINDOW_DAYS,
    total: all.reduce((sum, c) => sum + c.count, 0),
    top: all.slice(0, Math.max(0, limit)),
  };
}

/** an in-memory usage store for one instance; keeps at most `maxScopes` scopes */
export function createMemoryUsageStore(options: { maxScopes?: number } = {}): UsageStore {
  const maxScopes = Math.max(1, options.maxScopes ?? 5_000);
  // scope hash -> day -> code -> count; Map order lets the least recently used scope go first
  const scopes = new Map<string, Map<string, Map<number, number>>>();

  return {
    async record(scope, codes, at = new Date()) {
      const list = uniqueCodes(codes);
      if (list.length === 0) return;
      const key = hashId(scope);
      const days = scopes.get(key) ?? new Map<string, Map<number, number>>();
      scopes.delete(key);
      scopes.set(key, days);
      const today = dayKey(at);
      let counts = days.get(today);
      if (counts === undefined) {
        counts = new Map<number, number>();
        days.set(today, counts);
        // a new day: drop days that left the window of the newest day seen (ISO dates compare as
        // strings); the set of days changes only here, so this is the only time anything can expire
        const newest = [...days.keys()].sort().pop() ?? today;
        const cutoff = dayKey(new Date(`${newest}T00:00:00Z`), USAGE_WINDOW_DAYS);
        for (const day of days.keys()) if (day <= cutoff) days.delete(day);
      }
      for (const code of list) counts.set(code, (counts.get(code) ?? 0) + 1);
      for (const oldest of scopes.keys()) {
        if (scopes.size <= maxScopes) break;
        scopes.delete(oldest);
      }
    },
    async summary(scope, options = {}) {
      const now = options.now ?? new Date();
      const days = scopes.get(hashId(scope));
      const totals = new Map<number, number>();
      for (let back = 0; back < USAGE_WINDOW_DAYS; back++) {
        for (const [code, count] of days?.get(dayKey(now, back)) ?? []) {
          totals.set(code, (totals.get(code) ?? 0) + count);
        }
      }
      return summarize(totals, options.limit ?? USAGE_TOP_LIMIT);
    },
  };
}

/** a usage store shared through Redis (one hash per scope and day); memory while Redis is down */
export function createRedisUsageStore(
  redis: RedisConnection,
  logger: SafeLogger,
  options: { local?: UsageStore } = {},
): UsageStore {
  const local = options.local ?? createMemoryUsageStore();
  const keyOf = (scope: string, day: string): string =>
    `${redis.keyPrefix}usage:${hashId(scope)}:${day}`;
  // a day's hash lives one day past the window, so the oldest reported day is still complete
  const ttlSeconds = (USAGE_WINDOW_DAYS + 1) * 86_400;
  let degraded = false;
  const fallback = (error: unknown, op: string): void => {
    if (degraded) return;
    degraded = true;
    logger.warn({
      event: 'usage.fallback',
      platform: 'server',
      errorCode: redisErrorCode(error),
      outcome: 'memory',
      detail: `Redis usage ${op} failed; counting in memory on this instance`,
    });
  };
  const recovered = (): void => {
    if (!degraded) return;
    degraded = false;
    logger.info({ event: 'usage.recovered', platform: 'server', outcome: 'redis' });
  };

  return {
    async record(scope, codes, at = new Date()) {
      const list = uniqueCodes(codes);
      if (list.length === 0) return;
      const key = keyOf(scope, dayKey(at));
      try {
        const multi = redis.client.multi();
        for (const code of list) multi.hincrby(key, String(code), 1);
        multi.expire(key, ttlSeconds);
        const results = await multi.exec();
        const failed = results?.find(([error]) => error);
        if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
        recovered();
      } catch (error: unknown) {
        fallback(error, 'record');
        await local.record(scope, list, at);
      }
    },
    async summary(scope, options = {}) {
      const now = options.now ?? new Date();
      const limit = options.limit ?? USAGE_TOP_LIMIT;
      try {
        const pipeline = redis.client.pipeline();
        for (let back = 0; back < USAGE_WINDOW_DAYS; back++) {
          pipeline.hgetall(keyOf(scope, dayKey(now, back)));
        }
        const results = (await pipeline.exec()) ?? [];
        const totals = new Map<number, number>();
        for (const [error, hash] of results) {
          if (error) throw error;
          for (const [field, value] of Object.entries((hash ?? {}) as Record<string, string>)) {
            const code = Number(field);
            const count = Number(value);
            if (!Number.isSafeInteger(code) || !Number.isFinite(count)) continue;
            totals.set(code, (totals.get(code) ?? 0) + count);
          }
        }
        // add what this instance counted while Redis was away
        const offline = await local.summary(scope, { now, limit: Number.MAX_SAFE_INTEGER });
        for (const { code, count } of offline.top)
          totals.set(code, (totals.get(code) ?? 0) + count);
        recovered();
        return summarize(totals, limit);
      } catch (error: unknown) {
        fallback(error, 'summary');
        return local.summary(scope, { now, limit });
      }
    },
  };
}
