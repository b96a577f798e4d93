import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandFields,
  eventFrom,
  FAST_TUNING,
  type ServerHarness,
  signedHeaders,
  startServerHarness,
} from './harness.js';

// the same checks through the real restify server: no body parser may touch the raw Slack body
describe('Slack mounted on the restify server', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServerHarness({ tuning: FAST_TUNING });
  });
  afterAll(() => h?.close());

  const post = async (body: string, contentType: string, extra: Record<string, string> = {}) => {
    const res = await fetch(`${h.running.url}/slack/events`, {
      method: 'POST',
      headers: { ...signedHeaders(body, contentType), ...extra },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return { status: res.status, text: await res.text() };
  };

  it('verifies and answers a form-encoded slash command', async () => {
    const form = new URLSearchParams(commandFields(h.fake, 'AADSTS53003', 'srv-cmd')).toString();
    const res = await post(form, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await h.mount.idle();
    expect(h.fake.delivered('response_url').filter((c) => c.hook === 'srv-cmd')).toHaveLength(1);
  });

  it('verifies and answers a JSON event', async () => {
    const body = JSON.stringify(
      eventFrom('event-app-mention.json', 'EvServer1', { ts: '1700500001.000001' }),
    );
    const res = await post(body, 'application/json');
    expect(res.status).toBe(200);
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700500001.000001');
    expect(replies).toHaveLength(1);
  });

  it('answers url_verification', async () => {
    const res = await post(
      '{"type":"url_verification","challenge":"abc123","token":"x"}',
      'application/json',
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'abc123' });
  });

  it('rejects a forged signature', async () => {
    const res = await fetch(`${h.running.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-slack-signature': 'v0=0000',
      },
      body: '{"type":"url_verification","challenge":"abc123"}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a compressed body before Slack code sees it', async () => {
    const res = await post('{}', 'application/json', { 'content-encoding': 'gzip' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).not.toBe(200);
  });
});
