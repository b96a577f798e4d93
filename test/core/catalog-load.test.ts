import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogLoadError, defaultCatalogFile, loadCatalog } from '../../src/core/catalog/load.js';
import { FIXTURE_CATALOG, fixtureCatalog } from './helpers.js';

// one temp folder for every file this suite writes, removed when it ends
const scratch = mkdtempSync(join(tmpdir(), 'aadsts-catalog-'));
let written = 0;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeVariant(mutate: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(readFileSync(FIXTURE_CATALOG, 'utf8')) as Record<string, unknown>;
  mutate(data);
  written += 1;
  const file = join(scratch, `catalog-${written}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('loadCatalog', () => {
  const catalog = fixtureCatalog();

  it('looks codes up and lists them in ascending order', () => {
    expect(catalog.size).toBe(11);
    expect(catalog.get(53003)?.name).toBe('BlockedByConditionalAccess');
    expect(catalog.get(12345)).toBeUndefined();
    const codes = catalog.codes();
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(codes).toContain(9002326);
  });

  it('finds the single code one digit away, and none when it is ambiguous or exact', () => {
    expect(catalog.nearest(53004)).toBe(53003); // one digit changed
    expect(catalog.nearest(5003)).toBeUndefined(); // too short to be a code
    expect(catalog.nearest(530003)).toBe(53003); // one digit added
    expect(catalog.nearest(700019)).toBe(700016);
    // 500126 is one digit from 50126 (a 0 added) and from 500121 (6 for 1)
    expect(catalog.nearest(500126)).toBeUndefined();
    expect(catalog.nearest(53003)).toBeUndefined(); // known codes need no suggestion
    // 50056 is one digit from both 50053 and 50058
    expect(catalog.nearest(50056)).toBeUndefined();
    expect(catalog.nearest(99999)).toBeUndefined();
  });

  it('looks OAuth errors up by name, any case', () => {
    expect(catalog.oauthError('invalid_grant')?.error).toBe('invalid_grant');
    expect(catalog.oauthError('INVALID_REQUEST')?.error).toBe('invalid_request');
    expect(catalog.oauthError('nope')).toBeUndefined();
  });

  it('names the code and the field when an entry is invalid', () => {
    const file = writeVariant((data) => {
      const codes = data.codes as Record<string, Record<string, unknown>>;
      codes['53003']!.severity = 'apocalyptic';
    });
    expect(() => loadCatalog(file)).toThrow(CatalogLoadError);
    expect(() => loadCatalog(file)).toThrow(/code 53003, field severity/);
  });

  it('names nested fields too', () => {
    const file = writeVariant((data) => {
      const codes = data.codes as Record<string, Record<string, Record<string, unknown>>>;
      codes['50126']!.zh!.summary = '';
    });
    expect(() => loadCatalog(file)).toThrow(/code 50126, field zh\.summary/);
  });

  it('says where the file was when it is missing or not JSON', () => {
    expect(() => loadCatalog('/nonexistent/catalog.json')).toThrow(
      /cannot read the catalog at \/nonexistent/,
    );
    writeFileSync(join(scratch, 'bad.json'), '{ not json');
    expect(() => loadCatalog(join(scratch, 'bad.json'))).toThrow(CatalogLoadError);
  });

  it('loads the built catalog from its default place', () => {
    expect(
      existsSync(defaultCatalogFile()),
      'catalog/catalog.json is built by npm run catalog:build',
    ).toBe(true);
    const real = loadCatalog();
    expect(real.size).toBeGreaterThan(100);
    expect(real.get(53003)).toBeDefined();
  });
});
