import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { slowDownReply } from '../../src/core/notice.js';
import { statsReply } from '../../src/core/stats.js';
import { createLogger } from '../../src/log/logger.js';
import { toBlockKit } from '../../src/render/block-kit.js';
import { createMemoryDedupeStore } from '../../src/state/dedupe-store.js';
import { createRateLimiter } from '../../src/state/rate-limit.js';
import { createMemoryUsageStore, type UsageStore } from '../../src/state/usage.js';
import { commandFields, eventFrom, fixture, type Harness, startHarness } from './harness.js';

const silent = createLogger({ level: 'silent' });
const slowDownText = (() => {
  const reply = slowDownReply('en');
  if (reply.kind === 'none') throw new Error('slow-down reply expected');
  return toBlockKit(reply).text;
})();

let seq = 0;
const nextTs = (): string => {
  seq += 1;
  return `1700300${String(seq).padStart(3, '0')}.000100`;
};
const nextId = (): string => `EvLimits${++seq}`;

describe('rate limits over HTTP', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('answers within the user limit, says "slow down" once, then stays silent', async () => {
    h = await startHarness({
      rateLimiter: createRateLimiter({
        limits: { userPoints: 2, channelPoints: 0, windowSeconds: 60 },
        logger: silent,
      }),
    });
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const before = h.fake.delivered('chat.postMessage').length;
      await h.sendJson(eventFrom('event-message-im.json', nextId(), { ts: nextTs() }));
      await h.mount.idle();
      const posted = h.fake.delivered('chat.postMessage').slice(before);
      texts.push(posted.map((c) => String(c.body.text)).join('|'));
    }
    expect(texts[0]).toContain('53003');
    expect(texts[1]).toContain('53003');
    expect(texts[2]).toBe(slowDownText);
    expect(texts.slice(3)).toEqual(['', '']);
    const outcomes = h.logs.join('');
    expect(outcomes.match(/"outcome":"slow-down"/g)).toHaveLength(1);
    expect(outcomes.match(/"outcome":"rate-limited"/g)).toHaveLength(2);
  });

  it('does not count chatter the bot stays silent on', async () => {
    h = await startHarness({
      rateLimiter: createRateLimiter({
        limits: { userPoints: 1, channelPoints: 0, windowSeconds: 60 },
        logger: silent,
      }),
    });
    for (let i = 0; i < 3; i++) {
      await h.sendJson(
        eventFrom('event-message-channel.json', nextId(), { ts: nextTs(), text: 'coffee?' }),
      );
    }
    await h.sendJson(eventFrom('event-message-channel.json', nextId(), { ts: nextTs() }));
    await h.mount.idle();
    const posted = h.fake.delivered('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(String(posted[0]!.body.text)).toContain('50076');
  });

  it('limits a busy channel across users', async () => {
    h = await startHarness({
      rateLimiter: createRateLimiter({
        limits: { userPoints: 0, channelPoints: 2, windowSeconds: 60 },
        logger: silent,
      }),
    });
    for (const user of ['U0000AAA1', 'U0000AAA2', 'U0000AAA3', 'U0000AAA4']) {
      await h.sendJson(eventFrom('event-message-channel.json', nextId(), { ts: nextTs(), user }));
      await h.mount.idle();
    }
    const texts = h.fake.delivered('chat.postMessage').map((c) => String(c.body.text));
    expect(texts).toHaveLength(3);
    expect(texts[2]).toBe(slowDownText);
  });

  it('says "slow down" privately to a slash command over the limit, then nothing', async () => {
    h = await startHarness({
      rateLimiter: createRateLimiter({
        limits: { userPoints: 1, channelPoints: 0, windowSeconds: 60 },
        logger: silent,
      }),
    });
    for (const hook of ['r1', 'r2', 'r3']) {
      await h.sendForm(commandFields(h.fake, '53003', hook));
      await h.mount.idle();
    }
    const answers = h.fake.delivered('response_url');
    expect(answers.map((c) => c.hook)).toEqual(['r1', 'r2']);
    expect(answers[0]!.body.response_type).toBe('ephemeral');
    expect(String(answers[0]!.body.text)).toContain('53003');
    expect(answers[1]!.body.text).toBe(slowDownText);
    expect(answers[1]!.body.response_type).toBe('ephemeral');
  });
});

describe('usage stats over HTTP', () => {
  let h: Harness;
  let usage: UsageStore;
  beforeAll(async () => {
    usage = createMemoryUsageStore();
    h = await startHarness({ usage });
  });
  afterAll(() => h?.close());

  it('counts explained codes per channel and answers /aadsts stats privately', async () => {
    const mention = (text: string) =>
      h.sendJson(
        eventFrom('event-app-mention.json', nextId(), {
          ts: nextTs(),
          text: `<@UBOT0001> ${text}`,
        }),
      );
    await mention('AADSTS53003');
    await mention('AADSTS53003 and AADSTS50076');
    await mention('AADSTS53003 again');
    // a number the catalog does not know is not counted
    await mention('AADSTS99999991');
    await h.mount.idle();

    const stored = await usage.summary('slack:T0000TEST:C0000HELP');
    expect(stored.top).toEqual([
      { code: 53003, count: 3 },
      { code: 50076, count: 1 },
    ]);

    await h.sendForm(commandFields(h.fake, 'stats', 'stats1'));
    await h.mount.idle();
    const [answer] = h.fake.delivered('response_url').filter((c) => c.hook === 'stats1');
    expect(answer?.body.response_type).toBe('ephemeral');
    const expected = statsReply(stored, loadCatalog(), 'en');
    if (expected.kind === 'none') throw new Error('stats reply expected');
    expect(answer?.body.text).toBe(toBlockKit(expected).text);
    const shown = JSON.stringify(answer?.body.blocks);
    expect(shown.indexOf('53003')).toBeGreaterThan(-1);
    expect(shown.indexOf('53003')).toBeLessThan(shown.indexOf('50076'));
    // stats are counts only: no user id, and no share button for a private answer
    expect(shown).not.toContain('U0000USER');
    expect(shown).not.toContain('share_in_channel');
  });

  it('answers "stats" in an @mention in the thread, for that channel only', async () => {
    const ts = nextTs();
    await h.sendJson(
      eventFrom('event-app-mention.json', nextId(), { ts, text: '<@UBOT0001> stats' }),
    );
    await h.mount.idle();
    const [posted] = h.fake.delivered('chat.postMessage').filter((c) => c.body.thread_ts === ts);
    expect(JSON.stringify(posted?.body.blocks)).toContain('53003');

    // another channel has its own, empty, counts
    await h.sendForm({
      ...commandFields(h.fake, 'stats', 'stats2'),
      channel_id: 'C0000OTHER',
    });
    await h.mount.idle();
    const [other] = h.fake.delivered('response_url').filter((c) => c.hook === 'stats2');
    expect(JSON.stringify(other?.body.blocks)).not.toContain('53003');
  });

  it('does not treat "stats" in a watched channel as a request', async () => {
    const before = h.fake.delivered('chat.postMessage').length;
    await h.sendJson(
      eventFrom('event-message-channel.json', nextId(), { ts: nextTs(), text: 'stats' }),
    );
    await h.mount.idle();
    expect(h.fake.delivered('chat.postMessage').length).toBe(before);
  });

  it('does not answer the shortcut on someone’s "stats" message with stats', async () => {
    const base = fixture<Record<string, unknown> & { message: Record<string, unknown> }>(
      'shortcut-explain-error.json',
    );
    await h.sendInteraction({
      ...base,
      message: { ...base.message, text: 'stats' },
      response_url: h.fake.responseUrl('s-stats'),
    });
    await h.mount.idle();
    const [answer] = h.fake.delivered('response_url').filter((c) => c.hook === 's-stats');
    const stats = statsReply(await usage.summary('slack:T0000TEST:C0000HELP'), loadCatalog(), 'en');
    if (stats.kind === 'none') throw new Error('stats reply expected');
    expect(answer?.body.text).toEqual(expect.any(String));
    expect(answer?.body.text).not.toBe(toBlockKit(stats).text);
  });

  it('does not count the stats requests themselves', async () => {
    const stored = await usage.summary('slack:T0000TEST:C0000HELP');
    expect(stored.total).toBe(4);
  });
});

describe('stores passed in are shared between instances', () => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    const dedupe = createMemoryDedupeStore();
    const usage = createMemoryUsageStore();
    a = await startHarness({ dedupe, usage });
    b = await startHarness({ dedupe, usage });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('answers one event delivered to both instances once', async () => {
    const event = eventFrom('event-app-mention.json', 'EvBothInstances', { ts: nextTs() });
    await Promise.all([a.sendJson(event), b.sendJson(event)]);
    await Promise.all([a.mount.idle(), b.mount.idle()]);
    const total =
      a.fake.delivered('chat.postMessage').length + b.fake.delivered('chat.postMessage').length;
    expect(total).toBe(1);
  });

  it('reports on one instance what the other counted', async () => {
    await a.sendJson(eventFrom('event-message-im.json', nextId(), { ts: nextTs() }));
    await a.mount.idle();
    await b.sendForm({
      ...commandFields(b.fake, 'stats', 'shared'),
      channel_id: 'D0000DIRECT',
    });
    await b.mount.idle();
    const [answer] = b.fake.delivered('response_url').filter((c) => c.hook === 'shared');
    expect(JSON.stringify(answer?.body.blocks)).toContain('53003');
  });
});
