/**
 * Reply → Slack Block Kit message, from the same reply model as the Adaptive Card.
 * Limits live in LIMITS (slack-text.ts) and are enforced here by truncation and by dropping the
 * least important blocks first. See https://api.slack.com/reference/block-kit/blocks
 */

import { Lru } from '../core/lru.js';
import type { KnownCode, Reply, SignInContext, UnknownCode } from '../core/reply.js';
import type { RenderableReply } from './adaptive-card.js';
import { cacheKeyOf } from './cache-key.js';
import {
  bySeverity,
  codeTitle,
  SEVERAL_EXPANDED,
  SEVERAL_ROWS,
  SEVERITY_STYLE,
  safeLookupUrl,
  translationNote,
} from './card-model.js';
import { fill, type Labels, labels } from './i18n/labels.js';
import { codeSpan, escapeWithin, LIMITS, mrkdwnText, plainWithin } from './slack-text.js';
import { noticeData, statsHeadings, statsRows } from './stats-card-data.js';

/** what chat.postMessage / respond() take */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** options for toBlockKit */
export interface BlockKitOptions {
  /** adds a "Share in channel" button (action_id share_in_channel) carrying this value */
  share?: { value: string };
}

/** the action_id of the share button */
export const SHARE_ACTION_ID = 'share_in_channel';
/** the action_id of the lookup link button (Slack still sends an interaction the app must ack) */
export const LOOKUP_ACTION_ID = 'lookup_on_microsoft';

// a block with a priority: when the message is too big, higher numbers are dropped first
type Ranked = { block: Record<string, unknown>; drop: number };

const header = (text: string): Ranked => ({
  block: { type: 'header', text: { type: 'plain_text', text: plainWithin(text, LIMITS.header) } },
  drop: 0,
});
const section = (mrkdwn: string, drop = 0, fields?: string[]): Ranked => ({
  block: {
    type: 'section',
    text: { type: 'mrkdwn', text: mrkdwn.slice(0, LIMITS.text) },
    ...(fields && fields.length > 0
      ? {
          fields: fields
            .slice(0, LIMITS.fields)
            .map((f) => ({ type: 'mrkdwn', text: f.slice(0, LIMITS.fieldText) })),
        }
      : {}),
  },
  drop,
});
const context = (elements: string[], drop: number): Ranked => ({
  block: {
    type: 'context',
    elements: elements
      .slice(0, LIMITS.contextElements)
      .map((t) => ({ type: 'mrkdwn', text: t.slice(0, LIMITS.text) })),
  },
  drop,
});

function button(text: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'button',
    text: { type: 'plain_text', text: plainWithin(text, LIMITS.buttonText) },
    ...extra,
  };
}

function actions(lookupUrl: string, l: Labels, options: BlockKitOptions): Ranked {
  const elements = [
    button(l.actions.lookUp, {
      action_id: LOOKUP_ACTION_ID,
      url: safeLookupUrl(lookupUrl).slice(0, LIMITS.url),
    }),
  ];
  const share = options.share?.value;
  // a cut value would carry a broken payload, so an oversized one drops the button instead
  if (share !== undefined && share.length > 0 && share.length <= LIMITS.buttonValue) {
    elements.push(
      button(l.actions.shareInChannel, {
        action_id: SHARE_ACTION_ID,
        value: share,
        style: 'primary',
      }),
    );
  }
  return { block: { type: 'actions', elements }, drop: 0 };
}

function contextIds(ctx: SignInContext, l: Labels): string[] {
  const pairs: [string, string | undefined][] = [
    [l.context.correlationId, ctx.correlationId],
    [l.context.requestId, ctx.requestId],
    [l.context.timestamp, ctx.timestamp],
    [l.context.traceId, ctx.traceId],
    [l.context.appId, ctx.appId],
  ];
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined && p[1].trim() !== '')
    .map(([title, value]) => `${escapeWithin(title, 40)}: ${codeSpan(value, 120)}`);
}

function severityText(code: KnownCode, l: Labels): string {
  return `${SEVERITY_STYLE[code.severity].icon} ${l.severity[code.severity]}`;
}

function who(code: KnownCode, reply: Extract<Reply, { kind: 'explain' }>, l: Labels): string {
  return code.contacts
    .map((c) => {
      const own = reply.orgContacts[c];
      const org = own
        ? [own.name, own.channel, own.url].filter((p) => p !== undefined).join(' · ')
        : '';
      return org === '' ? l.contact[c] : `${l.contact[c]} — ${org}`;
    })
    .map((t) => mrkdwnText(t, 300))
    .join('\n');
}

function explainBlocks(
  code: KnownCode,
  reply: Extract<Reply, { kind: 'explain' }>,
  l: Labels,
): Ranked[] {
  const name = code.name === undefined ? '' : ` · ${code.name}`;
  const steps = code.nextSteps.slice(0, 5).map((s, i) => `${i + 1}. ${mrkdwnText(s, 550)}`);
  const out: Ranked[] = [
    header(`${SEVERITY_STYLE[code.severity].icon} ${codeTitle(code.code)}${name}`),
    section(mrkdwnText(code.summary, 1000), 0, [
      `*${escapeWithin(l.headings.severity, 50)}*\n${severityText(code, l)}`,
      `*${escapeWithin(l.headings.whoHasToAct, 50)}*\n${who(code, reply, l) || '—'}`,
    ]),
    section(`*${escapeWithin(l.headings.nextSteps, 50)}*\n${steps.join('\n')}`),
  ];
  if (code.security !== undefined && code.security.trim() !== '') {
    out.push(
      section(
        `:lock: *${escapeWithin(l.headings.security, 50)}*\n${mrkdwnText(code.security, 1200)}`,
        1,
      ),
    );
  }
  out.push(
    context(
      [
        `*${escapeWithin(l.headings.officialDescription, 50)}:* ${mrkdwnText(code.description, 1500)}`,
      ],
      3,
    ),
  );
  return out;
}

function rowText(code: KnownCode | UnknownCode, expanded: boolean, l: Labels): string {
  const title = `*${codeTitle(code.code)}*`;
  if (!code.known) return `${title} · \u2754 ${escapeWithin(l.headings.unknownCode, 50)}`;
  const name = code.name === undefined ? '' : ` · ${mrkdwnText(code.name, 100)}`;
  const who = code.contacts.map((c) => l.contact[c]).join(', ');
  const lines = [`${title}${name}`, `${severityText(code, l)} · ${escapeWithin(who, 200)}`];
  const first = code.nextSteps[0];
  if (expanded) lines.push(mrkdwnText(code.summary, 400));
  if (expanded && first !== undefined) lines.push(`1. ${mrkdwnText(first, 400)}`);
  return lines.join('\n');
}

function severalBlocks(codes: (KnownCode | UnknownCode)[], l: Labels): Ranked[] {
  const shown = bySeverity(codes).slice(0, SEVERAL_ROWS);
  const out: Ranked[] = [
    header(`${l.headings.codesFound} (${codes.length})`),
    context([mrkdwnText(l.notes.mostSevereFirst, 200)], 2),
  ];
  shown.forEach((c, i) => {
    const row = section(rowText(c, i < SEVERAL_EXPANDED, l), i < SEVERAL_EXPANDED ? 0 : 2);
    row.block.accessory = button(l.actions.lookUp, {
      action_id: `${LOOKUP_ACTION_ID}_${i}`,
      url: safeLookupUrl(c.lookupUrl),
    });
    out.push(row);
  });
  if (codes.length > shown.length)
    out.push(context([escapeWithin(fill(l.notes.more, codes.length - shown.length), 100)], 0));
  return out;
}

function unknownBlocks(code: UnknownCode, l: Labels): Ranked[] {
  const out: Ranked[] = [
    header(`\u2754 ${codeTitle(code.code)} · ${l.headings.unknownCode}`),
    section(mrkdwnText(l.notes.unknownWhatWeKnow, 600)),
  ];
  const near = code.didYouMean;
  if (near !== undefined) {
    const name = near.name === undefined ? '' : ` · ${mrkdwnText(near.name, 100)}`;
    out.push(
      section(
        `*${escapeWithin(l.headings.didYouMean, 50)}:* *${codeTitle(near.code)}*${name}\n${mrkdwnText(near.summary, 400)}`,
      ),
    );
  }
  return out;
}

function helpBlocks(reply: Extract<Reply, { kind: 'help' }>, l: Labels): Ranked[] {
  const title = reply.reason === 'welcome' ? l.help.welcomeTitle : l.help.title;
  const intro = reply.reason === 'no-code' ? `*${escapeWithin(l.help.noCode, 200)}*\n` : '';
  return [
    header(title),
    section(`${intro}${mrkdwnText(l.help.intro, 600)}`),
    section(l.help.howTo.map((t) => `• ${mrkdwnText(t, 300)}`).join('\n')),
    section(
      `*${escapeWithin(l.headings.examples, 50)}*\n${l.help.examples.map((e) => codeSpan(e, 200)).join('\n')}`,
    ),
    context([`:lock: ${mrkdwnText(l.help.privacy, 300)}`], 0),
  ];
}

// counts and catalog words only: the stats answer never names who asked
function statsBlocks(reply: Extract<Reply, { kind: 'stats' }>, l: Labels): Ranked[] {
  const { title, total } = statsHeadings(reply);
  const rows = statsRows(reply);
  const out: Ranked[] = [header(`\u{1f4ca} ${title}`), context([mrkdwnText(total, 300)], 0)];
  if (rows.length === 0) out.push(section(`*${escapeWithin(l.stats.empty, 300)}*`));
  rows.forEach((r, i) => {
    const name = r.hasName ? ` · ${mrkdwnText(r.name, 100)}` : '';
    const severity = r.hasSeverity
      ? ` · ${r.severity.icon} ${escapeWithin(r.severity.label, 30)}`
      : '';
    const lines = [
      `*${r.title}*${name}`,
      `${escapeWithin(l.stats.count, 30)}: *${r.count}*${severity}`,
    ];
    if (r.hasSummary) lines.push(mrkdwnText(r.summary, 300));
    // rows past the first five go first when the message is too big
    out.push(section(lines.join('\n'), i < 5 ? 0 : 2));
  });
  out.push(context([`:lock: ${mrkdwnText(l.stats.privacy, 300)}`], 1));
  return out;
}

/** drops the least important blocks until the message fits LIMITS */
function fitToLimits(ranked: Ranked[], text: string): unknown[] {
  let kept = ranked.slice(0, LIMITS.blocks);
  // JSON.stringify(blocks).length, summed block by block: "[" + blocks joined by "," + "]"
  const lengths = new Map(kept.map((r) => [r, jsonOf(r.block).length]));
  const size = (): number =>
    kept.reduce((sum, r) => sum + (lengths.get(r) ?? 0), 0) +
    Math.max(0, kept.length - 1) +
    2 +
    text.length;
  for (let level = 3; level > 0 && size() > LIMITS.message; level--) {
    kept = kept.filter((r) => r.drop < level);
  }
  return kept.map((r) => r.block);
}

// the JSON of blocks kept in the cache below (frozen, so it cannot go stale)
const FROZEN_JSON = new WeakMap<object, string>();

function jsonOf(block: object): string {
  return FROZEN_JSON.get(block) ?? JSON.stringify(block);
}

/**
 * The message's blocks as JSON text, as chat.postMessage takes them: exactly
 * JSON.stringify(message.blocks), with the blocks shared by cached replies written once.
 */
export function blocksJson(message: SlackMessage): string {
  // an element JSON cannot write (undefined) is written as null, as JSON.stringify does in arrays
  const parts = message.blocks.map((block) =>
    isObject(block) ? jsonOf(block) : (JSON.stringify(block) ?? 'null'),
  );
  return `[${parts.join(',')}]`;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

function freeze<T>(value: T): T {
  if (isObject(value) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) freeze(child);
    Object.freeze(value);
  }
  return value;
}

/** what the codes, the locale and the organization's contacts decide: kept per such key */
interface ExplainParts {
  /** the blocks for the codes, frozen */
  main: Ranked[];
  /** the lookup button row without a share button, frozen */
  actions: Ranked;
  /** the translation note in mrkdwn, when the first code has one */
  note: string | undefined;
  /** the fallback text without and with the pasted-secret marker, made on first use */
  text: Partial<Record<'plain' | 'warned', string>>;
}

/** how many explanations' blocks are kept */
export const BLOCK_CACHE_SIZE = 256;
const partsCache = new Lru<string, ExplainParts>(BLOCK_CACHE_SIZE);

function explainParts(reply: ExplainReply, l: Labels): ExplainParts {
  const [only] = reply.codes;
  const main =
    reply.codes.length === 1 && only !== undefined
      ? only.known
        ? explainBlocks(only, reply, l)
        : unknownBlocks(only, l)
      : severalBlocks(reply.codes, l);
  const first = reply.codes[0];
  const note = first?.known ? translationNote(first, reply.locale) : undefined;
  return {
    main,
    actions: actions(first?.lookupUrl ?? '', l, {}),
    note: note === undefined ? undefined : mrkdwnText(note, 200),
    text: {},
  };
}

/** the parts for this reply's codes, locale and contacts, from the cache when seen before */
function cachedParts(reply: ExplainReply, l: Labels): ExplainParts {
  const key = cacheKeyOf([reply.locale, reply.codes, reply.orgContacts]);
  if (key === undefined) return explainParts(reply, l);
  const hit = partsCache.lookup(key);
  if (hit !== undefined) return hit.value;
  const parts = explainParts(reply, l);
  for (const r of [...parts.main, parts.actions]) {
    freeze(r.block);
    FROZEN_JSON.set(r.block, JSON.stringify(r.block));
  }
  partsCache.set(key, parts);
  return parts;
}

/** how many explanations' blocks are cached (for tests) */
export function cachedBlockParts(): number {
  return partsCache.size;
}

/** everything the block cache holds, as JSON (for tests: it must never contain pasted text) */
export function cachedBlockContent(): string {
  return JSON.stringify([...partsCache.entries()]);
}

type ExplainReply = Extract<Reply, { kind: 'explain' }>;

/**
 * An explanation's message: the blocks the codes decide come from the cache (see cachedParts);
 * the secret warnings, the pasted ids, the notes and a share button are made for this message.
 */
function explainMessage(
  reply: ExplainReply,
  l: Labels,
  options: BlockKitOptions,
  parts: ExplainParts,
): SlackMessage {
  const secrets = new Set(reply.secrets);
  const blocks: Ranked[] = [];
  if (secrets.has('jwt'))
    blocks.push(section(`:warning: *${mrkdwnText(l.notes.secretToken, 600)}*`));
  if (secrets.has('client-secret'))
    blocks.push(section(`:warning: *${mrkdwnText(l.notes.secretClientSecret, 600)}*`));
  blocks.push(...parts.main);
  const ids = contextIds(reply.context, l);
  blocks.push(context(ids.length > 0 ? ids : [mrkdwnText(l.notes.noContextIds, 300)], 1));
  const notes: string[] = [];
  if (parts.note !== undefined) notes.push(parts.note);
  if (reply.truncated) notes.push(mrkdwnText(l.notes.truncated, 200));
  if (notes.length > 0) blocks.push(context(notes, 2));
  blocks.push(
    options.share === undefined
      ? parts.actions
      : actions(reply.codes[0]?.lookupUrl ?? '', l, options),
  );
  const variant = reply.secrets.length > 0 ? 'warned' : 'plain';
  let text = parts.text[variant];
  if (text === undefined) {
    text = fallbackText(reply, l);
    parts.text[variant] = text;
  }
  return { text, blocks: fitToLimits(blocks, text) };
}

/**
 * The Block Kit message for a reply. An explanation's blocks for its codes are built once per
 * (codes, locale, organization contacts) and shared, frozen, by later messages: treat the blocks
 * as read-only.
 */
export function toBlockKit(reply: RenderableReply, options: BlockKitOptions = {}): SlackMessage {
  const l = labels(reply.locale);
  if (reply.kind === 'help') {
    const text = escapeWithin(
      reply.reason === 'no-code' ? l.help.noCode : l.help.intro,
      LIMITS.fallbackText,
    );
    return { text, blocks: fitToLimits(helpBlocks(reply, l), text) };
  }
  if (reply.kind === 'notice') {
    const notice = noticeData(reply);
    const text = escapeWithin(notice.text, LIMITS.fallbackText);
    const blocks = [
      section(`:hourglass: *${mrkdwnText(notice.title, 150)}*\n${mrkdwnText(notice.text, 600)}`),
    ];
    return { text, blocks: fitToLimits(blocks, text) };
  }
  if (reply.kind === 'stats') {
    const { title } = statsHeadings(reply);
    const top = statsRows(reply)
      .slice(0, 5)
      .map((r) => `${r.title} \u00d7${r.count}`)
      .join(', ');
    const text = mrkdwnText(top === '' ? `${title}: ${l.stats.empty}` : `${title}: ${top}`, 600);
    return { text, blocks: fitToLimits(statsBlocks(reply, l), text) };
  }
  return explainMessage(reply, l, options, cachedParts(reply, l));
}

/**
 * The Block Kit message for a reply, every block built for this call. toBlockKit gives the same
 * message; this is the reference it is tested against.
 */
export function toBlockKitUncached(
  reply: RenderableReply,
  options: BlockKitOptions = {},
): SlackMessage {
  if (reply.kind !== 'explain') return toBlockKit(reply, options);
  const l = labels(reply.locale);
  return explainMessage(reply, l, options, explainParts(reply, l));
}

/** the notification and screen-reader text: codes and the first summary, no pasted fragments */
function fallbackText(reply: Extract<Reply, { kind: 'explain' }>, l: Labels): string {
  const warn = reply.secrets.length > 0 ? '\u26a0\ufe0f ' : '';
  const first = reply.codes[0];
  const codes = reply.codes
    .slice(0, 10)
    .map((c) => codeTitle(c.code))
    .join(', ');
  const summary = first?.known ? `: ${first.summary}` : first ? `: ${l.headings.unknownCode}` : '';
  return mrkdwnText(`${warn}${codes}${reply.codes.length === 1 ? summary : ''}`, 600);
}
