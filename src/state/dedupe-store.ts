/**
 * Remembers which deliveries were already handled, so a platform that retries or delivers one message
 * twice gets exactly one reply. The interface is async so a shared store (Redis) can implement it.
 */

/** claims keys for a time; the first claimant of a key within its TTL wins */
export interface DedupeStore {
  /** true the first time `key` is claimed within `ttlMs`; false while an earlier claim is live */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** gives a claim back, so a later retry of a delivery whose handling failed is answered */
  release(key: string): Promise<void>;
}

/** options of the in-memory store */
export interface MemoryDedupeOptions {
  /** most keys kept at once; the oldest claims are forgotten first when full */
  maxEntries?: number;
  /** clock in milliseconds, injectable for tests */
  now?: () => number;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/** a bounded, single-process dedupe store; enough for one instance, use a shared store for several */
export function createMemoryDedupeStore(options: MemoryDedupeOptions = {}): DedupeStore & {
  readonly size: number;
} {
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const now = options.now ?? Date.now;
  // Map keeps insertion order, so the first entries are the oldest claims.
  const expiries = new Map<string, number>();

  const evict = (at: number): void => {
    for (const [key, expiresAt] of expiries) {
      // stop at the first live claim once the size is within bounds
      if (expiries.size <= maxEntries && expiresAt > at) break;
      expiries.delete(key);
    }
  };

  return {
    get size() {
      return expiries.size;
    },
    async claim(key: string, ttlMs: number): Promise<boolean> {
      const at = now();
      const expiresAt = expiries.get(key);
      if (expiresAt !== undefined && expiresAt > at) return false;
      // delete first so a re-claimed key moves to the young end of the order
      expiries.delete(key);
      expiries.set(key, at + Math.max(0, ttlMs));
      evict(at);
      return true;
    },
    async release(key: string): Promise<void> {
      expiries.delete(key);
    },
  };
}
