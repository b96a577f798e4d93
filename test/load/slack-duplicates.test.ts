/**
 * Load: 50 connections of signed Slack traffic through the real restify server, every event
 * delivered three times (the first delivery and two Slack retries, often concurrently). Every
 * delivery is acknowledged with 200 and every event gets exactly one reply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cannon } from '../../bench/baseline/harness.js';
import { silentLogger } from '../../src/log/logger.js';
import { createRateLimiter } from '../../src/state/rate-limit.js';
import {
  fixture,
  type ServerHarness,
  signedHeaders,
  startServerHarness,
} from '../slack/harness.js';

const EVENTS = 900;
const DELIVERIES = 3;

describe('Slack under load with duplicate deliveries', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    // production time limits: the short test limits would time out replies under load
    h = await startServerHarness({
      // the limiter stays in the path with limits the test never reaches
      rateLimiter: createRateLimiter({
        limits: { userPoints: 1_000_000, channelPoints: 1_000_000, windowSeconds: 60 },
        logger: silentLogger,
      }),
    });
  });
  afterAll(() => h?.close());

  it(`answers ${EVENTS} events delivered ${DELIVERIES} times each exactly once`, async () => {
    const base = fixture<Record<string, unknown> & { event: Record<string, unknown> }>(
      'event-message-channel.json',
    );
    const sentTs = new Set<string>();
    let k = 0;
    const result = await cannon({
      url: h.running.url,
      connections: 50,
      amount: EVENTS * DELIVERIES,
      timeout: 15,
      requests: [
        {
          method: 'POST',
          path: '/slack/events',
          setupRequest: (req) => {
            // deliveries of one event are spread across connections so they overlap in time
            const i = k % EVENTS;
            const retry = Math.floor(k / EVENTS);
            k += 1;
            const ts = `1700300000.${String(i).padStart(6, '0')}`;
            sentTs.add(ts);
            const body = JSON.stringify({
              ...base,
              event_id: `EvLoad${i}`,
              event: { ...base.event, ts, event_ts: ts, user: `U${i % 40}` },
            });
            return {
              ...req,
              body,
              headers: {
                ...signedHeaders(body),
                ...(retry > 0
                  ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' }
                  : {}),
              },
            };
          },
        },
      ],
    });
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result['2xx']).toBe(EVENTS * DELIVERIES);
    await h.mount.idle();

    const replies = new Map<string, number>();
    for (const call of h.fake.delivered('chat.postMessage')) {
      const ts = String(call.body.thread_ts);
      replies.set(ts, (replies.get(ts) ?? 0) + 1);
    }
    expect(sentTs.size).toBe(EVENTS);
    const wrong = [...sentTs].filter((ts) => replies.get(ts) !== 1);
    expect(wrong.map((ts) => `${ts}: ${replies.get(ts) ?? 0}`).slice(0, 5)).toEqual([]);
    expect(replies.size).toBe(EVENTS);
  }, 45_000);
});
