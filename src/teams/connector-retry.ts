/**
 * A bounded retry for replies the Bot Framework connector refuses with a status its HTTP pipeline
 * gives up on at once.
 *
 * botbuilder's pipeline (@azure/core-rest-pipeline defaults) already retries 502/504 with
 * exponential backoff and 429/503 when Retry-After is present, so those are left to it; a retry
 * here on top would multiply attempts. It does not retry 429 without Retry-After, although Teams
 * asks bots to back off and retry throttled calls
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit), nor 412
 * (PreconditionFailed), which is treated here as transient and retried within the same small budget.
 * Only a batch of one activity is retried: a batch that failed part-way cannot be resent without
 * repeating the part that went out.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { SafeLogger } from '../log/logger.js';

/** how the retry behaves; tests shorten the delays and inject the clock */
export interface ConnectorRetryOptions {
  logger: SafeLogger;
  /** attempts in all, the first included (default 3) */
  maxAttempts?: number;
  /** first backoff delay in ms; doubled each time, with ±20% jitter (default 250) */
  baseDelayMs?: number;
  /** the most time spent waiting across all retries of one reply, in ms (default 3000) */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

type SendHandler = (
  context: TurnContext,
  activities: Partial<Activity>[],
  next: () => Promise<ResourceResponse[]>,
) => Promise<ResourceResponse[]>;

/** the status codes retried here (see the module comment for why only these) */
export function retryableStatus(error: unknown): number | undefined {
  const status = statusOf(error);
  if (status === 412) return status;
  if (status === 429 && retryAfterMs(error) === undefined) return status;
  return undefined;
}

/** an onSendActivities handler that resends a refused single reply a bounded number of times */
export function connectorRetry(options: ConnectorRetryOptions): SendHandler {
  const maxAttempts = options.maxAttempts ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const budgetMs = options.budgetMs ?? 3_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  return async (context, activities, next) => {
    if (activities.length !== 1) return next();
    let waited = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await next();
      } catch (error: unknown) {
        const status = retryableStatus(error);
        if (status === undefined || attempt >= maxAttempts) throw error;
        const backoff = baseDelayMs * 2 ** (attempt - 1) * (0.8 + 0.4 * random());
        const delay = Math.round(retryAfterMs(error) ?? backoff);
        if (waited + delay > budgetMs) throw error;
        options.logger.warn({
          event: 'teams.reply.retry',
          platform: 'teams',
          activityId: context.activity.id,
          status,
          attempts: attempt,
          ms: delay,
        });
        waited += delay;
        await sleep(delay);
      }
    }
  };
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After of the failed response in ms (seconds or an HTTP date), when present */
function retryAfterMs(error: unknown): number | undefined {
  const response = (error as { response?: { headers?: unknown } }).response;
  const headers = response?.headers as
    | { get?: (name: string) => string | undefined | null }
    | Record<string, unknown>
    | undefined;
  if (!headers) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, unknown>)['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
