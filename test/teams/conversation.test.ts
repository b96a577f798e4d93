import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/render/i18n/labels.js';
import { cardsOf, fixture, postActivity, startTeamsSuite, type TeamsSuite } from './harness.js';

const CORRELATION_ID = '5b1c0a7e-2d3f-4a5b-8c9d-0e1f2a3b4c5d';
const en = labels('en');
const zh = labels('zh-CN');
let t: TeamsSuite;

beforeAll(async () => {
  t = await startTeamsSuite();
});
afterAll(() => t.close());
afterEach(() => t.clear());

/** posts a fixture and returns the one message the bot sent back, with its URL */
async function onlyReplyTo(name: string) {
  const activity = fixture(name, t.recorder.url);
  const answer = await postActivity(t.bot, activity);
  expect(answer.status).toBe(200);
  expect(t.recorder.calls).toHaveLength(1);
  const call = t.recorder.calls[0]!;
  return { activity, call, cards: cardsOf(call.body), json: JSON.stringify(cardsOf(call.body)) };
}

describe('personal chat', () => {
  it('explains a pasted error with one Adaptive Card that carries the code and correlation id', async () => {
    const { activity, call, cards, json } = await onlyReplyTo('personal-paste');
    const conversation = (activity.conversation as { id: string }).id;
    expect(call.method).toBe('POST');
    expect(decodeURIComponent(call.path)).toBe(
      `/v3/conversations/${conversation}/activities/${activity.id}`,
    );
    expect(call.body.type).toBe('message');
    expect(call.body.replyToId).toBe(activity.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(json).toContain('53003');
    expect(json).toContain(CORRELATION_ID);
    // unauthenticated local mode sends no token to the connector
    expect(call.headers.authorization).toBeUndefined();
  });

  it('answers "help" with the help card', async () => {
    const { json } = await onlyReplyTo('personal-help');
    expect(json).toContain(en.help.title);
    expect(json).not.toContain(en.help.noCode);
    expect(json).not.toContain(en.help.welcomeTitle);
  });

  it('answers in Chinese when the activity locale is zh-CN', async () => {
    const { json } = await onlyReplyTo('personal-zh-cn');
    expect(json).toContain('50076');
    expect(json).toMatch(/[\u4e00-\u9fff]/);

    t.recorder.calls.length = 0;
    const english = await onlyReplyTo('personal-paste');
    expect(english.json).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('channels and group chats', () => {
  it('strips the @mention and explains "aadsts 53003" in the thread', async () => {
    const { activity, call, json } = await onlyReplyTo('channel-mention');
    const conversation = (activity.conversation as { id: string }).id;
    expect(decodeURIComponent(call.path)).toBe(
      `/v3/conversations/${conversation}/activities/${activity.id}`,
    );
    expect(json).toContain('53003');
  });

  it('answers a mention without a code with help, not silence', async () => {
    const { json } = await onlyReplyTo('channel-mention-no-code');
    expect(json).toContain(en.help.noCode);
  });

  it('answers an unmentioned channel message that contains a code, in its thread', async () => {
    const { activity, call, json } = await onlyReplyTo('channel-passive-code');
    expect(call.body.replyToId).toBe(activity.id);
    expect(json).toContain('50126');
  });

  it('stays silent on an unmentioned channel message without a code', async () => {
    const answer = await postActivity(t.bot, fixture('channel-passive-no-code', t.recorder.url));
    expect(answer.status).toBe(200);
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('treats a slash command (a targeted message) as addressed to the bot', async () => {
    const activity = fixture('channel-passive-no-code', t.recorder.url);
    activity.text = '/help';
    activity.recipient = { ...(activity.recipient as object), isTargeted: true };
    await postActivity(t.bot, activity);
    expect(t.recorder.calls).toHaveLength(1);
    expect(JSON.stringify(cardsOf(t.recorder.calls[0]!.body))).toContain(en.help.title);
  });

  it('answers a bare code when mentioned in a group chat', async () => {
    const { json } = await onlyReplyTo('group-mention');
    expect(json).toContain('53003');
  });

  it('never replies to another bot', async () => {
    const answer = await postActivity(t.bot, fixture('from-other-bot', t.recorder.url));
    expect(answer.status).toBe(200);
    expect(t.recorder.calls).toHaveLength(0);
  });
});

describe('install and membership', () => {
  it('sends the welcome card once on installationUpdate "add"', async () => {
    const { json } = await onlyReplyTo('installation-update');
    expect(json).toContain(en.help.welcomeTitle);
  });

  it('sends nothing on conversationUpdate (the welcome hangs on installation only)', async () => {
    const answer = await postActivity(t.bot, fixture('conversation-update', t.recorder.url));
    expect(answer.status).toBe(200);
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('does not welcome again when the app is upgraded', async () => {
    const activity = { ...fixture('installation-update', t.recorder.url), action: 'add-upgrade' };
    expect((await postActivity(t.bot, activity)).status).toBe(200);
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('welcomes in Chinese for a zh-CN install', async () => {
    const activity = { ...fixture('installation-update', t.recorder.url), locale: 'zh-CN' };
    await postActivity(t.bot, activity);
    expect(JSON.stringify(cardsOf(t.recorder.calls[0]!.body))).toContain(zh.help.welcomeTitle);
  });
});

describe('privacy of the logs', () => {
  it('logs codes and outcomes, never the pasted text or its ids', async () => {
    const before = t.bot.logs.length;
    await onlyReplyTo('personal-paste');
    const written = t.bot.logs.slice(before).join('');
    expect(written).toContain('"outcome":"replied"');
    expect(written).toContain('53003');
    expect(written).not.toContain(CORRELATION_ID);
    expect(written).not.toContain('Conditional Access');
    expect(written).not.toContain('Helpdesk Engineer');
  });
});
