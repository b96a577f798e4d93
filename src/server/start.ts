/**
 * What `npm start` and the container run. Turns on Node's on-disk compile cache, loads the server
 * from the single-file bundle (dist/bundle/server.mjs, written by `npm run build`) or, in a tree
 * without it, from the compiled modules, and starts it.
 *
 * The cache lives where NODE_COMPILE_CACHE points, else in the OS temp folder; a start that cannot
 * use it runs uncached. `--warm-compile-cache` loads the bundle, writes the cache and exits without
 * starting anything: the container image runs it at build time, so even a first start reads
 * compiled code instead of parsing 6 MB of JavaScript.
 * See https://nodejs.org/api/module.html#module-compile-cache
 */
import { existsSync } from 'node:fs';
import module from 'node:module';

module.enableCompileCache?.();

const bundle = new URL('../bundle/server.mjs', import.meta.url);
const server = (await import(
  existsSync(bundle) ? bundle.href : new URL('./run.js', import.meta.url).href
)) as typeof import('./run.js');

if (process.argv.includes('--warm-compile-cache')) {
  const where = module.getCompileCacheDir?.();
  module.flushCompileCache?.();
  process.stdout.write(
    where ? `compile cache written to ${where}\n` : 'compile cache unavailable: nothing written\n',
  );
} else {
  await server.runServer();
}
