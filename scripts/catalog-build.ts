/**
 * `npm run catalog:build` writes catalog/catalog.json from catalog/sources, catalog/curation,
 * catalog/families.yaml and catalog/oauth-errors.yaml. `--check` (npm run catalog:check) rebuilds in
 * memory and fails when the committed file differs. `--allow-missing` leaves out codes that have no
 * curation yet instead of failing. Format of every input: catalog/README.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from './catalog/build.js';
import { summarizeDiff } from './catalog/diff.js';
import { readBuildInput } from './catalog/io.js';

const catalogDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'catalog');
const outputPath = join(catalogDir, 'catalog.json');
const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const allowMissing = args.has('--allow-missing');

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** prints codes in rows so a long list stays readable */
function printCodes(codes: readonly number[]): void {
  for (let index = 0; index < codes.length; index += 12)
    say(`  ${codes.slice(index, index + 12).join(' ')}`);
}

function main(): number {
  const result = buildCatalog(readBuildInput(catalogDir), { allowMissing });
  say(
    `catalog: ${Object.entries(result.counts)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ')}`,
  );
  if (result.problems.length > 0) {
    say(`${allowMissing ? 'warning' : 'error'}: ${result.problems.length} problem(s):`);
    for (const problem of result.problems) say(`  ${problem}`);
  }
  if (result.missing.length > 0) {
    say(
      `${allowMissing ? 'warning' : 'error'}: ${result.missing.length} code(s) have no valid curation record` +
        `${allowMissing ? ' and were left out' : ' (add them to catalog/curation/*.yaml, or pass --allow-missing while curation is in progress)'}:`,
    );
    printCodes(result.missing);
  }
  if (!result.ok) return 1;
  if (check) {
    const committed = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : undefined;
    if (committed === undefined) {
      say('error: catalog/catalog.json is missing; run npm run catalog:build and commit it');
      return 1;
    }
    if (committed !== result.json) {
      say('error: catalog/catalog.json is out of date with its sources and curation:');
      for (const line of summarizeDiff(committed, result.json)) say(`  ${line}`);
      say('run npm run catalog:build and commit catalog/catalog.json');
      return 1;
    }
    say('catalog/catalog.json is up to date');
    return 0;
  }
  writeFileSync(outputPath, result.json);
  say(`wrote catalog/catalog.json (${Object.keys(result.catalog.codes).length} codes)`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error: unknown) {
  // a source whose format changed or a malformed families/oauth file: say which, without a stack trace
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
