/**
 * Interactions answered through response_url: the /aadsts slash command, the "Explain this error"
 * message shortcut and the "Share in channel" button. Each acks at once (Slack waits 3 s at most),
 * then answers ephemerally; the button posts the same answer in the channel.
 * https://docs.slack.dev/interactivity/implementing-slash-commands
 */
import type { App } from '@slack/bolt';
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import type { Reply, Surface } from '../core/reply.js';
import { hashId, type LogFields } from '../log/logger.js';
import { codesOf, explain, render } from './answer.js';
import { type Composed, compose, fromReply } from './compose.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { checkRate, recordUsage, type SlackSubject, slowDownMessage } from './guard.js';
import { COMMAND, LOOKUP_ACTION_ID, SHARE_ACTION_ID, SHORTCUT_CALLBACK_ID } from './names.js';
import { postToResponseUrl } from './response-url.js';
import { decodeShare, shareText } from './share.js';

async function deliver(
  deps: SlackDeps,
  fields: LogFields,
  started: number,
  reply: Reply,
  send: () => Promise<number>,
): Promise<boolean> {
  try {
    const attempts = await send();
    deps.logger.info({
      ...fields,
      outcome: 'replied',
      codes: codesOf(reply),
      attempts,
      ms: deps.now() - started,
    });
    return true;
  } catch (error: unknown) {
    deps.logger.error({
      ...fields,
      outcome: 'failed',
      errorCode: errorCodeOf(error),
      ms: deps.now() - started,
    });
    return false;
  }
}

/** a command or shortcut: answered once, ephemerally, through its response_url */
interface PrivateRequest {
  fields: LogFields;
  text: string;
  surface: Extract<Surface, 'command' | 'message-action'>;
  subject: SlackSubject;
  responseUrl: string;
}

/** composes, applies the rate limit, answers ephemerally and counts the codes */
async function answerPrivately(deps: SlackDeps, request: PrivateRequest): Promise<void> {
  const started = deps.now();
  const { fields, subject } = request;
  let composed: Composed | undefined;
  try {
    const tag = await deps.locale(subject.user);
    // a bare "/aadsts" asks how to use it: the same help as "/aadsts help"
    composed =
      request.text.trim() === ''
        ? fromReply(
            { kind: 'help', locale: resolveLocale(tag), reason: 'asked' },
            resolveLocale(tag),
            false,
          )
        : await compose(
            deps,
            { text: request.text, localeTag: tag, surface: request.surface, subject },
            { share: true },
          );
  } catch (error: unknown) {
    deps.logger.error({ ...fields, outcome: 'failed', errorCode: errorCodeOf(error) });
    return;
  }
  if (!composed) return;
  const decision = await checkRate(deps, subject);
  if (decision === 'over') {
    deps.logger.info({ ...fields, outcome: 'rate-limited', ms: deps.now() - started });
    return;
  }
  const slowed = decision === 'first-over';
  const message = slowed ? slowDownMessage(composed.locale) : composed.message;
  try {
    const attempts = await postToResponseUrl(
      request.responseUrl,
      { response_type: 'ephemeral', ...message },
      deps.tuning,
    );
    if (!slowed) await recordUsage(deps, subject, composed.codes);
    deps.logger.info({
      ...fields,
      outcome: slowed ? 'slow-down' : composed.kind === 'triage' ? 'triaged' : 'replied',
      codes: slowed ? undefined : composed.codes,
      attempts,
      ms: deps.now() - started,
    });
  } catch (error: unknown) {
    deps.logger.error({
      ...fields,
      outcome: 'failed',
      errorCode: errorCodeOf(error),
      ms: deps.now() - started,
    });
  }
}

/** registers the slash command, the message shortcut and the share button */
export function registerInteractions(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack();
    const text = command.text ?? '';
    await answerPrivately(deps, {
      fields: {
        event: 'slack.command',
        platform: 'slack',
        scope: hashId(command.channel_id),
        inputLength: text.length,
      },
      text,
      surface: 'command',
      subject: { team: command.team_id, user: command.user_id, channel: command.channel_id },
      responseUrl: command.response_url,
    });
  });

  app.shortcut(
    { callback_id: SHORTCUT_CALLBACK_ID, type: 'message_action' },
    async ({ shortcut, ack }) => {
      await ack();
      const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
      await answerPrivately(deps, {
        fields: {
          event: 'slack.shortcut',
          platform: 'slack',
          scope: hashId(shortcut.channel.id),
          inputLength: text.length,
        },
        text,
        surface: 'message-action',
        subject: { team: shortcut.team?.id, user: shortcut.user.id, channel: shortcut.channel.id },
        responseUrl: shortcut.response_url,
      });
    },
  );

  // a link button still sends an interaction; without an ack Slack shows the user a warning
  app.action({ action_id: LOOKUP_ACTION_ID, type: 'block_actions' }, async ({ ack }) => {
    await ack();
  });

  app.action(
    { action_id: SHARE_ACTION_ID, type: 'block_actions' },
    async ({ action, body, ack }) => {
      await ack();
      const started = deps.now();
      const value = action.type === 'button' ? action.value : undefined;
      const channel = body.channel?.id ?? body.container?.channel_id ?? '';
      const fields: LogFields = {
        event: 'slack.share',
        platform: 'slack',
        scope: hashId(String(channel)),
      };
      const payload = decodeShare(value);
      const responseUrl = body.response_url;
      if (!payload || !responseUrl) {
        deps.logger.warn({ ...fields, outcome: 'ignored', errorCode: 'SHARE_VALUE_INVALID' });
        return;
      }
      // a double click must not post twice
      const messageTs = String(body.container?.message_ts ?? '');
      const key = `slack:share:${channel}:${messageTs}:${body.user.id}:${hashId(value ?? '')}`;
      if (!(await deps.dedupe.claim(key, deps.tuning.dedupeTtlMs))) {
        deps.logger.info({ ...fields, outcome: 'duplicate' });
        return;
      }
      const rebuilt = explain(deps, shareText(payload), payload.l, 'command');
      // the same answer: the codes come back through the core, the sign-in IDs from the button
      const reply: Reply =
        rebuilt.kind === 'explain' && payload.x ? { ...rebuilt, context: payload.x } : rebuilt;
      if (reply.kind === 'none') return;
      const message = render(reply, { share: false });
      const shared = await deliver(deps, fields, started, reply, async () => {
        try {
          return await postToResponseUrl(
            responseUrl,
            { response_type: 'in_channel', replace_original: false, ...message },
            deps.tuning,
          );
        } catch (error: unknown) {
          await deps.dedupe.release(key);
          throw error;
        }
      });
      if (!shared) return;
      // the private copy has served its purpose; removing it is a courtesy, so a failure is only logged
      try {
        await postToResponseUrl(responseUrl, { text: '', delete_original: true }, deps.tuning);
      } catch (error: unknown) {
        deps.logger.warn({ ...fields, outcome: 'delete-failed', errorCode: errorCodeOf(error) });
      }
    },
  );
}
