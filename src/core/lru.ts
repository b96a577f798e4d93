/**
 * A bounded map that forgets the least recently used entry first, for the renderers' caches and
 * the Teams adapter's clients.
 * A Map keeps insertion order, so moving an entry to the end on every use leaves the least recently
 * used one first. Stored values may be undefined (a cached "cannot be cached"): `lookup` tells a
 * hit from a miss.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  /** a hit refreshes the entry and returns it in a box; a miss returns undefined */
  lookup(key: K): { value: V } | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return { value };
  }

  /** stores the value as the most recently used, forgetting the oldest entries beyond capacity */
  set(key: K, value: V): void {
    this.map.delete(key);
    while (this.map.size >= this.capacity) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
    this.map.set(key, value);
  }

  /** forgets the entry, if there is one */
  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}
