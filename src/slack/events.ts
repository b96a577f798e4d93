/**
 * Events API: @mentions and direct messages get a reply; messages in channels the bot was invited to
 * get a thread reply only when they contain a code. Each user message is answered once, although
 * Slack retries deliveries and sends an @mention twice (as `message` and `app_mention`, same ts).
 * https://docs.slack.dev/apis/events-api/#retries
 */
import type { App } from '@slack/bolt';
import type { Surface } from '../core/reply.js';
import { hashId, type LogFields } from '../log/logger.js';
import { blocksJson } from '../render/block-kit.js';
import { compose } from './compose.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { checkRate, recordUsage, type SlackSubject, slowDownMessage } from './guard.js';
import { mentionsUser, stripBotMention } from './text.js';
import { postMessage } from './web-client.js';

/** a user message reduced to what the reply needs */
export interface UserMessage {
  eventId: string;
  /** the workspace id from the event envelope */
  team: string | undefined;
  channel: string;
  ts: string;
  /** reply in this thread; undefined replies in the conversation itself */
  threadTs: string | undefined;
  user: string | undefined;
  text: string;
  surface: Surface;
  botUserId: string | undefined;
  retryNum: number | undefined;
}

// message subtypes that are a person writing; edits, joins, deletions and bot posts are not
const USER_SUBTYPES = new Set<string | undefined>([undefined, 'file_share', 'thread_broadcast']);

interface RawEvent {
  type?: unknown;
  subtype?: unknown;
  bot_id?: unknown;
  channel?: unknown;
  channel_type?: unknown;
  ts?: unknown;
  thread_ts?: unknown;
  user?: unknown;
  text?: unknown;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** the workspace of an event: the envelope's team_id, else the one Bolt authorized */
export function teamOf(body: unknown, fallback: string | undefined): string | undefined {
  return str((body as { team_id?: unknown }).team_id) ?? fallback;
}

/** one record per outcome of a message; nothing is built (or hashed) for a level that is off */
function logMessage(
  deps: SlackDeps,
  message: UserMessage,
  level: 'info' | 'error',
  fields: Omit<LogFields, 'event'>,
): void {
  if (!deps.logger.enabled(level)) return;
  deps.logger.log(level, {
    event: 'slack.message',
    platform: 'slack',
    activityId: message.eventId,
    scope: hashId(message.channel),
    inputLength: message.text.length,
    ...fields,
  });
}

/** answers one user message at most once; a failed answer gives its claims back for a retry */
export async function answerMessage(deps: SlackDeps, message: UserMessage): Promise<void> {
  const started = deps.now();
  const keys = [`slack:event:${message.eventId}`, `slack:message:${message.channel}:${message.ts}`];
  const claimed: string[] = [];
  for (const key of keys) {
    if (!(await deps.dedupe.claim(key, deps.tuning.dedupeTtlMs))) {
      logMessage(deps, message, 'info', {
        outcome: 'duplicate',
        attempts: (message.retryNum ?? 0) + 1,
      });
      return;
    }
    claimed.push(key);
  }
  try {
    const subject: SlackSubject = {
      team: message.team,
      user: message.user,
      channel: message.channel,
    };
    const composed = await compose(
      deps,
      {
        text: stripBotMention(message.text, message.botUserId),
        localeTag: await deps.locale(message.user),
        surface: message.surface,
        subject,
      },
      { share: false },
    );
    if (!composed) {
      logMessage(deps, message, 'info', { outcome: 'silent', ms: deps.now() - started });
      return;
    }
    // counted only when there is something to say, so chatter in a watched channel costs nothing
    const decision = await checkRate(deps, subject);
    if (decision === 'over') {
      logMessage(deps, message, 'info', { outcome: 'rate-limited', ms: deps.now() - started });
      return;
    }
    const rendered =
      decision === 'first-over' ? slowDownMessage(composed.locale) : composed.message;
    await postMessage(
      deps.poster,
      {
        channel: message.channel,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        text: rendered.text,
        // the renderer builds Block Kit within Slack's limits; sent as the JSON text the client
        // would make of the array (the Web API takes blocks as a JSON string in a form body),
        // with the blocks shared by cached replies written once instead of for every message
        blocks: blocksJson(rendered),
        // echoed text must never unfurl into a preview
        unfurl_links: false,
        unfurl_media: false,
      },
      deps.tuning,
      { reader: deps.client },
    );
    if (decision === 'first-over') {
      logMessage(deps, message, 'info', { outcome: 'slow-down', ms: deps.now() - started });
      return;
    }
    await recordUsage(deps, subject, composed.codes);
    logMessage(deps, message, 'info', {
      outcome: composed.kind === 'triage' ? 'triaged' : 'replied',
      codes: composed.codes,
      ms: deps.now() - started,
    });
  } catch (error: unknown) {
    // give the claims back: Slack's next retry of this message must still be answered
    for (const key of claimed) await deps.dedupe.release(key);
    logMessage(deps, message, 'error', {
      outcome: 'failed',
      errorCode: errorCodeOf(error),
      ms: deps.now() - started,
    });
  }
}

/** registers app_mention and message listeners */
export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, context }) => {
    const raw = event as RawEvent;
    const channel = str(raw.channel);
    const ts = str(raw.ts);
    if (raw.bot_id !== undefined || !channel || !ts) return;
    await answerMessage(deps, {
      eventId: str((body as { event_id?: unknown }).event_id) ?? `${channel}:${ts}`,
      team: teamOf(body, context.teamId),
      channel,
      ts,
      threadTs: str(raw.thread_ts) ?? ts,
      user: str(raw.user),
      text: str(raw.text) ?? '',
      surface: 'mention',
      botUserId: context.botUserId,
      retryNum: context.retryNum,
    });
  });

  app.event('message', async ({ event, body, context }) => {
    const raw = event as RawEvent;
    const subtype = str(raw.subtype);
    const channel = str(raw.channel);
    const ts = str(raw.ts);
    if (!USER_SUBTYPES.has(subtype) || raw.bot_id !== undefined || !channel || !ts) return;
    const text = str(raw.text) ?? '';
    // an upload without words is answered through file_shared, not with help for an empty message
    if (subtype === 'file_share' && text.trim() === '') return;
    const channelType = str(raw.channel_type);
    let surface: Surface;
    let threadTs: string | undefined;
    if (channelType === 'im') {
      surface = 'direct';
      threadTs = str(raw.thread_ts);
    } else if (channelType === 'channel' || channelType === 'group') {
      // an @mention is answered through app_mention, which Slack also sends for this message;
      // while the bot's own id is unknown, any mention is left to app_mention
      if (context.botUserId ? mentionsUser(text, context.botUserId) : text.includes('<@')) return;
      surface = 'passive';
      threadTs = str(raw.thread_ts) ?? ts;
    } else {
      return;
    }
    await answerMessage(deps, {
      eventId: str((body as { event_id?: unknown }).event_id) ?? `${channel}:${ts}`,
      team: teamOf(body, context.teamId),
      channel,
      ts,
      threadTs,
      user: str(raw.user),
      text,
      surface,
      botUserId: context.botUserId,
      retryNum: context.retryNum,
    });
  });
}
