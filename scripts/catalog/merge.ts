/**
 * Merges the official facts (vendored sources), the family defaults and the curation overlay into
 * catalog entries, and validates each entry against the shared schema.
 */
import { type CatalogEntry, catalogEntrySchema } from '../../src/core/catalog/schema.js';
import type { CuratedEntry } from './curation.js';
import { type Family, familyFor } from './families.js';
import { officialText, RENUMBERED } from './official-text.js';
import type { ParsedSources } from './parse-sources.js';

/** everything the merge needs */
export interface MergeInput {
  parsed: ParsedSources;
  curation: ReadonlyMap<number, CuratedEntry>;
  families: readonly Family[];
}

/** merged entries, codes that have no curation yet, and problems naming code and field */
export interface MergeResult {
  entries: Map<number, CatalogEntry>;
  missing: number[];
  problems: string[];
}

/** every code named by a source or a curation file, ascending */
export function allCodes(input: Pick<MergeInput, 'parsed' | 'curation'>): number[] {
  const codes = new Set<number>(input.curation.keys());
  for (const byCode of input.parsed.values()) for (const code of byCode.keys()) codes.add(code);
  return [...codes].sort((a, b) => a - b);
}

/** the text used when no source and no curation describes a code that a reference lists by name only */
export const nameOnlyDescription = (name: string): string =>
  `Microsoft's reference lists this code only by its name, ${name}, without a description.`;

/** merges one code; returns the entry or the problems that stop it */
function mergeOne(code: number, curated: CuratedEntry, input: MergeInput): CatalogEntry | string[] {
  const official = officialText(code, input.parsed);
  const { record } = curated;
  const family = familyFor(code, input.families);
  const where = `code ${code}`;
  const problems: string[] = [];
  const inSources = official.sources.length > 0;
  if (!inSources && !record.sources) {
    problems.push(
      `${where} field sources: required in ${curated.file} because no vendored source lists this code`,
    );
  }
  // a curated description would be silently shadowed by the official one, so it must go
  if (official.description && record.description) {
    problems.push(
      `${where} field description: a vendored source describes this code; remove it from ${curated.file}`,
    );
  }
  const name = official.name ?? record.name;
  const description =
    official.description ?? record.description ?? (name ? nameOnlyDescription(name) : undefined);
  if (!description)
    problems.push(
      `${where} field description: no source describes it; add description in ${curated.file}`,
    );
  const severity = record.severity ?? family?.severity;
  if (!severity)
    problems.push(
      `${where} field severity: not curated and family ${family?.id ?? '(none)'} has no default`,
    );
  const contacts = record.contacts ?? family?.contacts;
  if (!contacts)
    problems.push(
      `${where} field contacts: not curated and family ${family?.id ?? '(none)'} has no default`,
    );
  if (contacts && contacts.length === 0 && severity !== 'info') {
    problems.push(`${where} field contacts: empty is allowed only for severity info`);
  }
  const tags = [...new Set([...(family?.tags ?? []), ...(record.tags ?? [])])].sort();
  const sources = [...official.sources];
  for (const ref of record.sources ?? []) {
    if (!sources.some((known) => known.id === ref.id && known.url === ref.url)) sources.push(ref);
  }
  if (problems.length > 0) return problems;
  const entry = {
    code,
    ...(name ? { name } : {}),
    summary: record.summary,
    description,
    severity,
    contacts,
    nextSteps: record.nextSteps,
    ...(record.security ? { security: record.security } : {}),
    tags,
    sources,
    ...(official.alternates.length > 0 ? { alternates: official.alternates } : {}),
    zh: {
      summary: record.zh.summary,
      ...(official.zhDescription ? { description: official.zhDescription } : {}),
      nextSteps: record.zh.nextSteps,
      ...(record.zh.security ? { security: record.zh.security } : {}),
      origin: official.zhDescription ? 'official' : 'project',
    },
  };
  const checked = catalogEntrySchema.safeParse(entry);
  if (!checked.success) {
    return checked.error.issues.map(
      (issue) => `${where} field ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return checked.data;
}

/**
 * Merges every code. A code without curation is reported in `missing`; an old number of a renumbered
 * code (RENUMBERED) borrows the curation of its current number unless it has its own.
 */
export function mergeCatalog(input: MergeInput): MergeResult {
  const entries = new Map<number, CatalogEntry>();
  const missing: number[] = [];
  const problems: string[] = [];
  for (const code of allCodes(input)) {
    const renamed = RENUMBERED.get(code);
    const curated =
      input.curation.get(code) ?? (renamed === undefined ? undefined : input.curation.get(renamed));
    if (!curated) {
      missing.push(code);
      continue;
    }
    const result = mergeOne(code, curated, input);
    if (Array.isArray(result)) problems.push(...result);
    else entries.set(code, result);
  }
  return { entries, missing, problems };
}
