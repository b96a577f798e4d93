/**
 * Chooses what a Slack message gets: usage stats when asked for, one triage summary for a pasted
 * block of sign-in rows, else the per-code answer. Nothing is posted here; the caller applies the
 * rate limit and delivers.
 */
import { resolveLocale } from '../core/i18n/resolve-locale.js';
import type { Locale, Reply, Surface } from '../core/reply.js';
import { isStatsRequest, statsReply } from '../core/stats.js';
import { triagePaste } from '../core/triage/chat.js';
import type { TriageSummary } from '../core/triage/types.js';
import type { SlackMessage } from '../render/block-kit.js';
import { toTriageBlockKit } from '../render/triage-block-kit.js';
import { explain, orHelp, render, type ShownReply } from './answer.js';
import type { SlackDeps } from './deps.js';
import { type SlackSubject, usageScope } from './guard.js';

/** a message ready to send, with the catalog codes it explains (for usage counts and logs) */
export interface Composed {
  kind: 'explain' | 'help' | 'stats' | 'notice' | 'triage';
  locale: Locale;
  message: SlackMessage;
  /** catalog codes explained; unknown codes and stats are not counted */
  codes: number[];
}

/** the catalog codes an explanation covers */
export function knownCodes(reply: Reply): number[] {
  return reply.kind === 'explain'
    ? reply.codes.filter((found) => found.known).map((found) => found.code)
    : [];
}

/** the catalog codes a triage summary reports */
export function triageCodes(summary: TriageSummary): number[] {
  return summary.codes.filter((c) => c.known).map((c) => c.code);
}

/** the composed form of a reply */
export function fromReply(reply: ShownReply, locale: Locale, share: boolean): Composed {
  return { kind: reply.kind, locale, message: render(reply, { share }), codes: knownCodes(reply) };
}

/**
 * What `text` (Slack-encoded, the bot's mention already removed) gets on `surface`, or undefined
 * for silence. Surfaces where the user asked the bot directly get help instead of silence.
 */
export async function compose(
  deps: SlackDeps,
  input: { text: string; localeTag: string | undefined; surface: Surface; subject: SlackSubject },
  options: { share: boolean },
): Promise<Composed | undefined> {
  const locale = resolveLocale(input.localeTag);
  // "stats" is a request only when typed to the bot: not chatter in a watched channel, and not a
  // message someone else wrote that the shortcut was used on
  const asked = input.surface !== 'passive' && input.surface !== 'message-action';
  if (asked && isStatsRequest(input.text)) {
    const summary = await deps.usage.summary(usageScope(input.subject), {
      now: new Date(deps.now()),
    });
    const reply = statsReply(summary, deps.catalog, locale);
    return reply.kind === 'none' ? undefined : fromReply(reply, locale, false);
  }
  const summary = await triagePaste(input.text, deps.catalog, 'slack');
  if (summary) {
    return {
      kind: 'triage',
      locale,
      message: toTriageBlockKit(summary, locale),
      codes: triageCodes(summary),
    };
  }
  const reply = explain(deps, input.text, input.localeTag, input.surface);
  if (input.surface === 'command' || input.surface === 'message-action') {
    return fromReply(orHelp(reply, locale), locale, options.share);
  }
  return reply.kind === 'none' ? undefined : fromReply(reply, locale, options.share);
}
