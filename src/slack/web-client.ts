/**
 * The Web API client, configured for chat: a timeout per request, a few quick retries for 5xx answers
 * and network errors, and 429 handled here (not inside the client, whose default pauses every call
 * of the process for as long as Retry-After says).
 *
 * Posting is different: a chat.postMessage that timed out may have been posted already (the request
 * reached Slack, the answer did not come back), and sending it again would post the reply twice.
 * Posts therefore go through a client that never retries by itself and through postMessage below,
 * which retries a 5xx answer or a failed connection, never a timeout.
 * https://docs.slack.dev/apis/web-api/rate-limits
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebClientOptions
 */
import { type Logger, webApi } from '@slack/bolt';
import { errorCodeOf, SlackCallError } from './errors.js';
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

/** the client for posts: the same settings without retries of its own (see postMessage) */
export function createPostingClient(
  token: string,
  tuning: SlackTuning,
  apiUrl: string | undefined,
  logger: Logger,
): SlackWebClient {
  return new webApi.WebClient(token, {
    ...webClientOptions(tuning, apiUrl, logger),
    retryConfig: { retries: 0 },
  });
}

/**
 * Whether a failed post may be sent again without risking a second copy: a 5xx answer or a
 * connection that failed, yes; a timeout (Slack may have posted it) or any other answer, no.
 */
export function mayRetryPost(error: unknown): boolean {
  const code = errorCodeOf(error);
  if (code === 'SLACK_NETWORK_ERROR') return true;
  if (code !== 'SLACK_HTTP_ERROR') return false;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 500;
}

/**
 * Posts one message with `client` (a posting client): waits out short 429s as withRateLimit does,
 * retries what mayRetryPost allows up to `tuning.retries` times with backoff, and gives up on a
 * timeout at once.
 */
export async function postMessage(
  client: SlackWebClient,
  args: Record<string, unknown>,
  tuning: SlackTuning,
): Promise<webApi.WebAPICallResult> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await withRateLimit(() => client.apiCall('chat.postMessage', args), tuning);
    } catch (error: unknown) {
      if (failures >= tuning.retries || !mayRetryPost(error)) throw error;
      await sleep(Math.min(tuning.maxRetryDelayMs, tuning.minRetryDelayMs * 2 ** failures));
    }
  }
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
