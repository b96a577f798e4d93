import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../scripts/catalog/build.js';
import { summarizeDiff } from '../../scripts/catalog/diff.js';
import { readBuildInput } from '../../scripts/catalog/io.js';
import { serializeCatalog } from '../../scripts/catalog/serialize.js';
import { CATALOG_DIR } from './source-scan.js';

const run = promisify(execFile);
const root = join(CATALOG_DIR, '..');

describe('catalog build', () => {
  it('gives identical bytes on two builds', () => {
    const first = buildCatalog(readBuildInput(CATALOG_DIR), { allowMissing: true }).json;
    const second = buildCatalog(readBuildInput(CATALOG_DIR), { allowMissing: true }).json;
    expect(second).toBe(first);
  });

  it('sorts keys at every level, indents by two spaces and ends with a newline', () => {
    expect(serializeCatalog({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe(
      '{\n  "a": {\n    "c": 2,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it('is in sync: the strict build reproduces the committed catalog.json', () => {
    const result = buildCatalog(readBuildInput(CATALOG_DIR));
    expect(result.missing).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.json).toBe(readFileSync(join(CATALOG_DIR, 'catalog.json'), 'utf8'));
  });

  it('summarises a difference by code and field', () => {
    const built = JSON.stringify({
      schemaVersion: 1,
      codes: { '1': { a: 1, b: 2 }, '3': {} },
      oauthErrors: {},
    });
    const committed = JSON.stringify({
      schemaVersion: 1,
      codes: { '1': { a: 1, b: 3 }, '2': {} },
      oauthErrors: {},
    });
    expect(summarizeDiff(committed, built)).toEqual(['changed 1: b', 'added 3', 'removed 2']);
    expect(summarizeDiff('{', built)).toEqual([
      'the committed catalog/catalog.json is not valid JSON',
    ]);
  });

  it('runs as npm run catalog:check and passes on the committed file', async () => {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const { stderr } = await run(tsx, ['scripts/catalog-build.ts', '--check'], { cwd: root });
    expect(stderr).toContain('catalog/catalog.json is up to date');
  });
});
