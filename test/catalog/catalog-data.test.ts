/**
 * Invariants over the committed catalog/catalog.json. These run against whatever is committed, so they
 * catch hand edits and stale builds as well as gaps in curation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STEP_MAX, SUMMARY_MAX, TAGS } from '../../scripts/catalog/vocabulary.js';
import { type CatalogData, catalogSchema } from '../../src/core/catalog/schema.js';
import { CATALOG_DIR, readSource, scanAllSources, tableRows } from './source-scan.js';

const raw: unknown = JSON.parse(readFileSync(join(CATALOG_DIR, 'catalog.json'), 'utf8'));
const catalog = raw as CatalogData;
const entries = Object.values(catalog.codes);
const entry = (code: number) => catalog.codes[String(code)];

/** every string anywhere in a value, with its path */
function strings(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value))
    return value.flatMap((item, index) => strings(item, `${path}.${index}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => strings(item, `${path}.${key}`));
  }
  return [];
}

describe('catalog.json', () => {
  it('has as many codes as the README says', () => {
    const readme = readFileSync(join(CATALOG_DIR, '..', 'README.md'), 'utf8');
    const stated = [...readme.matchAll(/(\d[\d,]*) codes\b/g)].map((m) =>
      Number((m[1] ?? '').replaceAll(',', '')),
    );
    expect(stated.length).toBeGreaterThan(0);
    for (const count of stated) expect(count).toBe(entries.length);
  });

  it('matches the schema', () => {
    const result = catalogSchema.safeParse(raw);
    expect(
      result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    ).toEqual([]);
  });

  it('keys each entry by its own code', () => {
    for (const [key, value] of Object.entries(catalog.codes))
      expect(value.code, key).toBe(Number(key));
  });

  it('holds every code that appears in any vendored source', () => {
    for (const [file, codes] of scanAllSources()) {
      const absent = [...codes].filter((code) => !entry(code));
      expect(absent, file).toEqual([]);
    }
  });

  it("holds every code of Microsoft's current reference", () => {
    const current = tableRows(readSource('entra-reference-current.md')).map((row) => row.code);
    expect(current.length).toBeGreaterThan(300);
    expect(current.filter((code) => !entry(code))).toEqual([]);
  });

  it('has no empty or padded text anywhere', () => {
    const bad = strings(raw, '').filter(([, text]) => text.trim() === '' || text !== text.trim());
    expect(bad).toEqual([]);
  });

  it('has no markup left in official or curated text', () => {
    const bad = entries.flatMap((e) =>
      strings(e, String(e.code)).filter(
        ([path, text]) =>
          !path.endsWith('url') &&
          /<\/?(?:br|ul|ol|li|td|tr|th|table|tbody|thead|a|p|b|i|em|strong|div|span)\b[^>]*>|\]\(|•|\*\*|&#x?\d|&amp;|\{%/i.test(
            text,
          ),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('gives every code Chinese text with as many steps as the English', () => {
    for (const e of entries) {
      expect(e.zh.summary, String(e.code)).toMatch(/[\u3400-\u9fff]/);
      expect(e.zh.nextSteps.length, String(e.code)).toBe(e.nextSteps.length);
      expect(Boolean(e.zh.security), String(e.code)).toBe(Boolean(e.security));
      expect(e.zh.origin, String(e.code)).toBe(e.zh.description ? 'official' : 'project');
    }
  });

  it('uses the official Chinese text for every code of the zh-CN source', () => {
    const zhCodes = tableRows(readSource('signin-report-2019.zh-CN.md')).map((row) => row.code);
    expect(zhCodes.length).toBe(133);
    expect(zhCodes.filter((code) => entry(code)?.zh.origin !== 'official')).toEqual([]);
  });

  it('keeps summaries and steps short, plain and within the vocabularies', () => {
    for (const e of entries) {
      expect(e.summary.length, String(e.code)).toBeLessThanOrEqual(SUMMARY_MAX);
      for (const step of e.nextSteps)
        expect(step.length, String(e.code)).toBeLessThanOrEqual(STEP_MAX);
      for (const tag of e.tags) expect(TAGS, `${e.code} tag ${tag}`).toContain(tag);
      expect(new Set(e.contacts).size, String(e.code)).toBe(e.contacts.length);
      if (e.contacts.length === 0) expect(e.severity, String(e.code)).toBe('info');
    }
  });

  it('cites a source for every code', () => {
    for (const e of entries) expect(e.sources.length, String(e.code)).toBeGreaterThan(0);
  });

  it('resolves both numbers of the renumbered PKCE code', () => {
    expect(entry(501481)?.alternates).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 50148 })]),
    );
    expect(entry(50148)?.alternates).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 501481 })]),
    );
  });

  it('records the known disagreements between sources as alternates', () => {
    const sourcesOf = (code: number) => (entry(code)?.alternates ?? []).map((a) => a.source);
    expect(sourcesOf(1000000)).toContain('security-watchlist');
    expect(sourcesOf(50020)).toContain('signin-report-2019');
    expect(sourcesOf(530032)).toContain('signin-report-2019');
    expect(sourcesOf(16000)).toEqual(
      expect.arrayContaining(['aadsts-reference-2023', 'signin-report-2019']),
    );
  });

  it('has the OAuth error values with meaning, client action and Chinese', () => {
    expect(Object.keys(catalog.oauthErrors).sort()).toEqual([
      'interaction_required',
      'invalid_client',
      'invalid_grant',
      'invalid_request',
      'invalid_resource',
      'temporarily_unavailable',
      'unauthorized_client',
      'unsupported_grant_type',
    ]);
  });
});
