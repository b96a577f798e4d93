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

/**
 * Folds a second row for the same code into the first. The 2025 reference lists 50147 twice: once
 * with a text that names the remedy, once as `MissingCodeChallenge - …`. The first row's text stays
 * the description, the other row supplies a missing name and its text becomes an alternate. Two
 * different names for one code would be ambiguous, so that is an error.
 */
export function mergeRepeatedRow(
  id: SourceId,
  first: SourceRecord,
  next: SourceRecord,
): SourceRecord {
  if (first.name && next.name && first.name !== next.name) {
    throw new Error(
      `${id}: code ${first.code} is listed twice with different names (${first.name}, ${next.name})`,
    );
  }
  const name = first.name ?? next.name;
  const texts = [
    first.description,
    ...(first.alternates ?? []),
    next.description,
    ...(next.alternates ?? []),
  ];
  const distinct = [...new Set(texts.filter((text): text is string => text !== undefined))];
  const [description, ...alternates] = distinct;
  return {
    code: first.code,
    ...(name ? { name } : {}),
    ...(description ? { description } : {}),
    ...(alternates.length > 0 ? { alternates } : {}),
  };
}

/** parses each source text; a code listed more than once in one source is merged (mergeRepeatedRow) */
export function parseSources(texts: Readonly<Record<SourceId, string>>): ParsedSources {
  const parsed: ParsedSources = new Map();
  for (const [id, parser] of Object.entries(PARSERS) as [
    SourceId,
    (text: string) => SourceRecord[],
  ][]) {
    const byCode = new Map<number, SourceRecord>();
    for (const record of parser(texts[id])) {
      const earlier = byCode.get(record.code);
      byCode.set(record.code, earlier ? mergeRepeatedRow(id, earlier, record) : record);
    }
    if (byCode.size === 0) throw new Error(`${id}: no codes found; has the file's format changed?`);
    parsed.set(id, byCode);
  }
  return parsed;
}
