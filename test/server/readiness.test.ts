/** /readyz over HTTP with the cached readiness probe: starting, ready, Redis outage, draining. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createServer, listen, type RunningServer } from '../../src/server/create-server.js';
import { createReadinessProbe } from '../../src/server/readiness.js';
import type { StateReadiness } from '../../src/state/index.js';

// a state layer whose answers the test sets; it counts how often it is asked
let answer: StateReadiness = { ready: false, store: 'redis', redis: 'down' };
let asked = 0;
const state = {
  async readiness(): Promise<StateReadiness> {
    asked += 1;
    return answer;
  },
};
const probe = createReadinessProbe({ catalog: { size: 390 }, state, intervalMs: 60_000 });
let server: RunningServer;

beforeAll(async () => {
  server = await listen(
    createServer({
      logger: silentLogger,
      readiness: () => probe.current(),
      isDraining: () => probe.isDraining(),
    }),
    0,
    '127.0.0.1',
  );
});

afterAll(async () => {
  probe.stop();
  await server.close();
});

async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/readyz', () => {
  it('is 503 "starting" before the first check and while Redis was never reached', async () => {
    expect(await readyz()).toMatchObject({
      status: 503,
      body: { status: 'starting', redis: 'unknown' },
    });
    await probe.refresh();
    expect(await readyz()).toMatchObject({
      status: 503,
      body: { status: 'starting', config: 'loaded', catalog: 390, store: 'redis', redis: 'down' },
    });
  });

  it('is 200 once Redis answered, and answers probes from the cache', async () => {
    answer = { ready: true, store: 'redis', redis: 'up' };
    await probe.refresh();
    const before = asked;
    for (let i = 0; i < 5; i++) expect((await readyz()).status).toBe(200);
    expect(asked).toBe(before);
  });

  it('stays 200 through a Redis outage after the first connect, and says Redis is down', async () => {
    // by design: the stores fall back to memory, and failing every replica at once would silence the bot
    answer = { ready: true, store: 'redis', redis: 'down' };
    await probe.refresh();
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', redis: 'down' } });
  });

  it('is 503 "draining" once draining started, with connections closed after each response', async () => {
    probe.drain();
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'draining' });
    expect(res.headers.get('connection')).toBe('close');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('readiness without a catalog', () => {
  it('is not ready when the catalog is empty', async () => {
    const empty = createReadinessProbe({
      catalog: { size: 0 },
      state: { readiness: async () => ({ ready: true, store: 'memory' }) },
    });
    await empty.refresh();
    expect(empty.current()).toMatchObject({
      ready: false,
      body: { status: 'starting', catalog: 0 },
    });
  });
});
