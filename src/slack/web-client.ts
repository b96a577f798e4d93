/**
 * The Web API client, configured for chat: a timeout per request, a few quick retries for 5xx answers
 * and network errors, and 429 handled here (not inside the client, whose default pauses every call
 * of the process for as long as Retry-After says).
 *
 * Posting is different: a chat.postMessage that timed out may have been posted already (the request
 * reached Slack, the answer did not come back), and sending it again would post the reply twice.
 * Posts therefore go through a client that never retries by itself and through postMessage below,
 * which retries a 5xx answer or a failed connection at once. After a timeout, or an answer cut short
 * once Slack had begun to send it, it first asks Slack whether the post landed (each post carries a
 * random marker in its message metadata) and sends it again only when it did not; when that cannot
 * be told, it does not send it again.
 * https://docs.slack.dev/messaging/message-metadata
 * https://docs.slack.dev/apis/web-api/rate-limits
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebClientOptions
 */
import { randomUUID } from 'node:crypto';
import { type Logger, webApi } from '@slack/bolt';
import { errorCodeOf, SlackCallError } from './errors.js';
import type { SlackTuning } from './tuning.js';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

/** the options handed to @slack/web-api, shared by our client and Bolt's */
export function webClientOptions(
  tuning: SlackTuning,
  apiUrl: string | undefined,
  logger: Logger,
  fetch?: webApi.FetchFunction,
): webApi.WebClientOptions {
  return {
    ...(fetch ? { fetch } : {}),
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

/** creates the bot's Web API client from webClientOptions */
export function createWebClient(token: string, options: webApi.WebClientOptions): SlackWebClient {
  return new webApi.WebClient(token, options);
}

/** the client for posts: the same options without retries of its own (see postMessage) */
export function createPostingClient(
  token: string,
  options: webApi.WebClientOptions,
): SlackWebClient {
  return new webApi.WebClient(token, { ...options, retryConfig: { retries: 0 } });
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

/** what postMessage needs to tell whether a post that timed out landed */
export interface PostCheck {
  /** a client for reads (conversations.history / conversations.replies) */
  reader: SlackWebClient;
}

/** the event_type of the marker every post carries in its metadata */
export const POST_MARKER_TYPE = 'aadsts_reply';

/**
 * Posts one message with `client` (a posting client): waits out short 429s as withRateLimit does,
 * and retries what mayRetryPost allows up to `tuning.retries` times with backoff. A post that timed
 * out or lost its answer is sent again only when `check` is given and the channel shows that it did
 * not land.
 */
export async function postMessage(
  client: SlackWebClient,
  args: Record<string, unknown>,
  tuning: SlackTuning,
  check?: PostCheck,
): Promise<webApi.WebAPICallResult> {
  // a random marker (no user data): the way to find this very post again after a timeout
  const marker = randomUUID();
  const marked = {
    ...args,
    metadata: { event_type: POST_MARKER_TYPE, event_payload: { post: marker } },
  };
  // a little before now, in Slack's seconds: where the search for the post starts
  const since = Math.floor(Date.now() / 1000) - 5;
  for (let failures = 0; ; failures += 1) {
    try {
      return await withRateLimit(() => client.apiCall('chat.postMessage', marked), tuning);
    } catch (error: unknown) {
      // the post may have landed: Slack got it, only the answer did not come back whole
      const code = errorCodeOf(error);
      const mayHaveLanded = code === 'SLACK_TIMEOUT' || code === 'SLACK_ANSWER_LOST';
      if (failures >= tuning.retries || !(mayRetryPost(error) || (mayHaveLanded && check)))
        throw error;
      // the backoff also gives a post that is still on its way time to appear in the channel
      await sleep(Math.min(tuning.maxRetryDelayMs, tuning.minRetryDelayMs * 2 ** failures));
      if (mayHaveLanded && check) {
        const landed = await findPost(check.reader, args, marker, since, tuning);
        if (landed === undefined) throw error; // cannot tell: one reply at most
        if (landed !== false) return { ok: true, ts: landed } as webApi.WebAPICallResult;
      }
    }
  }
}

/**
 * Looks for the post with `marker` in its thread (or the channel) since `since`: its ts when
 * found, false when the channel answered without it, undefined when the channel cannot be read.
 */
async function findPost(
  reader: SlackWebClient,
  args: Record<string, unknown>,
  marker: string,
  since: number,
  tuning: SlackTuning,
): Promise<string | false | undefined> {
  const thread = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
  try {
    const result = await withRateLimit(
      () =>
        reader.apiCall(thread ? 'conversations.replies' : 'conversations.history', {
          channel: args.channel,
          ...(thread ? { ts: thread } : {}),
          oldest: String(since),
          include_all_metadata: true,
          limit: 100,
        }),
      tuning,
    );
    const messages = (result as { messages?: unknown }).messages;
    if (!Array.isArray(messages)) return undefined;
    for (const message of messages as Array<Record<string, unknown>>) {
      const metadata = message.metadata as
        | { event_type?: unknown; event_payload?: { post?: unknown } }
        | undefined;
      if (metadata?.event_type === POST_MARKER_TYPE && metadata.event_payload?.post === marker) {
        return typeof message.ts === 'string' ? message.ts : '';
      }
    }
    return false;
  } catch {
    // no history scope for this conversation, or Slack is unreachable
    return undefined;
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
