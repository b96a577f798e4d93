/**
 * `npm run build` step two: bundles the server (src/server/run.ts and every package it imports)
 * into one ES module, dist/bundle/server.mjs. Loading one file instead of ~2,000 modules is what
 * keeps start-up under a second; dist/server/start.js loads the bundle with Node's compile cache on.
 * The bundle still resolves catalog/ and cards/ from the project root (src/core/assets.ts).
 * See https://esbuild.github.io/api/#bundle and https://esbuild.github.io/api/#platform
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// CommonJS packages inside an ES module bundle still call require() for Node built-ins and read
// __dirname / __filename; the banner gives them those names, bound to the bundle file.
const banner = [
  "import { createRequire as __aadstsCreateRequire } from 'node:module';",
  "import { dirname as __aadstsDirname } from 'node:path';",
  "import { fileURLToPath as __aadstsFileURLToPath } from 'node:url';",
  'const require = __aadstsCreateRequire(import.meta.url);',
  'const __filename = __aadstsFileURLToPath(import.meta.url);',
  'const __dirname = __aadstsDirname(__filename);',
].join('\n');

// --outfile puts the bundle elsewhere (the image-layout test builds a copy of the image's files)
const at = process.argv.indexOf('--outfile');
const file = at >= 0 ? (process.argv[at + 1] ?? '') : 'dist/bundle/server.mjs';
if (!file.endsWith('.mjs')) throw new Error('--outfile needs a path ending in .mjs');

const result = await build({
  // run.ts exports runServer(); start.ts imports the bundle and calls it
  entryPoints: ['src/server/run.ts'],
  outfile: file,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  // class and function names stay readable in stack traces and error names
  keepNames: true,
  sourcemap: 'linked',
  // restify's optional DTrace probes are a native addon that cannot be bundled; restify runs
  // without it when the require fails
  external: ['dtrace-provider'],
  // tr46 (under botbuilder's node-fetch) requires 'punycode', which Node resolves to its deprecated
  // built-in; outside node_modules that prints DEP0040 at every start, so the bundle takes the
  // same code from the userland package instead
  alias: { punycode: 'punycode/' },
  banner: { js: banner },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// esbuild escapes non-ASCII characters in strings but not inside regular expression literals
// (pino's fast-redact has one, and so do the extractor's CJK punctuation classes). One such
// character makes V8 hold the whole 6 MB source as two-byte text, so they are escaped here:
// \uXXXX means the same code unit in a regex, string or template literal. (The source map's
// columns on those few lines move by a few characters.)
let escaped = 0;
const ascii = readFileSync(file, 'utf8').replace(/[^\x00-\x7f]/g, (ch) => {
  escaped += 1;
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
});
writeFileSync(file, ascii);

const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
process.stdout.write(
  `bundle: ${file} (${(bytes / 1e6).toFixed(1)} MB with map; ${escaped} non-ASCII characters escaped)\n`,
);
