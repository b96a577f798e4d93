/**
 * Slack text rules and limits. Slack parses `<…>` in mrkdwn as links and mentions (`<!channel>`,
 * `<@U…>`), so `&`, `<` and `>` are escaped exactly once; echoed fragments go into code spans.
 * See https://api.slack.com/reference/surfaces/formatting#escaping and
 * https://api.slack.com/reference/block-kit/blocks
 */
import { oneLine } from './safe-text.js';

/** Block Kit limits (documented maxima; `message` is our own budget, well under Slack's ~13,000) */
export const LIMITS = {
  blocks: 50,
  text: 3000,
  header: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionElements: 25,
  fallbackText: 3000,
  message: 11_000,
} as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** escapes `&`, `<`, `>` once; the input is raw text, never already-escaped text */
export function escapeSlack(raw: string): string {
  return raw.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/** escapes and cuts so the escaped result is at most `max` characters, never splitting an entity */
export function escapeWithin(raw: string, max: number): string {
  let out = '';
  // where to cut if the rest does not fit: the last piece boundary that leaves room for "…"
  let cut = 0;
  for (const ch of raw) {
    const piece = ESCAPES[ch] ?? ch;
    if (out.length + piece.length > max) return `${out.slice(0, cut)}…`;
    out += piece;
    if (out.length <= max - 1) cut = out.length;
  }
  return out;
}

/** plain text cut to `max` characters (plain_text objects need no escaping) */
export function plainWithin(raw: string, max: number): string {
  const flat = oneLine(raw, max);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const MRKDWN_LOOK_ALIKE: Record<string, string> = {
  '`': '\u02cb',
  '*': '\u2217',
  '~': '\u223c',
};

/** one line of our own text for mrkdwn: formatting characters swapped for look-alikes, then escaped */
export function mrkdwnText(raw: string, max: number): string {
  const flat = oneLine(raw, max)
    .replace(/[`*~]/g, (c) => MRKDWN_LOOK_ALIKE[c] ?? c)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\uff3f');
  return escapeWithin(flat, max);
}

/** a fragment from a paste as an inline code span: nothing inside can format, link or ping */
export function codeSpan(raw: string, max: number): string {
  const flat = oneLine(raw, max).replaceAll('`', '\u02cb');
  return `\`${escapeWithin(flat === '' ? ' ' : flat, max)}\``;
}
