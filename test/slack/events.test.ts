import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack.js';
import { BOT_USER_ID, eventFrom, type Harness, startHarness } from './harness.js';

const CJK = /[\u4e00-\u9fff]/;

describe('Slack events over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { locales: { U0000ZH: 'zh-CN', U0000EN: 'en-US' } } });
  });
  afterAll(() => h?.close());

  let seq = 0;
  const nextTs = (): string => {
    seq += 1;
    return `1700100${String(seq).padStart(3, '0')}.000100`;
  };
  /** sends an event, waits until it is handled, returns the replies it produced */
  const deliver = async (
    fixtureName: string,
    overrides: Record<string, unknown>,
  ): Promise<RecordedCall[]> => {
    const before = h.fake.delivered('chat.postMessage').length;
    const res = await h.sendJson(
      eventFrom(fixtureName, `EvEvents${seq}-${Math.random()}`, overrides),
    );
    expect(res.status).toBe(200);
    await h.mount.idle();
    return h.fake.delivered('chat.postMessage').slice(before);
  };

  it('answers an @mention in the thread of the mention', async () => {
    const ts = nextTs();
    const replies = await deliver('event-app-mention.json', { ts });
    expect(replies).toHaveLength(1);
    const body = replies[0]!.body;
    expect(body.channel).toBe('C0000HELP');
    expect(body.thread_ts).toBe(ts);
    expect(String(body.text)).toContain('53003');
    expect(Array.isArray(body.blocks)).toBe(true);
    expect(body.unfurl_links).toBe('false');
  });

  it('answers an @mention without a code with help', async () => {
    const replies = await deliver('event-app-mention.json', {
      ts: nextTs(),
      text: `<@${BOT_USER_ID}> hello`,
    });
    expect(replies).toHaveLength(1);
    expect(String(replies[0]!.body.text).length).toBeGreaterThan(0);
  });

  it('answers a direct message in the conversation, not in a thread', async () => {
    const replies = await deliver('event-message-im.json', { ts: nextTs() });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.channel).toBe('D0000DIRECT');
    expect(replies[0]!.body.thread_ts).toBeUndefined();
    expect(String(replies[0]!.body.text)).toContain('53003');
  });

  it('answers a pasted error in a watched channel in a thread', async () => {
    const ts = nextTs();
    const replies = await deliver('event-message-channel.json', { ts });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.thread_ts).toBe(ts);
    expect(String(replies[0]!.body.text)).toContain('50076');
  });

  it('answers inside the existing thread when the paste is a thread reply', async () => {
    const replies = await deliver('event-message-channel.json', {
      ts: nextTs(),
      thread_ts: '1700000001.000001',
    });
    expect(replies[0]!.body.thread_ts).toBe('1700000001.000001');
  });

  it('stays silent in a watched channel when there is no code', async () => {
    const replies = await deliver('event-message-channel.json', {
      ts: nextTs(),
      text: 'Is anyone else seeing slow sign-ins today?',
    });
    expect(replies).toHaveLength(0);
  });

  it('leaves a channel @mention to app_mention instead of answering the message event', async () => {
    const replies = await deliver('event-message-channel.json', {
      ts: nextTs(),
      text: `<@${BOT_USER_ID}> AADSTS50076`,
    });
    expect(replies).toHaveLength(0);
  });

  it('ignores messages from other bots', async () => {
    expect(await deliver('event-message-bot.json', { ts: nextTs() })).toHaveLength(0);
  });

  it('ignores its own messages', async () => {
    const own = {
      ts: nextTs(),
      user: BOT_USER_ID,
      bot_id: 'BBOT0001',
      text: 'AADSTS50076 explained',
    };
    expect(await deliver('event-message-channel.json', own)).toHaveLength(0);
    expect(await deliver('event-app-mention.json', { ...own, ts: nextTs() })).toHaveLength(0);
  });

  it('ignores edits, deletions and joins', async () => {
    for (const subtype of ['message_changed', 'message_deleted', 'channel_join']) {
      expect(await deliver('event-message-channel.json', { ts: nextTs(), subtype })).toHaveLength(
        0,
      );
    }
  });

  it('answers zh users in Chinese and looks their locale up once', async () => {
    const lookupsBefore = h.fake
      .attempts('users.info')
      .filter((c) => c.body.user === 'U0000ZH').length;
    const first = await deliver('event-message-im.json', { ts: nextTs(), user: 'U0000ZH' });
    const second = await deliver('event-message-im.json', { ts: nextTs(), user: 'U0000ZH' });
    expect(String(first[0]!.body.text) + JSON.stringify(first[0]!.body.blocks)).toMatch(CJK);
    expect(String(second[0]!.body.text) + JSON.stringify(second[0]!.body.blocks)).toMatch(CJK);
    const lookups = h.fake.attempts('users.info').filter((c) => c.body.user === 'U0000ZH');
    expect(lookups.length - lookupsBefore).toBe(1);
    expect(lookups[0]!.body.include_locale).toBe('true');
  });

  it('answers other users in English', async () => {
    const replies = await deliver('event-message-im.json', { ts: nextTs(), user: 'U0000EN' });
    expect(String(replies[0]!.body.text) + JSON.stringify(replies[0]!.body.blocks)).not.toMatch(
      CJK,
    );
  });

  it('calls auth.test once, not per request', () => {
    expect(h.fake.attempts('auth.test')).toHaveLength(1);
  });

  it('never logs what users wrote or who they are', () => {
    const all = h.logs.join('');
    expect(all).toContain('"event":"slack.message"');
    expect(all).not.toContain('since this morning');
    expect(all).not.toContain('U0000USER');
    expect(all).not.toContain('C0000HELP');
    expect(all).not.toContain('xoxb-');
  });
});
