/**
 * Uploaded sign-in log exports: a CSV or JSON file shared in a channel or DM where the bot is gets
 * one triage summary in the file's thread. files.info gives the name, size, download URL and where
 * the file was shared; the download carries the bot token and goes only to Slack's file host. The
 * file streams into the triage and is never stored; its name and content never reach a log.
 * https://docs.slack.dev/reference/events/file_shared
 * https://docs.slack.dev/reference/methods/files.info
 */
import type { App } from '@slack/bolt';
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import type { Locale } from '../core/reply.js';
import { type ChatTriageResult, checkUpload, triageDownload } from '../core/triage/chat.js';
import type { TriageErrorCode } from '../core/triage/errors.js';
import { hashId } from '../log/logger.js';
import { blocksJson, type SlackMessage } from '../render/block-kit.js';
import { escapeSlack } from '../render/slack-text.js';
import { toTriageBlockKit } from '../render/triage-block-kit.js';
import { triageErrorText } from '../render/triage-text.js';
import { triageCodes } from './compose.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { teamOf } from './events.js';
import { checkRate, recordUsage, type SlackSubject, slowDownMessage } from './guard.js';
import { postMessage, withRateLimit } from './web-client.js';

// a file that is simply not an export is none of the bot's business in a shared channel
const QUIET_IN_CHANNELS = new Set<TriageErrorCode>([
  'UNSUPPORTED_FILE',
  'UNKNOWN_FORMAT',
  'NO_SIGNIN_COLUMNS',
]);

interface FileShare {
  ts?: string;
  thread_ts?: string;
}

interface FileInfo {
  user?: string;
  name?: string;
  size?: number;
  url_private_download?: string;
  ims?: string[];
  shares?: { public?: Record<string, FileShare[]>; private?: Record<string, FileShare[]> };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** where to answer: the thread the file was shared in, or (in a channel) a thread on its message */
export function replyThread(file: FileInfo, channel: string, direct: boolean): string | undefined {
  const share = file.shares?.public?.[channel]?.[0] ?? file.shares?.private?.[channel]?.[0];
  if (!share) return undefined;
  // in a direct message the bot answers in the conversation, as it does for text
  return share.thread_ts ?? (direct ? undefined : share.ts);
}

/** the message for a triage that could not run, or undefined where silence is better */
export function errorMessage(
  code: TriageErrorCode,
  limitBytes: number | undefined,
  locale: Locale,
  direct: boolean,
): SlackMessage | undefined {
  if (!direct && QUIET_IN_CHANNELS.has(code)) return undefined;
  const text = escapeSlack(triageErrorText(code, locale, limitBytes));
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

interface SharedFile {
  eventId: string;
  fileId: string;
  channel: string;
  subject: SlackSubject;
  botUserId: string | undefined;
}

/** summarizes one shared file at most once per channel; a failed post gives the claim back */
export async function answerFile(deps: SlackDeps, shared: SharedFile): Promise<void> {
  const started = deps.now();
  const base = {
    event: 'slack.file',
    platform: 'slack' as const,
    activityId: shared.eventId,
    scope: hashId(shared.channel),
  };
  const key = `slack:file:${shared.fileId}:${shared.channel}`;
  if (!(await deps.dedupe.claim(key, deps.tuning.dedupeTtlMs))) {
    deps.logger.info({ ...base, outcome: 'duplicate' });
    return;
  }
  try {
    const info = await withRateLimit(
      () => deps.client.files.info({ file: shared.fileId }),
      deps.tuning,
    );
    const file = (info.file ?? {}) as FileInfo;
    if (shared.botUserId !== undefined && file.user === shared.botUserId) {
      deps.logger.info({ ...base, outcome: 'own-upload' });
      return;
    }
    const direct = shared.channel.startsWith('D') || (file.ims ?? []).includes(shared.channel);
    const locale = resolveLocale(await deps.locale(shared.subject.user));
    let result: ChatTriageResult | undefined = checkUpload({
      ...(file.name !== undefined ? { name: file.name } : {}),
      ...(file.size !== undefined ? { size: file.size } : {}),
    });
    if (result?.kind === 'error' && !errorMessage(result.code, undefined, locale, direct)) {
      deps.logger.info({ ...base, outcome: 'ignored', errorCode: result.code });
      return;
    }
    // the download is the costly part, so the limit is checked before it
    const decision = await checkRate(deps, shared.subject);
    if (decision === 'over') {
      deps.logger.info({ ...base, outcome: 'rate-limited', ms: deps.now() - started });
      return;
    }
    let message: SlackMessage | undefined;
    let codes: number[] = [];
    if (decision === 'first-over') {
      message = slowDownMessage(locale);
    } else {
      if (!result) {
        result = file.url_private_download
          ? await triageDownload(file.url_private_download, {
              catalog: deps.catalog,
              allowedHosts: deps.files.allowedHosts,
              headers: { authorization: `Bearer ${deps.botToken}` },
              ...(deps.files.fetch ? { fetch: deps.files.fetch } : {}),
            })
          : { kind: 'error', code: 'DOWNLOAD_FAILED' };
      }
      if (result.kind === 'summary') {
        message = toTriageBlockKit(result.summary, locale);
        codes = triageCodes(result.summary);
      } else {
        message = errorMessage(result.code, result.limitBytes, locale, direct);
        if (!message) {
          deps.logger.info({ ...base, outcome: 'ignored', errorCode: result.code });
          return;
        }
      }
    }
    const threadTs = replyThread(file, shared.channel, direct);
    const toSend = message;
    await postMessage(
      deps.poster,
      {
        channel: shared.channel,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: toSend.text,
        blocks: blocksJson(toSend),
        unfurl_links: false,
        unfurl_media: false,
      },
      deps.tuning,
      { reader: deps.client },
    );
    await recordUsage(deps, shared.subject, codes);
    const outcome =
      decision === 'first-over'
        ? 'slow-down'
        : result?.kind === 'error'
          ? 'triage-error'
          : 'triaged';
    deps.logger.info({
      ...base,
      outcome,
      codes,
      ...(result?.kind === 'error' ? { errorCode: result.code } : {}),
      ms: deps.now() - started,
    });
  } catch (error: unknown) {
    await deps.dedupe.release(key);
    deps.logger.error({
      ...base,
      outcome: 'failed',
      errorCode: errorCodeOf(error),
      ms: deps.now() - started,
    });
  }
}

/** registers the file_shared listener */
export function registerFiles(app: App, deps: SlackDeps): void {
  app.event('file_shared', async ({ event, body, context }) => {
    const raw = event as { file_id?: unknown; channel_id?: unknown; user_id?: unknown };
    const fileId = str(raw.file_id);
    const channel = str(raw.channel_id);
    const user = str(raw.user_id);
    if (!fileId || !channel) return;
    // the bot's own uploads are not something to summarize
    if (user !== undefined && user === context.botUserId) return;
    await answerFile(deps, {
      eventId: str((body as { event_id?: unknown }).event_id) ?? `${channel}:${fileId}`,
      fileId,
      channel,
      subject: { team: teamOf(body, context.teamId), user, channel },
      botUserId: context.botUserId,
    });
  });
}
