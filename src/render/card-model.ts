/**
 * Pure view-model builders: a Reply becomes the data an Adaptive Card template binds to.
 * Every displayed value is a string (a numeric binding would yield a JSON number, which TextBlock
 * rejects) and every string has already been made inert for Markdown.
 */
import type { Contact, Severity } from '../core/catalog/schema.js';
import type {
  KnownCode,
  Locale,
  OrgContacts,
  SecretKind,
  SignInContext,
  UnknownCode,
} from '../core/reply.js';
import { type Labels, labels } from './i18n/labels.js';
import { inertFragment, inertText } from './safe-text.js';

/** Adaptive Card colour and container style for each severity, plus a glanceable marker */
export const SEVERITY_STYLE: Record<Severity, { color: string; style: string; icon: string }> = {
  critical: { color: 'attention', style: 'attention', icon: '\u26d4' },
  error: { color: 'attention', style: 'attention', icon: '\u{1f534}' },
  warning: { color: 'warning', style: 'warning', icon: '\u{1f7e0}' },
  info: { color: 'accent', style: 'accent', icon: '\u{1f535}' },
};

/** Microsoft's lookup page, used when a reply carries no usable URL */
export const FALLBACK_LOOKUP = 'https://login.microsoftonline.com/error';

/** how many codes the several-codes card lists before "+k more", and how many of them are expanded */
export const SEVERAL_ROWS = 5;
export const SEVERAL_EXPANDED = 2;

const RANK: Record<Severity, number> = { critical: 0, error: 1, warning: 2, info: 3 };

/** most severe first, unknown codes last; stable for equal severity */
export function bySeverity<T extends KnownCode | UnknownCode>(codes: T[]): T[] {
  const rank = (c: T) => (c.known ? RANK[c.severity] : 4);
  return codes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

/** "AADSTS50076" */
export function codeTitle(code: number): string {
  return `AADSTS${Math.trunc(code)}`;
}

/** the lookup URL if it is a plain https URL, else Microsoft's generic page */
export function safeLookupUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && url.length <= 300) return parsed.href;
  } catch {
    // not a URL at all: fall through to the generic page
  }
  return FALLBACK_LOOKUP;
}

/** a labelled value, as a FactSet fact */
export interface Fact {
  title: string;
  value: string;
}

/** a warning or note shown at the top or bottom of a card */
export interface Note {
  text: string;
}

/** the labels every card with found codes binds (a function of the locale) */
export interface CardLabels {
  h: Labels['headings'];
  a: Labels['actions'];
  n: { noContextIds: string; ticketIntro: string };
}

/** the parts of a card that come from the paste itself: ids, secret warnings, notes */
export interface PasteData {
  notes: Note[];
  hasNotes: boolean;
  warnings: Note[];
  hasWarnings: boolean;
  facts: Fact[];
  hasFacts: boolean;
  ticket: string[];
}

/**
 * The fields of PasteData that carry pasted text (the ids, and the ticket lines made of them). The
 * card cache never keeps them: it expands them for every message. The other fields are our own
 * words, chosen by which secrets were seen, whether the paste was cut and whether it had ids.
 */
export const PASTED_TEXT_FIELDS = [
  'facts',
  'ticket',
] as const satisfies readonly (keyof PasteData)[];

/** the parts every card with found codes shares */
export interface CommonData extends PasteData, CardLabels {}

/** the explanation card's own fields (what the code, the locale and the contacts decide) */
export interface ExplanationFields {
  title: string;
  name: string;
  hasName: boolean;
  fallback: string;
  severity: { label: string; color: string; style: string };
  summary: string;
  contacts: { role: string; org: string; hasOrg: boolean }[];
  hasContacts: boolean;
  steps: { n: string; text: string }[];
  security: string;
  hasSecurity: boolean;
  description: string;
  lookupUrl: string;
}

/** template data of the explanation card */
export type ExplanationData = CommonData & ExplanationFields;

/** ids, stable order, in the locale's words */
export function contextFacts(context: SignInContext, l: Labels): Fact[] {
  const pairs: [string, string | undefined][] = [
    [l.context.correlationId, context.correlationId],
    [l.context.requestId, context.requestId],
    [l.context.timestamp, context.timestamp],
    [l.context.traceId, context.traceId],
    [l.context.appId, context.appId],
  ];
  const facts: Fact[] = [];
  for (const [title, value] of pairs) {
    if (value === undefined) continue;
    const safe = inertFragment(value);
    if (safe !== '') facts.push({ title, value: safe });
  }
  return facts;
}

/** the lines an admin pastes into a support request or Sign-in diagnostics */
export function ticketLines(codes: number[], facts: Fact[], l: Labels): string[] {
  const list = codes.slice(0, 10).map(codeTitle).join(', ');
  return [`${l.context.code}: ${list}`, ...facts.map((f) => `${f.title}: ${f.value}`)];
}

function secretWarnings(secrets: SecretKind[], l: Labels): Note[] {
  const kinds = new Set(secrets);
  const out: Note[] = [];
  if (kinds.has('jwt')) out.push({ text: `\u26a0\ufe0f ${l.notes.secretToken}` });
  if (kinds.has('client-secret')) out.push({ text: `\u26a0\ufe0f ${l.notes.secretClientSecret}` });
  return out;
}

/** a role and, when the operator configured one, the organization's own contact for it (text only) */
export function contactRows(
  contacts: Contact[],
  org: OrgContacts,
  l: Labels,
): ExplanationFields['contacts'] {
  return contacts.map((role) => {
    const own = org[role];
    const parts = own ? [own.name, own.channel, own.url].filter((p) => p !== undefined) : [];
    const text = inertText(parts.join(' \u00b7 '), 200);
    return { role: l.contact[role], org: text, hasOrg: text !== '' };
  });
}

const LABELS = new Map<Locale, CardLabels>();

/** the labels of the cards with found codes, in the locale's words (built once per locale) */
export function cardLabels(locale: Locale): CardLabels {
  let built = LABELS.get(locale);
  if (built === undefined) {
    const l = labels(locale);
    built = {
      h: l.headings,
      a: l.actions,
      n: { noContextIds: l.notes.noContextIds, ticketIntro: l.notes.ticketIntro },
    };
    LABELS.set(locale, built);
  }
  return built;
}

/** what the paste adds to a card: its ids (made inert), warnings for pasted secrets, notes */
export function pasteData(
  locale: Locale,
  codes: number[],
  context: SignInContext,
  secrets: SecretKind[],
  truncated: boolean,
  extraNotes: string[],
): PasteData {
  const l = labels(locale);
  const facts = contextFacts(context, l);
  const warnings = secretWarnings(secrets, l);
  const notes = [...extraNotes, ...(truncated ? [l.notes.truncated] : [])].map((text) => ({
    text,
  }));
  return {
    notes,
    hasNotes: notes.length > 0,
    warnings,
    hasWarnings: warnings.length > 0,
    facts,
    hasFacts: facts.length > 0,
    ticket: ticketLines(codes, facts, l),
  };
}

/** the parts shared by explanation, several-codes and unknown cards */
export function commonData(
  locale: Locale,
  codes: number[],
  context: SignInContext,
  secrets: SecretKind[],
  truncated: boolean,
  extraNotes: string[],
): CommonData {
  return {
    ...pasteData(locale, codes, context, secrets, truncated, extraNotes),
    ...cardLabels(locale),
  };
}

/** the translation note for catalog text shown in a locale it was not written in */
export function translationNote(code: KnownCode, locale: Locale): string | undefined {
  if (locale === 'en') return undefined;
  const l = labels(locale);
  if (code.translation === 'none') return l.notes.untranslated;
  if (code.translation === 'project') return l.notes.projectTranslation;
  return undefined;
}

/** severity label with its marker, colour and container style */
export function severityBadge(severity: Severity, l: Labels): ExplanationFields['severity'] {
  const s = SEVERITY_STYLE[severity];
  return { label: `${s.icon} ${l.severity[severity]}`, color: s.color, style: s.style };
}

/** template data for one known code, on top of `common` (the labels, and the paste's parts or not) */
export function explanationData<C extends CardLabels>(
  code: KnownCode,
  common: C,
  org: OrgContacts,
  locale: Locale,
): C & ExplanationFields {
  const l = labels(locale);
  const title = codeTitle(code.code);
  const name = code.name === undefined ? '' : inertText(code.name, 120);
  const summary = inertText(code.summary, 500);
  const contacts = contactRows(code.contacts, org, l);
  return {
    ...common,
    title,
    name,
    hasName: name !== '',
    fallback: `${title}: ${summary}`,
    severity: severityBadge(code.severity, l),
    summary,
    contacts,
    hasContacts: contacts.length > 0,
    steps: code.nextSteps.slice(0, 5).map((s, i) => ({ n: `${i + 1}.`, text: inertText(s, 600) })),
    security: code.security === undefined ? '' : inertText(code.security, 800),
    hasSecurity: code.security !== undefined && code.security.trim() !== '',
    description: inertText(code.description),
    lookupUrl: safeLookupUrl(code.lookupUrl),
  };
}

/** one row of the several-codes card */
export interface CodeRow {
  title: string;
  name: string;
  hasName: boolean;
  severity: { label: string; color: string; style: string };
  contact: string;
  hasContact: boolean;
  summary: string;
  firstStep: string;
  hasFirstStep: boolean;
  expanded: boolean;
  lookupUrl: string;
}

/** a compact row for a known or unknown code; `expanded` rows also carry summary and first step */
export function codeRow(code: KnownCode | UnknownCode, expanded: boolean, l: Labels): CodeRow {
  const title = codeTitle(code.code);
  if (!code.known) {
    return {
      title,
      name: '',
      hasName: false,
      severity: { label: l.headings.unknownCode, color: 'default', style: 'default' },
      contact: '',
      hasContact: false,
      summary: expanded ? l.notes.unknownWhatWeKnow : '',
      firstStep: '',
      hasFirstStep: false,
      expanded,
      lookupUrl: safeLookupUrl(code.lookupUrl),
    };
  }
  const first = code.nextSteps[0];
  const name = code.name === undefined ? '' : inertText(code.name, 120);
  const contact = code.contacts.map((c) => l.contact[c]).join(', ');
  const firstStep = expanded && first !== undefined ? inertText(first, 300) : '';
  return {
    title,
    name,
    hasName: name !== '',
    severity: severityBadge(code.severity, l),
    contact,
    hasContact: contact !== '',
    summary: expanded ? inertText(code.summary, 300) : '',
    firstStep,
    hasFirstStep: firstStep !== '',
    expanded,
    lookupUrl: safeLookupUrl(code.lookupUrl),
  };
}
