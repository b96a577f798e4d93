/**
 * Parser for the 2019 "Sign-in activity report error codes" page and its zh-CN translation: a markdown
 * table whose rows are `|code|description|`.
 */
import { cleanText } from './text-clean.js';
import type { SourceRecord } from './types.js';

const ROW = /^\|\s*(\d{5,7})\s*\|(.*)$/;

/** reads every `|code|text|` row; the text is cleaned of links and HTML */
export function parseSigninReport(markdown: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const match = ROW.exec(line.trim());
    if (!match?.[1]) continue;
    const cell = (match[2] ?? '').replace(/\|\s*$/, '');
    const description = cleanText(cell);
    records.push(
      description === '' ? { code: Number(match[1]) } : { code: Number(match[1]), description },
    );
  }
  return records;
}
