/**
 * Rate limits and usage counters shared by two instances through Redis: a user who spreads messages
 * over both instances is slowed down once in total, and stats asked on one instance count the codes
 * explained on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerOrSkip } from '../state/redis-server.js';
import { type BotProcess, startInstances, stopAll } from './bot-process.js';
import {
  type Fakes,
  newMention,
  sendSlack,
  sendTeams,
  settle,
  startFakes,
  teamsFixture,
  uniqueId,
} from './platforms.js';

const bin = redisServerOrSkip('rate limits and usage shared through Redis');
const LIMIT = 3;
const SLOW_DOWN = /slow down/i;

/** what the (at most one) reply to a message was */
const kindOf = (replies: Array<{ body: unknown }>): string =>
  replies.length === 0
    ? 'none'
    : SLOW_DOWN.test(JSON.stringify(replies[0]?.body))
      ? 'slow-down'
      : 'explain';

describe.skipIf(!bin)('rate limits and usage shared through Redis', () => {
  let fakes: Fakes;
  let a: BotProcess | undefined;
  let b: BotProcess | undefined;

  beforeAll(async () => {
    fakes = await startFakes(bin);
    const env = {
      ...fakes.env,
      RATE_LIMIT_USER: String(LIMIT),
      RATE_LIMIT_CHANNEL: '0',
      RATE_LIMIT_WINDOW_SECONDS: '600',
    };
    [a, b] = await startInstances(['instance A', 'instance B'], env, { redisReady: true });
  }, 150_000);

  afterAll(async () => {
    await stopAll([a, b]);
    await fakes?.close();
  }, 30_000);

  /** sends one Slack @mention from `user` in `channel` and waits until that instance handled it */
  const slackMention = async (bot: BotProcess, user: string, channel: string, text: string) => {
    const { eventId, ts, body } = newMention(text, { user, channel });
    expect((await sendSlack(bot, body)).status).toBe(200);
    await bot.waitForRecord(
      `slack.message ${eventId}`,
      (r) => r.activityId === eventId && r.outcome !== undefined,
    );
    await settle(200);
    return fakes.slack
      .delivered('chat.postMessage')
      .filter((c) => c.body.channel === channel && c.body.thread_ts === ts);
  };

  it('slows a Slack user down once across both instances, then stays silent', async () => {
    const user = uniqueId('U');
    const answers: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const replies = await slackMention(i % 2 === 0 ? a! : b!, user, 'C0000RATE', 'AADSTS50076');
      expect(replies.length, `message ${i + 1}`).toBeLessThanOrEqual(1);
      answers.push(kindOf(replies));
    }
    expect(answers).toEqual(['explain', 'explain', 'explain', 'slow-down', 'none']);
  });

  /** a personal-chat activity from one user, or a channel mention in one team */
  const teamsMessage = (from: string, text: string, team?: string): Record<string, unknown> => {
    const base = teamsFixture(team ? 'channel-mention' : 'personal-paste', fakes.teams.url);
    const sender = {
      ...(base.from as Record<string, unknown>),
      id: `29:${from}`,
      aadObjectId: from,
    };
    const channelData = team
      ? { ...(base.channelData as Record<string, unknown>), teamsTeamId: team, team: { id: team } }
      : base.channelData;
    const said = team ? `<at>AADSTS Explainer</at> ${text}` : text;
    return {
      ...base,
      id: uniqueId('1700'),
      from: sender,
      channelData,
      text: said,
      attachments: [],
    };
  };

  const teamsReplies = (id: string) =>
    fakes.teams.calls.filter((c) => c.body.type === 'message' && c.body.replyToId === id);

  it('slows a Teams user down once across both instances, then stays silent', async () => {
    const user = `00000000-0000-4000-8000-${uniqueId('').toLowerCase()}`;
    const answers: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const activity = teamsMessage(user, 'AADSTS50076');
      expect((await sendTeams(i % 2 === 0 ? a! : b!, activity)).status).toBe(200);
      await settle(200);
      const replies = teamsReplies(String(activity.id));
      expect(replies.length, `message ${i + 1}`).toBeLessThanOrEqual(1);
      answers.push(kindOf(replies));
    }
    expect(answers).toEqual(['explain', 'explain', 'explain', 'slow-down', 'none']);
  });

  it('counts Slack codes explained on one instance in stats asked on the other', async () => {
    const channel = uniqueId('C');
    await slackMention(a!, uniqueId('U'), channel, 'AADSTS50076');
    await slackMention(a!, uniqueId('U'), channel, 'AADSTS50076');
    await slackMention(b!, uniqueId('U'), channel, 'AADSTS53003');
    const stats = await slackMention(b!, uniqueId('U'), channel, 'stats');
    expect(stats).toHaveLength(1);
    const text = JSON.stringify(stats[0]?.body);
    expect(text).toContain('50076');
    expect(text).toContain('53003');
    expect(text.indexOf('50076')).toBeLessThan(text.indexOf('53003'));
  });

  it('counts Teams codes explained on one instance in stats asked on the other', async () => {
    const team = `19:${uniqueId('team')}@thread.tacv2`;
    for (const [bot, code] of [
      [b!, '50076'],
      [b!, '50076'],
      [a!, '53003'],
    ] as const) {
      const activity = teamsMessage(uniqueId('user'), `AADSTS${code}`, team);
      expect((await sendTeams(bot, activity)).status).toBe(200);
    }
    const ask = teamsMessage(uniqueId('user'), 'stats', team);
    expect((await sendTeams(a!, ask)).status).toBe(200);
    const replies = teamsReplies(String(ask.id));
    expect(replies).toHaveLength(1);
    const text = JSON.stringify(replies[0]?.body);
    expect(text).toContain('50076');
    expect(text).toContain('53003');
    expect(text.indexOf('50076')).toBeLessThan(text.indexOf('53003'));
  });
});
