/**
 * Prepared Adaptive Card templates, built once per template and reused for every expansion.
 * Preparing a template parses every `${…}` string into an expression tree, which costs milliseconds;
 * expanding a prepared one costs far less. Data still enters only through `expand({ $root })`.
 *
 * `expandCached` goes one step further for cards whose bulk depends on a few inputs (the codes, the
 * locale, the organization's contacts): the template is split (split-template.ts), the part that binds
 * only that data is expanded once per key and kept in a bounded LRU, and each message expands only
 * the small per-message part and splices it in. Per-message data is never part of what is kept.
 */
// the package root's typings pull in adaptivecards' TypeScript sources; the engine module's do not
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import { Lru } from '../core/lru.js';
import {
  fieldsRead,
  type PreparedPart,
  preparePart,
  spliceSlots,
  splitTemplate,
} from './split-template.js';

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

/** how many expanded cacheable parts are kept, across all templates */
export const EXPANSION_CACHE_SIZE = 256;

interface SplitPrepared {
  cacheable: Template;
  slots: Template;
  slotCount: number;
  slotReads: Set<string> | undefined;
}

interface CacheEntry {
  part: PreparedPart;
  /**
   * the cacheable fields the slots may read (labels, $root lookups); only those, because the engine
   * looks every name up by scanning all of an object's fields
   */
  data: object;
}

// undefined: the template cannot be split and is always expanded whole
const splits = new Map<string, SplitPrepared | undefined>();
// Map order is use order: a hit moves its entry to the end, the first entry is the least recently used
const entries = new Lru<string, CacheEntry | undefined>(EXPANSION_CACHE_SIZE);

/** what expandCached needs to know about one card */
export interface CachedExpansion<S> {
  /** the template's registration key (as for expandPrepared) */
  template: string;
  /** the constant template JSON registered under `template` */
  load: (template: string) => unknown;
  /** the $root fields that change with every message; the template is split around their bindings */
  perMessageFields: readonly string[];
  /**
   * a key that determines `cacheableData(source)` completely; undefined expands without the cache
   * (it must never be derived from per-message text)
   */
  cacheKey: string | undefined;
  /**
   * the $root data without any per-message field, built from `source`; called on a cache miss only
   * (a function and its input rather than a closure: this runs for every message)
   */
  cacheableData: (source: S) => object;
  source: S;
  /** the per-message fields */
  perMessageData: object;
}

/**
 * The card `template` expands to for `{ ...cacheableData(), ...perMessageData }`, byte for byte,
 * with the cacheable part taken from the cache when its key was seen before. The result shares
 * frozen subtrees with the cache: treat it as read-only.
 */
export function expandCached<S>(card: CachedExpansion<S>): unknown {
  const split = splitOf(card);
  if (split === undefined || card.cacheKey === undefined) return expandWhole(card);
  const key = `${card.template}\u0000${card.cacheKey}`;
  const hit = entries.lookup(key);
  let entry = hit?.value;
  if (hit === undefined) {
    const data = card.cacheableData(card.source);
    const part = preparePart(split.cacheable.expand({ $root: data }), split.slotCount);
    entry = part === undefined ? undefined : { part, data: fieldsRead(data, split.slotReads) };
    entries.set(key, entry);
  }
  if (entry === undefined) return expandWhole(card);
  const slots = split.slots.expand({ $root: { ...entry.data, ...card.perMessageData } });
  return spliceSlots(entry.part, slots as Record<string, unknown>);
}

/** how many cacheable parts are held (for tests and diagnostics) */
export function cachedExpansions(): number {
  return entries.size;
}

/** everything the cache holds, as JSON (for tests: it must never contain pasted text) */
export function cachedContent(): string {
  return JSON.stringify(
    [...entries.entries()].map(([key, entry]) => [key, entry?.part.root, entry?.data]),
  );
}

/** the whole template expanded, as expandPrepared does */
function expandWhole<S>(card: CachedExpansion<S>): unknown {
  const data = { ...card.cacheableData(card.source), ...card.perMessageData };
  return expandPrepared(card.template, () => card.load(card.template), data);
}

function splitOf<S>(card: CachedExpansion<S>): SplitPrepared | undefined {
  if (splits.has(card.template)) return splits.get(card.template);
  const split = splitTemplate(card.load(card.template), card.perMessageFields);
  const ready =
    split === undefined
      ? undefined
      : {
          cacheable: new Template(split.cacheable),
          slots: new Template(split.slots),
          slotCount: split.slotCount,
          slotReads: split.slotReads,
        };
  splits.set(card.template, ready);
  return ready;
}
