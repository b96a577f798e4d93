/**
 * Prepared Adaptive Card templates, built once per template and reused for every expansion.
 * Preparing a template parses every `${…}` string into an expression tree, which costs milliseconds;
 * expanding a prepared one costs far less. Data still enters only through `expand({ $root })`.
 */
// the package root's typings pull in adaptivecards' TypeScript sources; the engine module's do not
import { Template } from 'adaptivecards-templating/lib/template-engine.js';

const prepared = new Map<string, Template>();

/**
 * Expands the constant template registered under `key` with data bound as $root.
 * `load` is called only the first time a key is seen; the result must be constant JSON.
 */
export function expandPrepared(key: string, load: () => unknown, data: object): unknown {
  let template = prepared.get(key);
  if (template === undefined) {
    template = new Template(load());
    prepared.set(key, template);
  }
  // expand() builds a fresh result tree and leaves the prepared payload untouched, so reuse is safe
  return template.expand({ $root: data });
}
