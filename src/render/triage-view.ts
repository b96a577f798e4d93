/**
 * The triage summary as a chat view: the same lists and lines for the Adaptive Card and Block Kit,
 * capped to fit a message. Built only from counts, codes, catalog text and application names, so
 * no user name, UPN or IP can reach a chat message (the summary's `identities` is never read here).
 */
import type { Severity } from '../core/catalog/schema.js';
import type { Locale } from '../core/reply.js';
import type { CodeSummary, PatternFinding, TriageSummary } from '../core/triage/types.js';
import { labels } from './i18n/labels.js';
import { evidenceLine, fillIn, formatCount, type TriageWords, triageWords } from './triage-text.js';

/** how much of a summary a chat message shows; the rest is named in a note */
export const TRIAGE_CHAT_CAPS = {
  /** failure codes listed (the Block Kit message would pass Slack's ~13,000 characters with many more) */
  codes: 10,
  /** applications listed */
  applications: 5,
  /** characters of an application name */
  appName: 80,
  /** characters of a catalog one-liner */
  meaning: 200,
} as const;

/** one code line of the chat view */
export interface CodeLine {
  code: string;
  count: string;
  meaning: string;
  /** severity, who acts, distinct users */
  detail: string;
  severity: Severity | 'unknown';
}

/** one pattern block of the chat view */
export interface PatternView {
  level: PatternFinding['level'];
  heading: string;
  explanation: string;
  evidence: string;
  nextStep: string;
}

/** everything a chat renderer shows */
export interface TriageView {
  words: TriageWords;
  title: string;
  subtitle: string;
  facts: { title: string; value: string }[];
  patterns: PatternView[];
  codes: CodeLine[];
  apps: { name: string; value: string }[];
  notes: string[];
}

function rangeText(summary: TriageSummary): string | undefined {
  const range = summary.timeRange;
  if (range === undefined) return undefined;
  const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');
  return `${short(range.first)} \u2192 ${short(range.last)}`;
}

/** the code line for one code */
export function codeLine(code: CodeSummary, locale: Locale, words: TriageWords): CodeLine {
  const l = labels(locale);
  const meaning = (locale === 'zh-CN' ? code.summaryZh : code.summary) ?? words.unknownCode;
  const parts: string[] = [];
  if (code.severity !== undefined) parts.push(l.severity[code.severity]);
  if (code.contacts.length > 0) parts.push(code.contacts.map((c) => l.contact[c]).join(', '));
  parts.push(
    `${formatCount(code.users.count, code.users.exact)} ${code.users.count === 1 && code.users.exact ? words.oneUser : (words.evidence.users ?? 'users')}`,
  );
  if (code.expectedInterrupt) parts.push(words.expected);
  return {
    code: `AADSTS${code.code}`,
    count: formatCount(code.failures),
    meaning,
    detail: parts.join(' \u00b7 '),
    severity: code.severity ?? 'unknown',
  };
}

/** the pattern block for one finding */
export function patternView(finding: PatternFinding, words: TriageWords): PatternView {
  const text = words.pattern[finding.id];
  return {
    level: finding.level,
    heading: `${words.level[finding.level]}: ${text.title}`,
    explanation: text.explanation,
    evidence: evidenceLine(finding, words),
    nextStep: text.nextStep,
  };
}

/** the capped chat view of a summary */
export function triageView(summary: TriageSummary, locale: Locale): TriageView {
  const words = triageWords(locale);
  const t = summary.totals;
  const facts = [
    { title: words.rows, value: formatCount(t.rows) },
    { title: words.successes, value: formatCount(t.successes) },
    { title: words.failures, value: formatCount(t.failures) },
  ];
  if (t.unknown > 0) facts.push({ title: words.unknown, value: formatCount(t.unknown) });
  if (t.malformed > 0) facts.push({ title: words.malformed, value: formatCount(t.malformed) });
  const { users, ips } = summary.distinct;
  facts.push({ title: words.users, value: formatCount(users.count, users.exact) });
  facts.push({ title: words.ips, value: formatCount(ips.count, ips.exact) });
  const range = rangeText(summary);
  if (range !== undefined) facts.push({ title: words.timeRange, value: range });

  const codes = summary.codes
    .slice(0, TRIAGE_CHAT_CAPS.codes)
    .map((code) => codeLine(code, locale, words));
  const apps = summary.applications.slice(0, TRIAGE_CHAT_CAPS.applications).map((app) => ({
    name: app.name,
    value: `${formatCount(app.failures)} ${words.failures.toLowerCase()} / ${formatCount(app.rows)} ${words.rows.toLowerCase()}`,
  }));
  const notes: string[] = [];
  const cut =
    summary.codes.length > TRIAGE_CHAT_CAPS.codes ||
    summary.applications.length > TRIAGE_CHAT_CAPS.applications;
  if (cut) {
    notes.push(
      fillIn(words.chatCut, {
        codes: TRIAGE_CHAT_CAPS.codes,
        apps: TRIAGE_CHAT_CAPS.applications,
      }),
    );
  }
  if (!users.exact || !ips.exact) notes.push(`~ = ${words.estimated}`);
  notes.push(words.privacy);
  const kind = summary.input.format.toUpperCase();
  return {
    words,
    title: words.title,
    subtitle: `${kind} \u00b7 ${formatCount(t.rows)} ${words.rows.toLowerCase()}`,
    facts,
    patterns: summary.patterns.map((p) => patternView(p, words)),
    codes,
    apps,
    notes,
  };
}
