/**
 * Oversized and compressed bodies on both routes are refused before anything reads them into
 * memory (413 / 415), and the process's RSS stays flat while many arrive at once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../slack/harness.js';
import { type LoadTarget, postRaw, startLoadTarget } from './support.js';

// a full garbage collection on demand, so kept memory can be told apart from garbage
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const FIVE_MB = Buffer.alloc(5 * 1024 * 1024, 0x61);
// 64 MB of zeros compresses to about 64 KB: a small request that would inflate to a large one
const BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0));

describe('body limits under load', () => {
  let target: LoadTarget;
  beforeAll(async () => {
    target = await startLoadTarget();
  });
  afterAll(() => target?.close());

  // a valid signature, so the refusal is the size or the coding, not authentication
  const slackHeaders = (body: Buffer) => signedHeaders(body.toString('latin1'));
  const routes = [
    {
      name: 'Teams',
      path: '/api/messages',
      headers: () => ({ 'content-type': 'application/json' }),
    },
    { name: 'Slack', path: '/slack/events', headers: slackHeaders },
  ] as const;

  for (const route of routes) {
    it(`${route.name}: a 5 MB body gets 413, with or without Content-Length`, async () => {
      const url = `${target.running.url}${route.path}`;
      expect(await postRaw(url, route.headers(FIVE_MB), FIVE_MB)).toBe(413);
      expect(await postRaw(url, route.headers(FIVE_MB), FIVE_MB, true)).toBe(413);
    });

    it(`${route.name}: a gzip bomb gets 415 without being inflated`, async () => {
      const url = `${target.running.url}${route.path}`;
      const headers = { ...route.headers(BOMB), 'content-encoding': 'gzip' };
      expect(await postRaw(url, headers, BOMB)).toBe(415);
    });
  }

  it('keeps RSS flat while 160 oversized and compressed bodies arrive, 20 at a time', async () => {
    const send = (i: number): Promise<number | 'reset'> => {
      const route = routes[i % 2] ?? routes[0];
      const url = `${target.running.url}${route.path}`;
      if (i % 4 < 2) return postRaw(url, route.headers(FIVE_MB), FIVE_MB, i % 8 < 4);
      return postRaw(url, { ...route.headers(BOMB), 'content-encoding': 'gzip' }, BOMB);
    };
    const round = async (from: number, count: number): Promise<Array<number | 'reset'>> =>
      Promise.all(Array.from({ length: count }, (_, j) => send(from + j)));

    const statuses: Array<number | 'reset'> = [];
    // two warm-up rounds: sockets, stream buffers and code paths exist before the baseline
    for (let r = 0; r < 2; r += 1) statuses.push(...(await round(r * 20, 20)));
    collectGarbage();
    const retainedBefore = process.memoryUsage();
    const before = retainedBefore.rss;
    let peak = before;
    for (let r = 2; r < 8; r += 1) {
      statuses.push(...(await round(r * 20, 20)));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const mb = (bytes: number): number => bytes / 1024 / 1024;
    // six more rounds of ten 5 MB bodies: holding them would add about 300 MB; refused bytes are
    // read in small chunks and dropped, which shows as garbage awaiting collection, and how much of
    // it is still uncollected at the peak depends on GC timing, so the bound leaves room for that
    expect(mb(peak - before)).toBeLessThan(200);
    // what survives a full collection is what is kept: not the 300 MB of refused bodies (a few
    // socket buffers of the client side, which lives in this process too, may still be in flight)
    await new Promise((resolve) => setTimeout(resolve, 200));
    collectGarbage();
    const kept = process.memoryUsage();
    expect(mb(kept.arrayBuffers - retainedBefore.arrayBuffers)).toBeLessThan(48);
    expect(mb(kept.heapUsed - retainedBefore.heapUsed)).toBeLessThan(32);
    expect(statuses.filter((s) => s !== 413 && s !== 415)).toEqual([]);
    expect(target.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  }, 60_000);
});
