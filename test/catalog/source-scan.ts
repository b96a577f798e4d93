/**
 * An independent, deliberately simple scan of the vendored sources for the tests: it does not use the
 * build's parsers, so a parser that silently drops a code is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** the repository's catalog folder */
export const CATALOG_DIR = join(import.meta.dirname, '..', '..', 'catalog');

/** text of a vendored source file */
export const readSource = (file: string): string =>
  readFileSync(join(CATALOG_DIR, 'sources', file), 'utf8');

/** every code a source file shows: AADSTS tokens, table cells, HTML cells and bold code labels */
export function scanCodes(text: string): Set<number> {
  const codes = new Set<number>();
  const patterns = [
    /AADSTS(\d{5,7})/g,
    /^\|\s*(\d{5,7})\s*\|/gm,
    /<td>\s*(\d{5,7})\s*<\/td>/g,
    /\*\*(\d{5,7})\*\*/g,
  ];
  for (const pattern of patterns)
    for (const match of text.matchAll(pattern)) codes.add(Number(match[1]));
  return codes;
}

/** codes of every vendored file in catalog/sources (README excluded) */
export function scanAllSources(): Map<string, Set<number>> {
  const result = new Map<string, Set<number>>();
  for (const file of readdirSync(join(CATALOG_DIR, 'sources')).sort()) {
    if (file === 'README.md') continue;
    result.set(file, scanCodes(readSource(file)));
  }
  return result;
}

/** `|code|text|` rows of a markdown table source, with the raw row text */
export function tableRows(text: string): { code: number; row: string }[] {
  return [...text.matchAll(/^\|\s*(?:AADSTS)?(\d{5,7})\s*\|(.*)$/gm)].map((match) => ({
    code: Number(match[1]),
    row: match[2] ?? '',
  }));
}
