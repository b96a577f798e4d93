/**
 * SIGTERM during a burst: the entry point runs as a child process against a slow fake Bot
 * Connector. Every activity the server accepted (answered 2xx) must have had its reply delivered,
 * readiness must turn 503 while draining, and the process must exit 0 within the bound.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, type Recorder, startRecorder } from '../teams/harness.js';
import { type MainProcess, startMain } from './spawn-main.js';

const GRACE_MS = 400;
const HARD_EXIT_MS = 10_000;
let main: MainProcess | undefined;
let recorder: Recorder | undefined;

afterAll(async () => {
  if (main && main.child.exitCode === null) main.child.kill('SIGKILL');
  await recorder?.close();
});

type Outcome = { id: string; status: number } | { id: string; error: string };

async function post(url: string, activity: Record<string, unknown>): Promise<Outcome> {
  const id = String(activity.id);
  try {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
    return { id, status: res.status };
  } catch (error: unknown) {
    return { id, error: error instanceof Error ? error.name : 'error' };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown of src/server/main.ts', () => {
  it('answers every accepted activity, reports draining, and exits 0 in time', async () => {
    // each reply takes 300 ms to be acknowledged, so turns are in flight when the signal arrives
    recorder = await startRecorder({ delayMs: 300 });
    main = await startMain({ RATE_LIMIT_USER: '0', RATE_LIMIT_CHANNEL: '0', LOG_LEVEL: 'info' }, [
      `--drain-grace-ms=${GRACE_MS}`,
      '--drain-work-ms=5000',
      `--drain-hard-exit-ms=${HARD_EXIT_MS}`,
    ]);
    const { url } = main;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    const pending: Promise<Outcome>[] = [];
    let signalledAt = 0;
    let readyWhileDraining: { status: number; body: unknown } | undefined;
    let healthWhileDraining = 0;
    // send one activity every 20 ms until the server has refused several (its listener closed)
    for (let i = 0; i < 250; i++) {
      pending.push(post(url, fixture('personal-paste', recorder.url)));
      if (i === 10) {
        main.child.kill('SIGTERM');
        signalledAt = Date.now();
        await sleep(50);
        const ready = await fetch(`${url}/readyz`);
        readyWhileDraining = { status: ready.status, body: await ready.json() };
        healthWhileDraining = (await fetch(`${url}/healthz`)).status;
      }
      await sleep(20);
      if (i > 10 && Date.now() - signalledAt > GRACE_MS + 500) break;
    }
    const outcomes = await Promise.all(pending);
    const code = await main.exited;
    const tookMs = Date.now() - signalledAt;

    expect(readyWhileDraining).toEqual({ status: 503, body: { status: 'draining' } });
    expect(healthWhileDraining).toBe(200);

    const accepted = outcomes.filter(
      (o): o is { id: string; status: number } => 'status' in o && o.status < 300,
    );
    const refused = outcomes.filter((o) => 'error' in o);
    // the burst straddled the signal: some before, some during the grace, some after the close
    expect(accepted.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => 'error' in o || o.status < 300)).toBe(true);

    const repliedTo = new Set(recorder.calls.map((c) => String(c.body.replyToId)));
    for (const { id } of accepted) expect(repliedTo.has(id), `reply to ${id}`).toBe(true);

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(HARD_EXIT_MS);
    const events = main.records.map((r) => r.event);
    expect(events).toEqual(
      expect.arrayContaining(['server.draining', 'server.closed', 'server.idle', 'server.stopped']),
    );
    expect(main.records.find((r) => r.event === 'server.idle')?.outcome).toBe('settled');
  }, 30_000);
});
