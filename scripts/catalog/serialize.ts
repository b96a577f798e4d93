/**
 * Deterministic JSON for the committed catalog: object keys sorted at every level, two-space indent,
 * trailing newline, no timestamps. Numeric code keys come out in numeric order because JavaScript
 * objects always enumerate integer-like keys that way.
 */

/** a deep copy with every object's keys in sorted order */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      sorted[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    }
    return sorted;
  }
  return value;
}

/** the exact bytes written to catalog/catalog.json */
export function serializeCatalog(catalog: unknown): string {
  return `${JSON.stringify(sortKeysDeep(catalog), null, 2)}\n`;
}
