/**
 * Time and size limits of the Slack adapter. Defaults suit chat: a reply that cannot be sent within
 * about half a minute is given up, instead of @slack/web-api's default of ten retries over thirty minutes.
 */

/** limits of the Slack adapter; tests shorten them */
export interface SlackTuning {
  /** timeout of one Web API or response_url request */
  requestTimeoutMs: number;
  /** further attempts after a 5xx answer, a network error or a timeout */
  retries: number;
  /** first back-off delay between those attempts */
  minRetryDelayMs: number;
  /** longest back-off delay between those attempts */
  maxRetryDelayMs: number;
  /** times a 429 answer is waited out before giving up */
  rateLimitRetries: number;
  /** longest Retry-After honoured; a longer one gives up at once */
  maxRateLimitWaitMs: number;
  /** how long a reply waits for the user's locale before answering in English */
  localeTimeoutMs: number;
  /** how long a user's locale is remembered */
  localeCacheTtlMs: number;
  /** most users whose locale is remembered */
  localeCacheMax: number;
  /** how long a handled delivery is remembered; Slack retries for about five minutes */
  dedupeTtlMs: number;
  /** request timestamps further in the future than this are rejected (Bolt checks only the past) */
  maxFutureSkewSec: number;
  /** how long stop() waits for replies in progress */
  stopTimeoutMs: number;
  /** largest request body read; Slack's payloads are far smaller (a message holds 40,000 characters) */
  maxBodyBytes: number;
}

/** the production limits */
export const DEFAULT_TUNING: SlackTuning = {
  requestTimeoutMs: 10_000,
  retries: 2,
  minRetryDelayMs: 500,
  maxRetryDelayMs: 2_000,
  rateLimitRetries: 2,
  maxRateLimitWaitMs: 20_000,
  localeTimeoutMs: 2_000,
  localeCacheTtlMs: 60 * 60_000,
  localeCacheMax: 5_000,
  dedupeTtlMs: 15 * 60_000,
  maxFutureSkewSec: 300,
  stopTimeoutMs: 5_000,
  maxBodyBytes: 1024 * 1024,
};

/** merges partial limits over the defaults */
export function resolveTuning(partial: Partial<SlackTuning> = {}): SlackTuning {
  return { ...DEFAULT_TUNING, ...partial };
}
