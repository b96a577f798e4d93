/**
 * The bridge to the core and the renderer: Slack text in, a Reply out, Block Kit out. The core undoes
 * Slack's encoding for parsing (encoding 'slack'); the renderer escapes once for output.
 */
import { handleMessage } from '../core/handle.js';
import type { Locale, Reply, Surface } from '../core/reply.js';
import { type SlackMessage, toBlockKit } from '../render/block-kit.js';
import type { SlackDeps } from './deps.js';
import { encodeShare } from './share.js';

/** a reply that has something to show */
export type ShownReply = Exclude<Reply, { kind: 'none' }>;

/** asks the core for a reply to Slack-encoded text */
export function explain(
  deps: SlackDeps,
  text: string,
  locale: string | undefined,
  surface: Surface,
): Reply {
  return handleMessage(
    { text, locale, surface, encoding: 'slack' },
    { catalog: deps.catalog, ...(deps.orgContacts ? { orgContacts: deps.orgContacts } : {}) },
  );
}

/** the reply, or help when the core chose silence on a surface where the user expects an answer */
export function orHelp(reply: Reply, locale: Locale): ShownReply {
  return reply.kind === 'none' ? { kind: 'help', locale, reason: 'no-code' } : reply;
}

/** renders a reply; explanations get a "Share in channel" button when asked for */
export function render(reply: ShownReply, options: { share: boolean }): SlackMessage {
  if (options.share && reply.kind === 'explain') {
    return toBlockKit(reply, { share: { value: encodeShare(reply) } });
  }
  return toBlockKit(reply);
}

/** the codes of a reply, for logs */
export function codesOf(reply: Reply): number[] | undefined {
  return reply.kind === 'explain' ? reply.codes.map((found) => found.code) : undefined;
}
