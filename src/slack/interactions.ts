/**
 * Interactions answered through response_url: the /aadsts slash command, the "Explain this error"
 * message shortcut and the "Share in channel" button. Each acks at once (Slack waits 3 s at most),
 * then answers ephemerally; the button posts the same answer in the channel.
 * https://docs.slack.dev/interactivity/implementing-slash-commands
 */
import type { App } from '@slack/bolt';
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import type { Reply } from '../core/reply.js';
import { hashId, type LogFields } from '../log/logger.js';
import { codesOf, explain, orHelp, render, type ShownReply } from './answer.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
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

/** registers the slash command, the message shortcut and the share button */
export function registerInteractions(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack();
    const started = deps.now();
    const text = command.text ?? '';
    const fields: LogFields = {
      event: 'slack.command',
      platform: 'slack',
      scope: hashId(command.channel_id),
      inputLength: text.length,
    };
    const tag = await deps.locale(command.user_id);
    // a bare "/aadsts" asks how to use it: the same help as "/aadsts help"
    const reply: ShownReply =
      text.trim() === ''
        ? { kind: 'help', locale: resolveLocale(tag), reason: 'asked' }
        : orHelp(explain(deps, text, tag, 'command'), resolveLocale(tag));
    const message = render(reply, { share: true });
    await deliver(deps, fields, started, reply, () =>
      postToResponseUrl(
        command.response_url,
        { response_type: 'ephemeral', ...message },
        deps.tuning,
      ),
    );
  });

  app.shortcut(
    { callback_id: SHORTCUT_CALLBACK_ID, type: 'message_action' },
    async ({ shortcut, ack }) => {
      await ack();
      const started = deps.now();
      const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
      const fields: LogFields = {
        event: 'slack.shortcut',
        platform: 'slack',
        scope: hashId(shortcut.channel.id),
        inputLength: text.length,
      };
      const tag = await deps.locale(shortcut.user.id);
      const reply = orHelp(explain(deps, text, tag, 'message-action'), resolveLocale(tag));
      const message = render(reply, { share: true });
      await deliver(deps, fields, started, reply, () =>
        postToResponseUrl(
          shortcut.response_url,
          { response_type: 'ephemeral', ...message },
          deps.tuning,
        ),
      );
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
