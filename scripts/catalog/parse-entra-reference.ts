/**
 * Parser for Microsoft's current error-code reference (markdown from MicrosoftDocs/entra-docs): rows of
 * `| AADSTSnnnn | Name - description |`; a few rows lack the closing pipe.
 */
import { splitName } from './split-name.js';
import { cleanText } from './text-clean.js';
import type { SourceRecord } from './types.js';

const ROW = /^\|\s*AADSTS(\d{5,7})\s*\|(.*)$/;

/** one record per AADSTS row; the OAuth `error` table above it is not read here */
export function parseEntraReference(markdown: string): SourceRecord[] {
  const records: SourceRecord[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const match = ROW.exec(line.trim());
    if (!match?.[1]) continue;
    const code = Number(match[1]);
    let cell = (match[2] ?? '').replace(/\|\s*$/, '').trim();
    // 901002's text repeats its own code as a prefix ("AADSTS901002: The 'resource'…")
    cell = cell.replace(new RegExp(`^AADSTS${code}:\\s*`), '');
    const { name, description } = splitName(cleanText(cell));
    records.push({
      code,
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
    });
  }
  return records;
}
