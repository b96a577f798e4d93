/**
 * A table pasted into Teams arrives as HTML (`<table><tr><td>…`). The message normalizer turns cells
 * into spaces, which loses the columns; this turns the first table back into tab-separated text so the
 * triage can read its header. Tags are found with indexOf, never a backtracking regex over the input.
 */
import { decodeEntities } from '../extract/normalize.js';

const MAX_HTML = 2_000_000;
const MAX_TAG = 4096;

function tagName(tag: string): { name: string; closing: boolean } {
  const closing = tag.startsWith('/');
  const body = closing ? tag.slice(1) : tag;
  let end = 0;
  while (end < body.length && end < 16 && /[a-zA-Z0-9]/.test(body[end] ?? '')) end++;
  return { name: body.slice(0, end).toLowerCase(), closing };
}

/** the first HTML table as tab-separated lines, or undefined when the text has no table */
export function htmlTableToTsv(html: string): string | undefined {
  const text = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const start = text.toLowerCase().indexOf('<table');
  if (start < 0) return undefined;
  const rows: string[][] = [];
  let row: string[] | undefined;
  let cell: string | undefined;
  let i = start;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    const chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    if (cell !== undefined) cell += chunk;
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0 || close - open > MAX_TAG) break;
    const { name, closing } = tagName(text.slice(open + 1, close));
    i = close + 1;
    if (name === 'tr' && !closing) {
      row = [];
      rows.push(row);
    } else if ((name === 'td' || name === 'th') && !closing) {
      if (row === undefined) {
        row = [];
        rows.push(row);
      }
      cell = '';
    } else if ((name === 'td' || name === 'th') && closing) {
      if (cell !== undefined) row?.push(cell);
      cell = undefined;
    } else if (name === 'br' && cell !== undefined) cell += ' ';
    else if (name === 'table' && closing) break;
  }
  if (cell !== undefined) row?.push(cell);
  const lines = rows
    .filter((r) => r.length > 0)
    .map((r) =>
      r
        .map((c) =>
          decodeEntities(c)
            .replace(/[\t\r\n]+/g, ' ')
            .trim(),
        )
        .join('\t'),
    );
  return lines.length > 0 ? lines.join('\n') : undefined;
}
