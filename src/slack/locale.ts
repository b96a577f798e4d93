/**
 * The user's Slack locale, from users.info with include_locale (scope users:read), remembered for a
 * while. A slow or failing lookup never delays a reply beyond localeTimeoutMs: the reply is English.
 * https://docs.slack.dev/reference/methods/users.info
 */
import type { SlackTuning } from './tuning.js';
import type { SlackWebClient } from './web-client.js';

/** looks up a user's locale tag such as "zh-CN"; undefined when unknown */
export type LocaleLookup = (userId: string | undefined) => Promise<string | undefined>;

interface CacheEntry {
  locale: string | undefined;
  expiresAt: number;
}

// failures are remembered briefly so an outage does not turn every message into a lookup
const FAILURE_TTL_MS = 60_000;

/** creates a cached locale lookup over users.info */
export function createLocaleLookup(
  client: SlackWebClient,
  tuning: SlackTuning,
  now: () => number,
): LocaleLookup & { clear(): void } {
  const cache = new Map<string, CacheEntry>();
  const pending = new Map<string, Promise<string | undefined>>();

  const remember = (userId: string, locale: string | undefined, ttlMs: number): void => {
    cache.delete(userId);
    cache.set(userId, { locale, expiresAt: now() + ttlMs });
    while (cache.size > tuning.localeCacheMax) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  };

  const fetchLocale = async (userId: string): Promise<string | undefined> => {
    try {
      const result = await client.users.info({ user: userId, include_locale: true });
      const locale = typeof result.user?.locale === 'string' ? result.user.locale : undefined;
      remember(userId, locale, tuning.localeCacheTtlMs);
      return locale;
    } catch {
      // an unknown locale means English; the reply itself must not fail over it
      remember(userId, undefined, FAILURE_TTL_MS);
      return undefined;
    } finally {
      pending.delete(userId);
    }
  };

  const lookup = async (userId: string | undefined): Promise<string | undefined> => {
    if (!userId) return undefined;
    const cached = cache.get(userId);
    if (cached && cached.expiresAt > now()) return cached.locale;
    let inFlight = pending.get(userId);
    if (!inFlight) {
      inFlight = fetchLocale(userId);
      pending.set(userId, inFlight);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), tuning.localeTimeoutMs);
    });
    try {
      return await Promise.race([inFlight, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return Object.assign(lookup, {
    clear: () => {
      cache.clear();
    },
  });
}
