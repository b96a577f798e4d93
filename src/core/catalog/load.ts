/**
 * Loads the built catalog (catalog/catalog.json), checks it against the schema and wraps it in a
 * small read-only lookup object.
 */
import { readFileSync } from 'node:fs';
import { projectFile } from '../assets.js';
import {
  type CatalogData,
  type CatalogEntry,
  catalogSchema,
  type OAuthErrorEntry,
} from './schema.js';

/** read-only view of the catalog used by the handler and the CLI */
export interface Catalog {
  get(code: number): CatalogEntry | undefined;
  readonly size: number;
  /** every code, ascending */
  codes(): number[];
  /** the single catalog code one digit away from `code`, if exactly one exists */
  nearest(code: number): number | undefined;
  oauthError(name: string): OAuthErrorEntry | undefined;
}

/** a catalog file that is missing, not JSON or not valid against the schema */
export class CatalogLoadError extends Error {
  readonly code = 'CATALOG_INVALID';
}

const DEFAULT_FILE = projectFile('catalog', 'catalog.json');

/** default location of the built catalog */
export function defaultCatalogFile(): string {
  return DEFAULT_FILE;
}

/** reads, validates and wraps a catalog file; the error names the code and field at fault */
export function loadCatalog(file: string = DEFAULT_FILE): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CatalogLoadError(`cannot read the catalog at ${file}: ${reason}`);
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    // path looks like ["codes", "53003", "zh", "summary"]: name the code and the field
    const where =
      path[0] === 'codes' && path[1] !== undefined
        ? `code ${path[1]}, field ${path.slice(2).join('.') || '(entry)'}`
        : `field ${path.join('.') || '(root)'}`;
    throw new CatalogLoadError(`invalid catalog ${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return createCatalog(parsed.data);
}

/** wraps already-validated catalog data */
export function createCatalog(data: CatalogData): Catalog {
  const byCode = new Map<number, CatalogEntry>();
  for (const entry of Object.values(data.codes)) byCode.set(entry.code, entry);
  const sorted = [...byCode.keys()].sort((a, b) => a - b);
  const oauth = new Map<string, OAuthErrorEntry>();
  for (const [name, entry] of Object.entries(data.oauthErrors))
    oauth.set(name.toLowerCase(), entry);
  return {
    get: (code) => byCode.get(code),
    size: byCode.size,
    codes: () => [...sorted],
    nearest: (code) => nearestCode(code, byCode),
    oauthError: (name) => oauth.get(name.toLowerCase()),
  };
}

/** codes that differ from `code` in exactly one digit (same length), or by one digit added or dropped */
function nearestCode(code: number, known: ReadonlyMap<number, unknown>): number | undefined {
  if (known.has(code)) return undefined;
  const s = String(code);
  const hits = new Set<number>();
  const consider = (candidate: string): void => {
    if (candidate.length < 5 || candidate.length > 7 || candidate.startsWith('0')) return;
    const n = Number(candidate);
    if (n !== code && known.has(n)) hits.add(n);
  };
  for (let i = 0; i < s.length; i++) {
    for (let d = 0; d <= 9; d++) consider(s.slice(0, i) + String(d) + s.slice(i + 1));
    consider(s.slice(0, i) + s.slice(i + 1));
  }
  for (let i = 0; i <= s.length; i++) {
    for (let d = 0; d <= 9; d++) consider(s.slice(0, i) + String(d) + s.slice(i));
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}
