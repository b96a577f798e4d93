/**
 * Splits a constant Adaptive Card template into a part that binds only cacheable data and "slots"
 * for the elements that bind per-message data (named fields of $root). The cacheable part is
 * expanded once per cache key; each message expands only the slots, still through
 * adaptivecards-templating, and splices them in where the engine would have put them.
 *
 * Why splicing gives the engine's own result: the engine expands an array item on its own and
 * concatenates what it yields (nothing, one object, or one per `$data` item) into the array. A slot is
 * always a whole array item, expanded here inside an array of its own under the same $root, and no
 * slot sits under an element with `$data` (whose scope it would lose). See
 * https://learn.microsoft.com/adaptive-cards/templating/language
 */

/** the marker left in the cacheable template where a slot's items go */
const SLOT_TYPE = 'aadsts.template-slot';

/** a template split for caching */
export interface SplitTemplate {
  /** the template with every per-message element replaced by a marker */
  cacheable: unknown;
  /** `{ "0": [element], "1": [element], … }`: the per-message elements, each in an array */
  slots: Record<string, unknown[]>;
  /** how many slots there are */
  slotCount: number;
  /**
   * the $root fields the slots may read (lower-cased, as the engine matches names), or undefined
   * when a slot's bindings could read any field (a function call, an indexer, a bare $root)
   */
  slotReads: Set<string> | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Splits `template` so that every binding of a name in `perMessage` lands in a slot. Returns
 * undefined when that cannot be done (the card root itself binds one of the names).
 */
export function splitTemplate(
  template: unknown,
  perMessage: readonly string[],
): SplitTemplate | undefined {
  const names = new RegExp(`\\b(?:${perMessage.map(escapeRegExp).join('|')})\\b`);
  // conservative: any string with a binding that mentions a name anywhere counts as using it
  const binds = (text: string): boolean => text.includes('${') && names.test(text);
  const dynamic = (node: unknown): boolean => {
    if (typeof node === 'string') return binds(node);
    if (Array.isArray(node)) return node.some(dynamic);
    if (isObject(node)) return Object.values(node).some(dynamic);
    return false;
  };
  // true when the element cannot be entered: a per-message binding outside its arrays, or a `$data`
  // (a scope change) over any per-message binding
  const whole = (node: Json): boolean => {
    if ('$data' in node && dynamic(node)) return true;
    for (const value of Object.values(node)) {
      if (typeof value === 'string' && binds(value)) return true;
      if (isObject(value) && whole(value)) return true;
    }
    return false;
  };
  if (!isObject(template) || whole(template)) return undefined;

  const slots: Record<string, unknown[]> = {};
  let slotCount = 0;
  const inObject = (node: Json): Json => {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = Array.isArray(value) ? inArray(value) : isObject(value) ? inObject(value) : value;
    }
    return out;
  };
  const inArray = (items: unknown[]): unknown[] =>
    items.map((item) => {
      if (!dynamic(item)) return item;
      if (isObject(item) && !whole(item)) return inObject(item);
      const slot = String(slotCount++);
      slots[slot] = [item];
      return { type: SLOT_TYPE, slot };
    });
  const cacheable = inObject(template);
  return { cacheable, slots, slotCount, slotReads: namesRead(slots) };
}

/**
 * Every name a template's bindings mention, lower-cased (the engine looks fields up without regard to
 * case); undefined when a binding could reach a field without naming it.
 */
function namesRead(template: unknown): Set<string> | undefined {
  const names = new Set<string>();
  let open = false;
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (!node.includes('${')) return;
      // calls, indexers and $root on its own can compute a field's name
      if (/[([]|\$root(?!\.)/.test(node)) open = true;
      for (const word of node.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [])
        names.add(word.toLowerCase());
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (isObject(node)) {
      Object.values(node).forEach(visit);
    }
  };
  visit(template);
  return open ? undefined : names;
}

/** the fields of `data` a slot may read; all of them when that cannot be known */
export function fieldsRead(data: object, reads: Set<string> | undefined): object {
  if (reads === undefined) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (reads.has(key.toLowerCase())) out[key] = value;
  }
  return out;
}

/** an expanded cacheable part, ready to take the slots of each message */
export interface PreparedPart {
  root: Json;
  /** objects and arrays on the way to a marker (the only ones copied per message) */
  paths: Set<object>;
}

/**
 * Readies the engine's expansion of a cacheable part: freezes it (it is shared by every message
 * with the same key) and records the way to each marker. Returns undefined when a marker appears
 * twice, which would mean the engine repeated it; the caller then expands without the cache.
 */
export function preparePart(expanded: unknown, slotCount: number): PreparedPart | undefined {
  if (!isObject(expanded)) return undefined;
  const paths = new Set<object>();
  const seen = new Set<string>();
  let repeated = false;
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node) || isObject(node)) {
      const marker = slotOf(node);
      if (marker !== undefined) {
        if (seen.has(marker) || Number(marker) >= slotCount) repeated = true;
        seen.add(marker);
        Object.freeze(node);
        return true;
      }
      let leads = false;
      for (const child of Array.isArray(node) ? node : Object.values(node)) {
        if (walk(child)) leads = true;
      }
      if (leads) paths.add(node);
      Object.freeze(node);
      return leads;
    }
    return false;
  };
  walk(expanded);
  return repeated ? undefined : { root: expanded, paths };
}

/**
 * A new card: the shared, frozen part with each marker replaced by its slot's items. Only the
 * objects and arrays that lead to a marker are copied; the rest is shared and stays frozen.
 */
export function spliceSlots(part: PreparedPart, slots: Record<string, unknown>): Json {
  return copyTowardSlots(part.root, part.paths, slots) as Json;
}

// module-level rather than a closure per call: this runs for every message
function copyTowardSlots(
  node: unknown,
  paths: Set<object>,
  slots: Record<string, unknown>,
): unknown {
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const item of node) {
      const slot = slotOf(item);
      if (slot !== undefined) {
        const items = slots[slot];
        if (Array.isArray(items)) for (const x of items) out.push(x);
      } else {
        out.push(paths.has(item as object) ? copyTowardSlots(item, paths, slots) : item);
      }
    }
    return out;
  }
  const out: Json = {};
  for (const key of Object.keys(node as Json)) {
    const value = (node as Json)[key];
    out[key] = paths.has(value as object) ? copyTowardSlots(value, paths, slots) : value;
  }
  return out;
}

function slotOf(node: unknown): string | undefined {
  if (!isObject(node) || node.type !== SLOT_TYPE) return undefined;
  const slot = node.slot;
  return typeof slot === 'string' && Object.keys(node).length === 2 ? slot : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
