/**
 * One Teams message, end to end: answered once (dedupe), within the rate limits, counted for the
 * usage stats. What to answer comes from the core (handleMessage, triage, stats); this file only
 * decides in which order to ask and keeps the bookkeeping around it.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { HandlerDeps } from '../core/handle.js';
import { handleMessage } from '../core/handle.js';
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import { slowDownReply } from '../core/notice.js';
import type { Locale, Reply } from '../core/reply.js';
import { isStatsRequest, statsReply } from '../core/stats.js';
import { triagePaste } from '../core/triage/chat.js';
import type { TriageSummary } from '../core/triage/types.js';
import { hashId, type SafeLogger } from '../log/logger.js';
import type { DedupeStore } from '../state/dedupe-store.js';
import type { RateLimiter } from '../state/rate-limit.js';
import { USAGE_WINDOW_DAYS, type UsageStore } from '../state/usage.js';
import { isFromBot, messageToInbound } from './inbound.js';
import { type RenderableReply, replyMessage } from './outbound.js';
import { dedupeKey, rateSubject, TEAMS_DEDUPE_TTL_MS, tenantOf, usageScope } from './state-keys.js';
import {
  pasteSource,
  type TeamsFileOptions,
  type TeamsUpload,
  triageCardMessage,
  triageResultMessage,
  triageUpload,
  uploadOf,
} from './triage.js';

/** what answering a message needs */
export interface MessageDeps extends HandlerDeps {
  logger: SafeLogger;
  dedupe: DedupeStore;
  rateLimiter: RateLimiter;
  usage: UsageStore;
  files?: TeamsFileOptions | undefined;
}

/** what a message will be answered with, decided before the rate limit is consulted */
type Plan =
  | { kind: 'none' }
  | { kind: 'upload'; upload: TeamsUpload }
  | { kind: 'stats' }
  | { kind: 'triage'; summary: TriageSummary }
  | { kind: 'reply'; reply: RenderableReply };

/** answers one message activity at most once, however often Teams (or a second instance) sees it */
export async function answerMessage(context: TurnContext, deps: MessageDeps): Promise<void> {
  const activity = context.activity;
  if (isFromBot(activity)) {
    logTurn(deps.logger, activity, 'ignored-bot');
    return;
  }
  const key = dedupeKey(activity);
  if (key !== undefined && !(await deps.dedupe.claim(key, TEAMS_DEDUPE_TTL_MS))) {
    logTurn(deps.logger, activity, 'duplicate');
    return;
  }
  try {
    await respond(context, deps);
  } catch (error: unknown) {
    // the turn failed before its reply went out: a redelivery must be answered
    if (key !== undefined) await deps.dedupe.release(key).catch(() => undefined);
    throw error;
  }
}

async function plan(activity: Partial<Activity>, deps: MessageDeps): Promise<Plan> {
  const upload = uploadOf(activity);
  if (upload) return { kind: 'upload', upload };
  const inbound = messageToInbound(activity);
  // "stats" is a command: in a channel only when the bot is addressed
  if (inbound.surface !== 'passive' && isStatsRequest(inbound.text)) return { kind: 'stats' };
  const reply = handleMessage(inbound, deps);
  // an unaddressed channel post gets a summary only when it would have been answered anyway
  if (reply.kind !== 'none' || inbound.surface !== 'passive') {
    const source = pasteSource(activity, inbound.text);
    const summary = await triagePaste(source.text, deps.catalog, source.encoding);
    if (summary) return { kind: 'triage', summary };
  }
  return reply.kind === 'none' ? { kind: 'none' } : { kind: 'reply', reply };
}

async function respond(context: TurnContext, deps: MessageDeps): Promise<void> {
  const activity = context.activity;
  const locale = resolveLocale(activity.locale);
  const next = await plan(activity, deps);
  if (next.kind === 'none') {
    logTurn(deps.logger, activity, 'silent');
    return;
  }

  const decision = await deps.rateLimiter.check(rateSubject(activity));
  if (decision === 'over') {
    logTurn(deps.logger, activity, 'rate-limited');
    return;
  }
  if (decision === 'first-over') {
    await sendReply(context, slowDownReply(locale));
    logTurn(deps.logger, activity, 'slowed-down');
    return;
  }

  const scope = usageScope(activity);
  switch (next.kind) {
    case 'upload': {
      const result = await triageUpload(next.upload, deps.catalog, deps.files);
      await context.sendActivity(triageResultMessage(result, locale));
      if (result.kind === 'summary') logTurn(deps.logger, activity, 'triaged-file');
      else logTurn(deps.logger, activity, 'triage-refused', { errorCode: result.code });
      return;
    }
    case 'triage':
      await context.sendActivity(triageCardMessage(next.summary, locale));
      logTurn(deps.logger, activity, 'triaged-paste');
      return;
    case 'stats':
      await sendReply(context, await stats(scope, deps, locale));
      logTurn(deps.logger, activity, 'stats');
      return;
    case 'reply': {
      // In a channel the conversation id names the thread, so this answers inside it.
      await context.sendActivity(replyMessage(next.reply));
      logTurn(deps.logger, activity, 'replied', { codes: codesOf(next.reply) });
      const codes = knownCodes(next.reply);
      if (scope !== undefined && codes.length > 0) await record(scope, codes, deps, activity);
      return;
    }
  }
}

async function stats(scope: string | undefined, deps: MessageDeps, locale: Locale): Promise<Reply> {
  const summary =
    scope === undefined
      ? { days: USAGE_WINDOW_DAYS, total: 0, top: [] }
      : await deps.usage.summary(scope);
  return statsReply(summary, deps.catalog, locale);
}

async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  if (reply.kind !== 'none') await context.sendActivity(replyMessage(reply));
}

async function record(
  scope: string,
  codes: number[],
  deps: MessageDeps,
  activity: Partial<Activity>,
): Promise<void> {
  try {
    await deps.usage.record(scope, codes);
  } catch (error: unknown) {
    // the reply is out; losing one count must not make the turn fail (and be answered twice)
    logTurn(deps.logger, activity, 'usage-failed', {
      errorCode: error instanceof Error ? error.name : 'UNKNOWN',
    });
  }
}

/** the catalog codes of an explain reply: what the stats count */
function knownCodes(reply: Reply): number[] {
  return reply.kind === 'explain' ? reply.codes.filter((c) => c.known).map((c) => c.code) : [];
}

/** codes found in a reply, for the log */
export function codesOf(reply: Reply): number[] {
  return reply.kind === 'explain' ? reply.codes.map((c) => c.code) : [];
}

/** one log record per turn: ids hashed, codes and lengths only, never text or file names */
export function logTurn(
  logger: SafeLogger,
  activity: Partial<Activity>,
  outcome: string,
  extra: { codes?: number[]; errorCode?: string; event?: string } = {},
): void {
  if (!logger.enabled('info')) return;
  const tenant = tenantOf(activity);
  logger.info({
    event: extra.event ?? 'teams.message',
    platform: 'teams',
    outcome,
    activityId: activity.id,
    scope: tenant === undefined ? undefined : hashId(tenant),
    codes: extra.codes && extra.codes.length > 0 ? extra.codes : undefined,
    errorCode: extra.errorCode,
    inputLength: typeof activity.text === 'string' ? activity.text.length : undefined,
  });
}
