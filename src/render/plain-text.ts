/**
 * Reply → text for a terminal (the CLI). Colour is optional ANSI styling; without it the output
 * is plain text that pipes cleanly.
 */
import type { Severity } from '../core/catalog/schema.js';
import { messages } from '../core/i18n/messages.js';
import type { FoundCode, KnownCode, Reply, SignInContext, UnknownCode } from '../core/reply.js';
import { fill, type Labels, labels } from './i18n/labels.js';

/** a reply that produces a message */
export type RenderableReply = Exclude<Reply, { kind: 'none' }>;

export interface PlainTextOptions {
  /** ANSI colour and bold (for a TTY) */
  color?: boolean;
}

type Style = (text: string) => string;

interface Styles {
  bold: Style;
  dim: Style;
  severity: Record<Severity, Style>;
}

const ansi =
  (open: number, close: number): Style =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Styles = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  severity: {
    info: ansi(36, 39),
    warning: ansi(33, 39),
    error: ansi(31, 39),
    critical: ansi(35, 39),
  },
};
const same: Style = (text) => text;
const PLAIN: Styles = {
  bold: same,
  dim: same,
  severity: { info: same, warning: same, error: same, critical: same },
};

const CONTEXT_ORDER: readonly (keyof SignInContext)[] = [
  'traceId',
  'correlationId',
  'requestId',
  'timestamp',
  'appId',
];

/** the reply as terminal text, ending with a line break */
export function toPlainText(reply: RenderableReply, options: PlainTextOptions = {}): string {
  const s = options.color ? COLOR : PLAIN;
  const l = labels(reply.locale);
  const lines =
    reply.kind === 'help'
      ? helpLines(reply, l, s)
      : reply.kind === 'stats'
        ? statsLines(reply, l, s)
        : reply.kind === 'notice'
          ? noticeLines(reply, l, s)
          : explainLines(reply, l, s);
  return `${lines.join('\n')}\n`;
}

function statsLines(
  reply: Extract<RenderableReply, { kind: 'stats' }>,
  l: Labels,
  s: Styles,
): string[] {
  const lines = [s.bold(fill(l.stats.title, reply.days)), fill(l.stats.total, reply.total), ''];
  if (reply.top.length === 0) lines.push(l.stats.empty);
  const width = Math.max(0, ...reply.top.map((row) => String(row.count).length));
  for (const row of reply.top) {
    const count = String(row.count).padStart(width);
    const severity =
      row.severity === undefined
        ? ''
        : `  ${s.severity[row.severity](`[${l.severity[row.severity]}]`)}`;
    const name = row.name === undefined ? '' : `  ${row.name}`;
    lines.push(`  ${count} × ${s.bold(`AADSTS${row.code}`)}${name}${severity}`);
    if (row.summary !== undefined) lines.push(`  ${' '.repeat(width)}   ${s.dim(row.summary)}`);
  }
  lines.push('', s.dim(l.stats.privacy));
  return lines;
}

function noticeLines(
  reply: Extract<RenderableReply, { kind: 'notice' }>,
  l: Labels,
  s: Styles,
): string[] {
  switch (reply.notice) {
    case 'slow-down':
      return [s.bold(l.notice.slowDownTitle), l.notice.slowDown];
  }
}

function helpLines(
  reply: Extract<RenderableReply, { kind: 'help' }>,
  l: Labels,
  s: Styles,
): string[] {
  const lines: string[] = [];
  if (reply.reason === 'no-code') lines.push(l.help.noCode, '');
  lines.push(
    s.bold(reply.reason === 'welcome' ? l.help.welcomeTitle : l.help.title),
    l.help.intro,
    '',
  );
  for (const step of l.help.howTo) lines.push(`  • ${step}`);
  lines.push('', s.bold(l.headings.examples));
  for (const example of l.help.examples) lines.push(`  ${example}`);
  lines.push('', l.help.privacy);
  return lines;
}

function explainLines(
  reply: Extract<RenderableReply, { kind: 'explain' }>,
  l: Labels,
  s: Styles,
): string[] {
  const lines: string[] = [];
  if (reply.secrets.includes('jwt')) lines.push(s.bold(`! ${l.notes.secretToken}`), '');
  if (reply.secrets.includes('client-secret'))
    lines.push(s.bold(`! ${l.notes.secretClientSecret}`), '');
  reply.codes.forEach((code, i) => {
    if (i > 0) lines.push('');
    lines.push(...(code.known ? knownLines(code, reply, l, s) : unknownLines(code, l, s)));
  });
  const ids = CONTEXT_ORDER.filter((key) => reply.context[key] !== undefined);
  if (ids.length > 0) {
    lines.push('', s.bold(l.headings.signInDetails));
    for (const key of ids) lines.push(`  ${l.context[key]}: ${reply.context[key]}`);
  }
  if (reply.truncated) lines.push('', l.notes.truncated);
  return lines;
}

function title(code: FoundCode, s: Styles): string {
  const name = code.known && code.name !== undefined ? `  ${code.name}` : '';
  return `${s.bold(`AADSTS${code.code}`)}${name}`;
}

function knownLines(
  code: KnownCode,
  reply: Extract<RenderableReply, { kind: 'explain' }>,
  l: Labels,
  s: Styles,
): string[] {
  const severity = s.severity[code.severity](`[${l.severity[code.severity]}]`);
  const lines = [`${title(code, s)}  ${severity}`];
  if (code.match === 'text') lines.push(s.dim(`(${messages(reply.locale).matchedByText})`));
  lines.push(code.summary, '', s.bold(l.headings.whatItMeans), indent(code.description));
  if (code.contacts.length > 0) {
    lines.push('', s.bold(l.headings.whoHasToAct));
    for (const contact of code.contacts) {
      const org = reply.orgContacts[contact];
      const where = org
        ? ` — ${l.notes.orgContactPrefix} ${[org.name, org.channel, org.url].filter(Boolean).join(', ')}`
        : '';
      lines.push(`  • ${l.contact[contact]}${where}`);
    }
  }
  lines.push('', s.bold(l.headings.nextSteps));
  code.nextSteps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step}`);
  });
  if (code.security !== undefined)
    lines.push('', s.bold(l.headings.security), indent(code.security));
  if (code.translation === 'project') lines.push('', s.dim(l.notes.projectTranslation));
  lines.push('', `${l.actions.lookUp}: ${s.dim(code.lookupUrl)}`);
  return lines;
}

function unknownLines(code: UnknownCode, l: Labels, s: Styles): string[] {
  const lines = [
    `${title(code, s)}  ${s.dim(`[${l.headings.unknownCode}]`)}`,
    l.notes.unknownWhatWeKnow,
  ];
  if (code.didYouMean) {
    const near = code.didYouMean;
    const name = near.name !== undefined ? ` ${near.name}` : '';
    lines.push(`${l.headings.didYouMean}: AADSTS${near.code}${name} — ${near.summary}`);
  }
  lines.push(`${l.actions.lookUp}: ${s.dim(code.lookupUrl)}`);
  return lines;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
