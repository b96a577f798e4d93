import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandFields,
  eventFrom,
  fixture,
  type Harness,
  SIGNING_SECRET,
  sign,
  startHarness,
} from './harness.js';

describe('Slack request verification over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  const nowSec = (): number => Math.floor(Date.now() / 1000);

  it('accepts a signed JSON event and answers 200 at once', async () => {
    const res = await h.sendJson(
      eventFrom('event-message-channel.json', 'EvVerify1', { ts: '1700009000.000001' }),
    );
    expect(res.status).toBe(200);
    await h.mount.idle();
  });

  it('accepts a signed form-encoded slash command', async () => {
    const res = await h.sendForm(commandFields(h.fake, '53003', 'verify-cmd'));
    expect(res.status).toBe(200);
    await h.fake.waitFor(() =>
      h.fake.delivered('response_url').some((c) => c.hook === 'verify-cmd'),
    );
  });

  it('accepts a signed interactivity payload (payload=...)', async () => {
    const shortcut = {
      ...fixture('shortcut-explain-error.json'),
      response_url: h.fake.responseUrl('verify-sc'),
    };
    const res = await h.sendInteraction(shortcut);
    expect(res.status).toBe(200);
    await h.fake.waitFor(() =>
      h.fake.delivered('response_url').some((c) => c.hook === 'verify-sc'),
    );
  });

  it('answers url_verification with the challenge', async () => {
    const body = fixture<{ challenge: string }>('url-verification.json');
    const res = await h.sendJson(body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: body.challenge });
  });

  it('does not answer url_verification without a valid signature', async () => {
    const res = await h.sendJson(fixture('url-verification.json'), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('challenge');
  });

  describe('rejections never reach a handler', () => {
    const cases: Array<[string, (body: string) => Parameters<Harness['send']>[1]]> = [
      ['a forged signature (wrong secret)', () => ({ secret: 'forged-secret' })],
      ['a signature that is not hex HMAC', () => ({ signature: 'v0=deadbeef' })],
      [
        'a missing v0 prefix',
        (body) => ({ signature: sign(SIGNING_SECRET, String(nowSec()), body).slice(3) }),
      ],
      ['a stale timestamp (older than 5 minutes)', () => ({ timestamp: nowSec() - 301 })],
      ['a timestamp more than 5 minutes in the future', () => ({ timestamp: nowSec() + 301 })],
      ['a timestamp far in the future', () => ({ timestamp: nowSec() + 86_400 })],
      ['a modified body', (body) => ({ signedBody: body.replace('AADSTS50076', 'AADSTS50000') })],
    ];
    for (const [name, options] of cases) {
      it(`rejects ${name} with 401`, async () => {
        const eventId = `EvReject${name.length}`;
        const ts = `17000091${String(name.length).padStart(2, '0')}.000001`;
        const body = JSON.stringify(eventFrom('event-message-channel.json', eventId, { ts }));
        const before = h.fake.calls.length;
        const res = await h.send(body, options(body));
        expect(res.status).toBe(401);
        await h.mount.idle();
        expect(h.fake.calls.length).toBe(before);
      });
    }

    it('rejects a future-dated slash command too', async () => {
      const res = await h.sendForm(commandFields(h.fake, '53003', 'future-cmd'), {
        timestamp: nowSec() + 600,
      });
      expect(res.status).toBe(401);
      await h.mount.idle();
      expect(h.fake.attempts('response_url').some((c) => c.hook === 'future-cmd')).toBe(false);
    });
  });

  it('accepts a small clock skew into the future', async () => {
    const res = await h.sendJson(
      eventFrom('event-message-channel.json', 'EvSkew', { ts: '1700009500.000001' }),
      {
        timestamp: nowSec() + 60,
      },
    );
    expect(res.status).toBe(200);
  });

  it('refuses a body over the size limit before checking anything else', async () => {
    const text = `AADSTS50076 ${'x'.repeat(1024 * 1024)}`;
    const res = await h.sendJson(eventFrom('event-message-channel.json', 'EvHuge', { text }));
    expect(res.status).toBe(413);
  });

  it('answers GET and other paths with 404, not a handler', async () => {
    const get = await fetch(h.url, { signal: AbortSignal.timeout(5_000) });
    expect(get.status).toBe(404);
    const other = await h.mount
      .idle()
      .then(() =>
        fetch(h.url.replace('/slack/events', '/slack/other'), { method: 'POST', body: '{}' }),
      );
    expect(other.status).toBe(404);
  });

  it('logs rejections without request content', async () => {
    const marker = 'AADSTS50076 marker-text-that-must-not-be-logged';
    await h.sendJson(eventFrom('event-message-channel.json', 'EvLogged', { text: marker }), {
      secret: 'wrong',
    });
    const all = h.logs.join('');
    expect(all).toContain('"outcome":"rejected"');
    expect(all).not.toContain('marker-text');
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
