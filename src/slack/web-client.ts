/**
 * The Web API client, configured for chat: a timeout per request, a few quick retries for 5xx answers
 * and network errors, and 429 handled here (not inside the client, whose default pauses every call
 * of the process for as long as Retry-After says).
 * https://docs.slack.dev/apis/web-api/rate-limits
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebClientOptions
 */
import { type Logger, webApi } from '@slack/bolt';
import { SlackCallError } from './errors.js';
import type { SlackTuning } from './tuning.js';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

/** the options handed to @slack/web-api, shared by our client and Bolt's */
export function webClientOptions(
  tuning: SlackTuning,
  apiUrl: string | undefined,
  logger: Logger,
): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    logger,
    timeout: tuning.requestTimeoutMs,
    // a 429 throws at once with its Retry-After, so withRateLimit decides how long a reply may wait
    rejectRateLimitedCalls: true,
    retryConfig: {
      retries: tuning.retries,
      factor: 2,
      minTimeout: tuning.minRetryDelayMs,
      maxTimeout: tuning.maxRetryDelayMs,
      randomize: true,
    },
    // only relative method names are called; refuse absolute URLs smuggled into a method name
    allowAbsoluteUrls: false,
  };
}

/** creates the bot's Web API client */
export function createWebClient(
  token: string,
  tuning: SlackTuning,
  apiUrl: string | undefined,
  logger: Logger,
): SlackWebClient {
  return new webApi.WebClient(token, webClientOptions(tuning, apiUrl, logger));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; retryAfter?: unknown };
  if (e.code !== webApi.ErrorCode.RateLimitedError || typeof e.retryAfter !== 'number')
    return undefined;
  return e.retryAfter;
}

/**
 * Runs a Web API call, waiting out 429 answers while their Retry-After is short enough and the
 * number of waits stays within the limit. Other errors pass through unchanged.
 */
export async function withRateLimit<T>(call: () => Promise<T>, tuning: SlackTuning): Promise<T> {
  for (let waits = 0; ; waits += 1) {
    try {
      return await call();
    } catch (error: unknown) {
      const seconds = retryAfterSeconds(error);
      if (seconds === undefined) throw error;
      const waitMs = Math.max(0, seconds) * 1000;
      if (waits >= tuning.rateLimitRetries || waitMs > tuning.maxRateLimitWaitMs) {
        throw new SlackCallError(
          'SLACK_RATE_LIMITED',
          `rate limited; Retry-After ${seconds} s`,
          429,
        );
      }
      await sleep(waitMs);
    }
  }
}
