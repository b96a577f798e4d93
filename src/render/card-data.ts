/**
 * Template data for the several-codes, unknown-code and help cards (the explanation card's data is
 * built in card-model.ts). Pure functions of the Reply.
 */
import { lookupUrl } from '../core/found-code.js';
import type { KnownCode, Locale, Reply, UnknownCode } from '../core/reply.js';
import {
  bySeverity,
  type CardLabels,
  type CodeRow,
  type CommonData,
  codeRow,
  codeTitle,
  SEVERAL_EXPANDED,
  SEVERAL_ROWS,
  safeLookupUrl,
} from './card-model.js';
import { fill, labels } from './i18n/labels.js';
import { inertText } from './safe-text.js';

/** the several-codes card's own fields */
export interface SeveralFields {
  heading: string;
  fallback: string;
  rows: CodeRow[];
  more: string;
  hasMore: boolean;
  hint: string;
}

/** template data of the several-codes card */
export type SeveralData = CommonData & SeveralFields;

/** one compact row per code (the first ones expanded) and "+k more" past the row cap */
export function severalData<C extends CardLabels>(
  codes: (KnownCode | UnknownCode)[],
  common: C,
  locale: Locale,
): C & SeveralFields {
  const l = labels(locale);
  const shown = bySeverity(codes).slice(0, SEVERAL_ROWS);
  const rows = shown.map((c, i) => codeRow(c, i < SEVERAL_EXPANDED, l));
  const hidden = codes.length - shown.length;
  return {
    ...common,
    heading: `${l.headings.codesFound} (${codes.length})`,
    fallback: shown.map((c) => codeTitle(c.code)).join(', '),
    rows,
    more: hidden > 0 ? fill(l.notes.more, hidden) : '',
    hasMore: hidden > 0,
    hint: `${l.notes.mostSevereFirst} ${l.notes.selectToLookUp}`,
  };
}

/** the unknown-code card's own fields */
export interface UnknownFields {
  title: string;
  badge: string;
  fallback: string;
  whatWeKnow: string;
  hasDidYouMean: boolean;
  didYouMean: { title: string; name: string; hasName: boolean; summary: string; lookupUrl: string };
  lookupUrl: string;
}

/** template data of the unknown-code card */
export type UnknownData = CommonData & UnknownFields;

/** what we know about a code the catalog lacks, and the one neighbour it may be a typo of */
export function unknownData<C extends CardLabels>(
  code: UnknownCode,
  common: C,
  locale: Locale,
): C & UnknownFields {
  const l = labels(locale);
  const title = codeTitle(code.code);
  const near = code.didYouMean;
  const name = near?.name === undefined ? '' : inertText(near.name, 120);
  return {
    ...common,
    title,
    badge: l.headings.unknownCode,
    fallback: `${title}: ${l.headings.unknownCode}`,
    whatWeKnow: l.notes.unknownWhatWeKnow,
    hasDidYouMean: near !== undefined,
    didYouMean: {
      title: near ? codeTitle(near.code) : '',
      name,
      hasName: name !== '',
      summary: near ? inertText(near.summary, 300) : '',
      lookupUrl: near ? lookupUrl(near.code) : safeLookupUrl(code.lookupUrl),
    },
    lookupUrl: safeLookupUrl(code.lookupUrl),
  };
}

/** template data of the help and welcome card */
export interface HelpData {
  title: string;
  hasNoCode: boolean;
  noCode: string;
  intro: string;
  howTo: string[];
  examplesHeading: string;
  examples: string[];
  privacy: string;
}

/** help text for "asked", "no-code" and "welcome" */
export function helpData(reply: Extract<Reply, { kind: 'help' }>): HelpData {
  const l = labels(reply.locale);
  return {
    title: reply.reason === 'welcome' ? l.help.welcomeTitle : l.help.title,
    hasNoCode: reply.reason === 'no-code',
    noCode: l.help.noCode,
    intro: l.help.intro,
    howTo: l.help.howTo,
    examplesHeading: l.headings.examples,
    examples: l.help.examples,
    privacy: l.help.privacy,
  };
}
