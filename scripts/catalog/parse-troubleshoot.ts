/**
 * Parser for the 2023 how-to "Troubleshoot sign-in errors": a bullet list where each code is written as
 * `- **50058**: short meaning` followed by indented sub-bullets with advice.
 */
import { cleanText } from './text-clean.js';
import type { SourceRecord } from './types.js';

const HEAD = /^\s*[-*]\s+\*\*(\d{5,7})\*\*:?\s*(.*)$/;
const SUB = /^\s{2,}[-*]\s+(.*)$/;

/** the heading line and its sub-bullets become one description */
export function parseTroubleshoot(markdown: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  let open: { code: number; parts: string[] } | undefined;
  const close = (): void => {
    if (!open) return;
    const description = cleanText(
      open.parts.map((part) => (/[.!?]$/.test(part.trim()) ? part : `${part}.`)).join(' '),
    );
    records.push(description === '' ? { code: open.code } : { code: open.code, description });
    open = undefined;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const head = HEAD.exec(line);
    if (head?.[1]) {
      close();
      open = { code: Number(head[1]), parts: [head[2] ?? ''] };
      continue;
    }
    const sub = SUB.exec(line);
    if (open && sub) {
      open.parts.push(sub[1] ?? '');
      continue;
    }
    if (open && line.trim() !== '') close();
  }
  close();
  return records;
}
