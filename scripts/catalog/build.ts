/**
 * The whole build as one pure function: source texts, curation, families and OAuth errors in; the
 * catalog object, its serialized bytes and a report out. The CLI (scripts/catalog-build.ts) does the I/O.
 */
import { type CatalogData, catalogSchema } from '../../src/core/catalog/schema.js';
import { type CurationFile, readCuration } from './curation.js';
import { readFamilies } from './families.js';
import { mergeCatalog } from './merge.js';
import { readOAuthErrors } from './oauth-errors.js';
import { parseSources } from './parse-sources.js';
import { serializeCatalog } from './serialize.js';
import type { SourceId } from './types.js';

/** the texts the build reads */
export interface BuildInput {
  sources: Readonly<Record<SourceId, string>>;
  curation: readonly CurationFile[];
  families: string;
  oauthErrors: string;
}

/** build output; `ok` is false when strict mode found problems or missing curation */
export interface BuildResult {
  ok: boolean;
  catalog: CatalogData;
  json: string;
  /** codes named by a source or curation file that have no curation record */
  missing: number[];
  /** problems naming file, code and field; fatal in strict mode */
  problems: string[];
  /** how many codes each source lists, and in total */
  counts: Record<string, number>;
}

/**
 * Builds the catalog. Strict mode (the default) fails on any problem and on any code lacking curation;
 * `allowMissing` leaves such codes out so the build runs while curation is still being written.
 */
export function buildCatalog(
  input: BuildInput,
  options: { allowMissing?: boolean } = {},
): BuildResult {
  const parsed = parseSources(input.sources);
  const curation = readCuration(input.curation);
  const families = readFamilies(input.families);
  const merged = mergeCatalog({ parsed, curation: curation.byCode, families });
  const oauth = readOAuthErrors(input.oauthErrors);
  const codes: CatalogData['codes'] = {};
  for (const [code, entry] of merged.entries) codes[String(code)] = entry;
  const candidate = { schemaVersion: 1 as const, codes, oauthErrors: oauth.entries };
  const problems = [...curation.problems, ...merged.problems, ...oauth.problems];
  const checked = catalogSchema.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues)
      problems.push(`catalog field ${issue.path.join('.')}: ${issue.message}`);
  }
  const counts: Record<string, number> = {};
  const all = new Set<number>();
  for (const [id, byCode] of parsed) {
    counts[id] = byCode.size;
    for (const code of byCode.keys()) all.add(code);
  }
  counts['all sources'] = all.size;
  counts.curated = curation.byCode.size;
  counts['in catalog'] = merged.entries.size;
  const ok = options.allowMissing
    ? checked.success
    : problems.length === 0 && merged.missing.length === 0;
  return {
    ok,
    catalog: candidate,
    json: serializeCatalog(candidate),
    missing: merged.missing,
    problems,
    counts,
  };
}
