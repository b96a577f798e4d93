/**
 * Reply → Adaptive Card 1.5 (the highest version Teams renders). Templates are constant JSON files in
 * cards/; data enters only through `Template.expand({ $root })`, never by string concatenation.
 * See https://learn.microsoft.com/adaptive-cards/templating/
 */
import { readFileSync } from 'node:fs';
import { projectFile } from '../core/assets.js';
import type { KnownCode, Reply } from '../core/reply.js';
import { cacheKeyOf } from './cache-key.js';
import { helpData, severalData, unknownData } from './card-data.js';
import {
  type CardLabels,
  type CommonData,
  cardLabels,
  codeTitle,
  explanationData,
  PASTED_TEXT_FIELDS,
  type PasteData,
  pasteData,
  translationNote,
} from './card-model.js';
import { labels } from './i18n/labels.js';
import { oneLine } from './safe-text.js';
import { noticeData, statsData, statsHeadings, statsRows } from './stats-card-data.js';
import { expandCached, expandPrepared } from './template-cache.js';

/** a reply that produces a message */
export type RenderableReply = Exclude<Reply, { kind: 'none' }>;

/** the card JSON as sent in an attachment's `content` */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: '1.5';
  body: unknown[];
  actions?: unknown[];
  [key: string]: unknown;
}

/** names of the templates in cards/ */
export const TEMPLATE_NAMES = [
  'explanation',
  'several',
  'unknown',
  'help',
  'stats',
  'notice',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const cache = new Map<TemplateName, unknown>();

/** the parsed template JSON (read once, never mutated: the engine copies it) */
export function loadTemplate(name: TemplateName): unknown {
  let template = cache.get(name);
  if (template === undefined) {
    template = JSON.parse(readFileSync(projectFile('cards', `${name}.json`), 'utf8')) as unknown;
    cache.set(name, template);
  }
  return template;
}

/** expands a named template with data bound as $root */
export function expandTemplate(name: TemplateName, data: object): AdaptiveCard {
  return expandPrepared(name, () => loadTemplate(name), data) as AdaptiveCard;
}

function translationNotes(codes: KnownCode[], reply: ExplainReply) {
  const first = codes[0];
  const note = first ? translationNote(first, reply.locale) : undefined;
  return note === undefined ? [] : [note];
}

type ExplainReply = Extract<Reply, { kind: 'explain' }>;

/** the paste's own parts of an explain card: ids, secret warnings, notes */
function pasteOf(reply: ExplainReply): PasteData {
  const known = reply.codes.filter((c): c is KnownCode => c.known);
  return pasteData(
    reply.locale,
    reply.codes.map((c) => c.code),
    reply.context,
    reply.secrets,
    reply.truncated,
    translationNotes(known, reply),
  );
}

/** which template an explain reply uses */
function explainTemplate(reply: ExplainReply): TemplateName {
  const [only] = reply.codes;
  if (reply.codes.length === 1 && only !== undefined) return only.known ? 'explanation' : 'unknown';
  return 'several';
}

/** an explain card's template data on top of `common` */
function explainData<C extends CardLabels>(reply: ExplainReply, common: C): object {
  const [only] = reply.codes;
  if (reply.codes.length === 1 && only !== undefined) {
    return only.known
      ? explanationData(only, common, reply.orgContacts, reply.locale)
      : unknownData(only, common, reply.locale);
  }
  return severalData(reply.codes, common, reply.locale);
}

/**
 * The Adaptive Card for a reply, every template expanded whole. toAdaptiveCard gives the same card
 * byte for byte; this is the reference it is tested against.
 */
export function toAdaptiveCardUncached(reply: RenderableReply): AdaptiveCard {
  if (reply.kind === 'help') return expandTemplate('help', helpData(reply));
  if (reply.kind === 'stats') return expandTemplate('stats', statsData(reply));
  if (reply.kind === 'notice') return expandTemplate('notice', noticeData(reply));
  const common: CommonData = { ...pasteOf(reply), ...cardLabels(reply.locale) };
  return expandTemplate(explainTemplate(reply), explainData(reply, common));
}

/**
 * The Adaptive Card for a reply. An explanation's bulk depends only on the codes, the locale, the
 * organization's contacts and a few flags of the paste (which secrets it held, whether it was cut,
 * whether it had ids), so that part is expanded once per such key and reused (see
 * template-cache.ts); the pasted ids and the ticket lines made of them are expanded for every
 * message. The card is read-only: parts of it are shared with later replies.
 */
export function toAdaptiveCard(reply: RenderableReply): AdaptiveCard {
  if (reply.kind !== 'explain') return toAdaptiveCardUncached(reply);
  const { facts, ticket, ...flags } = pasteOf(reply);
  return expandCached({
    template: explainTemplate(reply),
    load: loadNamedTemplate,
    perMessageFields: PASTED_TEXT_FIELDS,
    // everything the cacheable data is built from: no pasted text, only what the paste's flags say
    cacheKey: cacheKeyOf([
      reply.locale,
      reply.codes,
      reply.orgContacts,
      flags.warnings,
      flags.notes,
      flags.hasFacts,
    ]),
    cacheableData: cacheableExplainData,
    source: { reply, flags },
    perMessageData: { facts, ticket },
  }) as AdaptiveCard;
}

/** an explain card's data without the pasted ids: the codes' data, the labels, the paste's flags */
function cacheableExplainData(source: {
  reply: ExplainReply;
  flags: Omit<PasteData, 'facts' | 'ticket'>;
}): object {
  return { ...explainData(source.reply, cardLabels(source.reply.locale)), ...source.flags };
}

function loadNamedTemplate(name: string): unknown {
  return loadTemplate(name as TemplateName);
}

/** a short title and line for message-extension search results */
export function toCardPreview(reply: RenderableReply): { title: string; text: string } {
  const l = labels(reply.locale);
  if (reply.kind === 'help') return { title: l.help.title, text: oneLine(l.help.intro, 200) };
  if (reply.kind === 'notice') return noticeData(reply);
  if (reply.kind === 'stats') {
    const rows = statsRows(reply).slice(0, 3);
    const line = rows.map((r) => `${r.title} \u00d7${r.count}`).join(', ');
    const { title, total } = statsHeadings(reply);
    return { title, text: line === '' ? l.stats.empty : `${line} \u00b7 ${total}` };
  }
  const [first, ...rest] = reply.codes;
  if (first === undefined) return { title: l.help.title, text: l.help.noCode };
  const extra = rest.length > 0 ? ` (+${rest.length})` : '';
  if (!first.known) {
    return { title: `${codeTitle(first.code)}${extra}`, text: l.headings.unknownCode };
  }
  const name = first.name === undefined ? '' : ` ${oneLine(first.name, 80)}`;
  return {
    title: `${codeTitle(first.code)}${name}${extra}`,
    text: `${l.severity[first.severity]} \u00b7 ${oneLine(first.summary, 200)}`,
  };
}
