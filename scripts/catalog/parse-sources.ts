/**
 * Runs the right parser over each vendored source and indexes the records by code.
 */
import { parseEntraReference } from './parse-entra-reference.js';
import { parseFlattenedReference } from './parse-flattened-reference.js';
import { parseSigninReport } from './parse-signin-report.js';
import { parseTroubleshoot } from './parse-troubleshoot.js';
import { parseWatchlist } from './parse-watchlist.js';
import type { SourceId, SourceRecord } from './types.js';

const PARSERS: Readonly<Record<SourceId, (text: string) => SourceRecord[]>> = {
  'entra-reference-current': parseEntraReference,
  'aadsts-reference-2023': parseFlattenedReference,
  'signin-report-2019': parseSigninReport,
  'signin-report-2019-zh': parseSigninReport,
  'security-watchlist': parseWatchlist,
  'troubleshoot-signin-2023': parseTroubleshoot,
};

/** records of every source, by source id and then by code */
export type ParsedSources = Map<SourceId, Map<number, SourceRecord>>;

/** parses each source text; a code listed twice in one source is an error, since it would be ambiguous */
export function parseSources(texts: Readonly<Record<SourceId, string>>): ParsedSources {
  const parsed: ParsedSources = new Map();
  for (const [id, parser] of Object.entries(PARSERS) as [
    SourceId,
    (text: string) => SourceRecord[],
  ][]) {
    const byCode = new Map<number, SourceRecord>();
    for (const record of parser(texts[id])) {
      if (byCode.has(record.code)) throw new Error(`${id}: code ${record.code} is listed twice`);
      byCode.set(record.code, record);
    }
    if (byCode.size === 0) throw new Error(`${id}: no codes found; has the file's format changed?`);
    parsed.set(id, byCode);
  }
  return parsed;
}
