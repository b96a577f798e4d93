/**
 * Posts to an interaction's response_url (slash commands, shortcuts, buttons). Bolt's respond() has
 * no timeout and no retry; this one has both, with the same limits as the Web API client. As for
 * chat.postMessage, a post that timed out is not sent again: Slack may have shown it already.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
import { SlackCallError } from './errors.js';
import type { SlackTuning } from './tuning.js';

/** the body of a response_url post */
export interface ResponseMessage {
  text: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function backoff(attempt: number, tuning: SlackTuning): number {
  return Math.min(tuning.maxRetryDelayMs, tuning.minRetryDelayMs * 2 ** attempt);
}

/** posts a message to a response_url; returns the number of attempts, throws SlackCallError */
export async function postToResponseUrl(
  url: string,
  message: ResponseMessage,
  tuning: SlackTuning,
): Promise<number> {
  let failures = 0;
  let rateLimitWaits = 0;
  for (let attempt = 1; ; attempt += 1) {
    let failure: SlackCallError;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(message),
        redirect: 'error',
        signal: AbortSignal.timeout(tuning.requestTimeoutMs),
      });
      // the body is small ("ok" or an error name); read it so the connection can be reused
      await response.text();
      if (response.ok) return attempt;
      if (response.status === 429) {
        const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
        const waitMs = Number.isNaN(seconds)
          ? Number.POSITIVE_INFINITY
          : Math.max(0, seconds) * 1000;
        if (rateLimitWaits >= tuning.rateLimitRetries || waitMs > tuning.maxRateLimitWaitMs) {
          throw new SlackCallError('SLACK_RATE_LIMITED', 'response_url rate limited', 429);
        }
        rateLimitWaits += 1;
        await sleep(waitMs);
        continue;
      }
      failure = new SlackCallError(
        'SLACK_HTTP_ERROR',
        `response_url answered ${response.status}`,
        response.status,
      );
      // 4xx other than 429 (expired or unknown url, bad message) will not get better by retrying
      if (response.status < 500) throw failure;
    } catch (error: unknown) {
      if (error instanceof SlackCallError) throw error;
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      // the request may have been acted on; sending it again could show the answer twice
      if (timedOut) throw new SlackCallError('SLACK_TIMEOUT', 'response_url timed out');
      failure = new SlackCallError('SLACK_NETWORK_ERROR', 'response_url unreachable');
    }
    if (failures >= tuning.retries) throw failure;
    await sleep(backoff(failures, tuning));
    failures += 1;
  }
}
