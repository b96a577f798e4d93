import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../../src/state/dedupe-store.js';

describe('memory dedupe store', () => {
  it('grants a key once within its TTL and again after it expires', async () => {
    let t = 1_000;
    const store = createMemoryDedupeStore({ now: () => t });
    expect(await store.claim('a', 600_000)).toBe(true);
    expect(await store.claim('a', 600_000)).toBe(false);
    t += 599_999;
    expect(await store.claim('a', 600_000)).toBe(false);
    t += 1;
    expect(await store.claim('a', 600_000)).toBe(true);
  });

  it('keeps keys independent', async () => {
    const store = createMemoryDedupeStore();
    expect(await store.claim('event:Ev1', 1000)).toBe(true);
    expect(await store.claim('event:Ev2', 1000)).toBe(true);
    expect(await store.claim('event:Ev1', 1000)).toBe(false);
  });

  it('lets a released key be claimed again', async () => {
    const store = createMemoryDedupeStore();
    expect(await store.claim('k', 60_000)).toBe(true);
    await store.release('k');
    expect(await store.claim('k', 60_000)).toBe(true);
    expect(await store.claim('k', 60_000)).toBe(false);
  });

  it('stays within its size bound, forgetting the oldest claims first', async () => {
    const store = createMemoryDedupeStore({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) expect(await store.claim(key, 60_000)).toBe(true);
    expect(store.size).toBe(3);
    expect(await store.claim('d', 60_000)).toBe(false);
    expect(await store.claim('b', 60_000)).toBe(false);
    // "a" was the oldest and was forgotten
    expect(await store.claim('a', 60_000)).toBe(true);
    expect(store.size).toBe(3);
  });

  it('drops expired claims when new ones arrive', async () => {
    let t = 0;
    const store = createMemoryDedupeStore({ now: () => t, maxEntries: 100 });
    for (let i = 0; i < 50; i += 1) await store.claim(`old-${i}`, 10);
    t = 100;
    await store.claim('fresh', 10);
    expect(store.size).toBe(1);
  });

  it('handles many concurrent claims of one key with a single winner', async () => {
    const store = createMemoryDedupeStore();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim('same', 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
