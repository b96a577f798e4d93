import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, eventFrom, type Harness, startHarness } from './harness.js';

describe('exactly one reply per user message', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  let seq = 0;
  const nextTs = (): string => {
    seq += 1;
    return `1700200${String(seq).padStart(3, '0')}.000100`;
  };
  const repliesTo = (ts: string): number =>
    h.fake.delivered('chat.postMessage').filter((c) => c.body.thread_ts === ts).length;
  const retry = (n: number) => ({
    headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' },
  });

  it('answers a delivery and its three retries once', async () => {
    const ts = nextTs();
    const event = eventFrom('event-message-channel.json', 'EvRetried', { ts });
    expect((await h.sendJson(event)).status).toBe(200);
    for (const n of [1, 2, 3]) expect((await h.sendJson(event, retry(n))).status).toBe(200);
    await h.mount.idle();
    expect(repliesTo(ts)).toBe(1);
  });

  it('answers once when retries arrive while the first delivery is still being handled', async () => {
    const ts = nextTs();
    const event = eventFrom('event-app-mention.json', 'EvConcurrent', { ts });
    const results = await Promise.all([
      h.sendJson(event),
      h.sendJson(event, retry(1)),
      h.sendJson(event, retry(2)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.mount.idle();
    expect(repliesTo(ts)).toBe(1);
  });

  for (const order of ['message first', 'app_mention first'] as const) {
    it(`answers an @mention delivered as message and app_mention once (${order})`, async () => {
      const ts = nextTs();
      const text = `<@${BOT_USER_ID}> AADSTS50076 again`;
      const asMessage = eventFrom('event-message-channel.json', `EvDoubleMsg${ts}`, { ts, text });
      const asMention = eventFrom('event-app-mention.json', `EvDoubleMention${ts}`, { ts, text });
      const [first, second] =
        order === 'message first' ? [asMessage, asMention] : [asMention, asMessage];
      await h.sendJson(first);
      await h.sendJson(second);
      await h.mount.idle();
      expect(repliesTo(ts)).toBe(1);
    });
  }

  it('answers once when a DM arrives as message and app_mention with the same ts', async () => {
    const ts = nextTs();
    const text = `<@${BOT_USER_ID}> 53003`;
    await h.sendJson(eventFrom('event-message-im.json', `EvDmMsg${ts}`, { ts, text }));
    await h.sendJson(
      eventFrom('event-app-mention.json', `EvDmMention${ts}`, { ts, text, channel: 'D0000DIRECT' }),
    );
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.channel === 'D0000DIRECT');
    expect(
      replies.filter((c) => c.body.thread_ts === undefined || c.body.thread_ts === ts),
    ).toHaveLength(1);
  });

  it('answers different messages separately, even with equal text', async () => {
    const a = nextTs();
    const b = nextTs();
    await h.sendJson(eventFrom('event-message-channel.json', `EvSame${a}`, { ts: a }));
    await h.sendJson(eventFrom('event-message-channel.json', `EvSame${b}`, { ts: b }));
    await h.mount.idle();
    expect(repliesTo(a)).toBe(1);
    expect(repliesTo(b)).toBe(1);
  });

  it('still answers a retry when the first delivery could not be answered', async () => {
    const ts = nextTs();
    const event = eventFrom('event-message-channel.json', 'EvFirstFailed', { ts });
    // every attempt of the first delivery fails (1 + 2 retries)
    h.fake.script('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 });
    await h.sendJson(event);
    await h.mount.idle();
    expect(repliesTo(ts)).toBe(0);
    expect(h.fake.attempts('chat.postMessage').filter((c) => c.body.thread_ts === ts)).toHaveLength(
      3,
    );
    await h.sendJson(event, retry(1));
    await h.mount.idle();
    expect(repliesTo(ts)).toBe(1);
    // and the retry after that is a duplicate again
    await h.sendJson(event, retry(2));
    await h.mount.idle();
    expect(repliesTo(ts)).toBe(1);
  });

  it('logs duplicates as such', () => {
    expect(h.logs.join('')).toContain('"outcome":"duplicate"');
  });
});
