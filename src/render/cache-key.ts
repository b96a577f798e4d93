/**
 * A text key for plain data, for caches of pure functions over it. The key is the value's JSON, used
 * only where JSON is exact: a value JSON would blur (NaN, Infinity, undefined in an array, a class
 * instance, a function, a toJSON method, a cycle) yields no key, and the caller does not cache.
 * JSON drops object fields that are undefined; the renderers read such a field and a missing one
 * alike, so that is no loss.
 */

/** nesting deeper than this is not plain reply data: not cached */
const MAX_DEPTH = 16;
/** the most characters of key text; larger input is not worth caching */
const MAX_KEY_LENGTH = 64 * 1024;

/** the key of `value`, or undefined when it should not be cached */
export function cacheKeyOf(value: unknown): string | undefined {
  if (!exact(value, 0)) return undefined;
  const key = JSON.stringify(value);
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** true when JSON.stringify keeps every difference a renderer could see */
function exact(node: unknown, depth: number): boolean {
  switch (typeof node) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(node);
    case 'object': {
      if (node === null) return true;
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          const item: unknown = node[i];
          // JSON writes undefined and holes as null, which a renderer reads differently
          if (item === undefined || !exact(item, depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(node);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in node) {
        const child: unknown = (node as Record<string, unknown>)[key];
        if (key === 'toJSON' || (child !== undefined && !exact(child, depth + 1))) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
