/**
 * Triage summary → plain-text tables for the terminal, and → JSON for machines. Identities appear
 * only when the summary carries them (the CLI's --show-identities); text from the file is flattened
 * to one line without control characters, so a crafted name cannot move the cursor or inject escapes.
 */
import type { Locale } from '../core/reply.js';
import type { TriageSummary } from '../core/triage/types.js';
import { oneLine } from './safe-text.js';
import { evidenceLine, formatCount, triageWords } from './triage-text.js';
import { codeLine } from './triage-view.js';

const MEANING_WIDTH = 72;
const NAME_WIDTH = 48;

/**
 * columns a string takes in a terminal: East Asian wide and full-width characters take two
 * (Unicode UAX #11), so Chinese labels line up with the numbers beside them
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

function table(headers: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        const last = i === cells.length - 1;
        if (rightAligned.has(i)) return padStart(cell, width);
        return last ? cell : padEnd(cell, width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((n) => '-'.repeat(n))), ...rows.map(line)];
}

/** the summary as tables for a terminal */
export function toTriageTable(summary: TriageSummary, locale: Locale = 'en'): string {
  const w = triageWords(locale);
  const t = summary.totals;
  const out: string[] = [];
  out.push(
    `${w.title} \u2014 ${w.shape[summary.input.shape]} (${summary.input.format.toUpperCase()})`,
  );
  out.push('');
  const facts: [string, string][] = [
    [w.rows, formatCount(t.rows)],
    [w.successes, formatCount(t.successes)],
    [w.failures, formatCount(t.failures)],
  ];
  if (t.unknown > 0) facts.push([w.unknown, formatCount(t.unknown)]);
  if (t.malformed > 0) facts.push([w.malformed, formatCount(t.malformed)]);
  const { users, ips } = summary.distinct;
  facts.push([w.users, formatCount(users.count, users.exact)]);
  facts.push([w.ips, formatCount(ips.count, ips.exact)]);
  if (summary.timeRange !== undefined) {
    facts.push([w.timeRange, `${summary.timeRange.first} \u2192 ${summary.timeRange.last}`]);
  }
  const labelWidth = Math.max(...facts.map(([k]) => displayWidth(k)));
  for (const [k, v] of facts) out.push(`${padEnd(k, labelWidth)}  ${v}`);

  out.push('', w.patterns);
  if (summary.patterns.length === 0) out.push(`  ${w.noPatterns}`);
  for (const p of summary.patterns) {
    const text = w.pattern[p.id];
    out.push(`  [${w.level[p.level]}] ${text.title}: ${evidenceLine(p, w)}`);
    out.push(`    ${text.explanation}`);
    out.push(`    \u2192 ${text.nextStep}`);
    if (p.identities !== undefined) {
      if (p.identities.users.length > 0) {
        out.push(
          `    ${w.users}: ${p.identities.users.map((u) => oneLine(u, NAME_WIDTH)).join(', ')}`,
        );
      }
      if (p.identities.ips.length > 0) {
        out.push(`    ${w.ips}: ${p.identities.ips.map((u) => oneLine(u, NAME_WIDTH)).join(', ')}`);
      }
    }
  }

  out.push('', w.codes);
  if (summary.codes.length === 0) out.push(`  ${w.noFailures}`);
  else {
    const rows = summary.codes.map((code) => {
      const line = codeLine(code, locale, w);
      return [line.code, line.count, oneLine(line.meaning, MEANING_WIDTH), line.detail];
    });
    if (summary.otherCodeFailures > 0) {
      rows.push([w.otherCodes, formatCount(summary.otherCodeFailures), '', '']);
    }
    out.push(
      ...table([w.code, w.failures, w.meaning, w.details], rows, new Set([1])).map((l) => `  ${l}`),
    );
  }

  if (summary.applications.length > 0) {
    out.push('', w.applications);
    const rows = summary.applications.map((a) => [
      oneLine(a.name, NAME_WIDTH),
      formatCount(a.rows),
      formatCount(a.failures),
    ]);
    out.push(...table(['', w.rows, w.failures], rows, new Set([1, 2])).map((l) => `  ${l}`));
  }

  if (summary.identities !== undefined) {
    const { users: topUsers, ips: topIps } = summary.identities;
    out.push('', w.topUsers);
    for (const u of topUsers)
      out.push(`  ${formatCount(u.failures).padStart(8)}  ${oneLine(u.name, NAME_WIDTH)}`);
    out.push('', w.topIps);
    for (const ip of topIps) {
      out.push(`  ${formatCount(ip.failures).padStart(8)}  ${oneLine(ip.address, NAME_WIDTH)}`);
    }
  }
  if (!users.exact || !ips.exact) out.push('', `~ = ${w.estimated}`);
  return `${out.join('\n')}\n`;
}

/** the summary for machines: the model plus each pattern's English title, explanation and next step */
export function toTriageJson(summary: TriageSummary): string {
  const w = triageWords('en');
  const patterns = summary.patterns.map((p) => ({ ...p, ...w.pattern[p.id] }));
  return `${JSON.stringify({ ...summary, patterns }, null, 2)}\n`;
}
