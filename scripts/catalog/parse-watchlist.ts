/**
 * Parser for the security team's watchlist: a GitBook page whose list is an HTML table of
 * `<td>code</td><td>note</td>` rows, around `{% embed %}` tags and entities such as `&#x20;`.
 */
import { cleanText } from './text-clean.js';
import type { SourceRecord } from './types.js';

const ROW = /<tr>\s*<td[^>]*>\s*(\d{5,7})\s*<\/td>\s*<td[^>]*>([\s\S]*?)<\/td>\s*<\/tr>/gi;

/** one record per table row; a row with an empty note gives a record without description */
export function parseWatchlist(html: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  for (const match of html.matchAll(ROW)) {
    const code = Number(match[1]);
    const description = cleanText(match[2] ?? '');
    records.push(description === '' ? { code } : { code, description });
  }
  return records;
}
