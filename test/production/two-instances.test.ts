/**
 * Two instances of the real entry point behind one Redis, as behind a load balancer: the same Slack
 * event and the same Teams activity reach both, and exactly one reply goes out for each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerOrSkip } from '../state/redis-server.js';
import { type BotProcess, startInstances, stopAll } from './bot-process.js';
import {
  type Fakes,
  newMention,
  newPaste,
  sendSlack,
  sendTeams,
  settle,
  slackRepliesTo,
  startFakes,
  teamsRepliesTo,
  until,
} from './platforms.js';

const bin = redisServerOrSkip('two instances sharing one Redis');

describe.skipIf(!bin)('two instances sharing one Redis', () => {
  let fakes: Fakes;
  let a: BotProcess | undefined;
  let b: BotProcess | undefined;

  beforeAll(async () => {
    fakes = await startFakes(bin);
    [a, b] = await startInstances(['instance A', 'instance B'], {
      ...fakes.env,
      LOG_LEVEL: 'debug',
    });
  }, 150_000);

  afterAll(async () => {
    await stopAll([a, b]);
    await fakes?.close();
  }, 30_000);

  it('connects each instance to the shared Redis', async () => {
    for (const bot of [a!, b!]) {
      await bot.waitForRecord(
        'redis.ready (REDIS_URL must give each instance a Redis connection)',
        (r) => r.event === 'redis.ready',
        10_000,
      );
    }
  });

  const mention = () => newMention('what does AADSTS53003 mean?');

  const slackOutcome = (bot: BotProcess, eventId: string) =>
    bot.waitForRecord(
      `slack.message for ${eventId}`,
      (r) => r.event === 'slack.message' && r.activityId === eventId,
    );

  it('answers a Slack event delivered to both instances at once exactly once', async () => {
    const { eventId, ts, body } = mention();
    const answers = await Promise.all([sendSlack(a!, body), sendSlack(b!, body)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);

    const outcomes = await Promise.all([slackOutcome(a!, eventId), slackOutcome(b!, eventId)]);
    await until('the Slack reply', () => slackRepliesTo(fakes.slack, 'C0000HELP', ts).length >= 1);
    await settle();
    expect(slackRepliesTo(fakes.slack, 'C0000HELP', ts)).toHaveLength(1);
    expect(outcomes.map((r) => r.outcome).sort()).toEqual(['duplicate', 'replied']);
  });

  it('answers a Slack retry that reaches the other instance once', async () => {
    const { eventId, ts, body } = mention();
    expect((await sendSlack(a!, body)).status).toBe(200);
    await until('the first reply', () => slackRepliesTo(fakes.slack, 'C0000HELP', ts).length >= 1);
    // Slack retries a delivery it thinks failed; the load balancer sends it to B
    expect((await sendSlack(b!, body, { retry: 1 })).status).toBe(200);
    await slackOutcome(b!, eventId);
    await settle();
    expect(slackRepliesTo(fakes.slack, 'C0000HELP', ts)).toHaveLength(1);
  });

  it('still answers different Slack messages on each instance', async () => {
    const first = mention();
    const second = mention();
    await Promise.all([sendSlack(a!, first.body), sendSlack(b!, second.body)]);
    await until(
      'both replies',
      () =>
        slackRepliesTo(fakes.slack, 'C0000HELP', first.ts).length >= 1 &&
        slackRepliesTo(fakes.slack, 'C0000HELP', second.ts).length >= 1,
    );
    await settle();
    expect(slackRepliesTo(fakes.slack, 'C0000HELP', first.ts)).toHaveLength(1);
    expect(slackRepliesTo(fakes.slack, 'C0000HELP', second.ts)).toHaveLength(1);
  });

  const activity = () => newPaste(fakes.teams.url);

  it('answers a Teams activity delivered to both instances at once exactly once', async () => {
    const { id, body } = activity();
    const answers = await Promise.all([sendTeams(a!, body), sendTeams(b!, body)]);
    // the duplicate is acknowledged too, so the Bot Connector does not redeliver it
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    await until('the Teams reply', () => teamsRepliesTo(fakes.teams, id).length >= 1);
    await settle();
    expect(teamsRepliesTo(fakes.teams, id)).toHaveLength(1);
    expect(JSON.stringify(teamsRepliesTo(fakes.teams, id)[0]?.body)).toContain('53003');
  });

  it('answers a Teams redelivery that reaches the other instance once', async () => {
    const { id, body } = activity();
    expect((await sendTeams(b!, body)).status).toBe(200);
    await until('the first reply', () => teamsRepliesTo(fakes.teams, id).length >= 1);
    expect((await sendTeams(a!, body)).status).toBe(200);
    await settle();
    expect(teamsRepliesTo(fakes.teams, id)).toHaveLength(1);
  });

  it('still answers different Teams activities on each instance', async () => {
    const first = activity();
    const second = activity();
    await Promise.all([sendTeams(a!, first.body), sendTeams(b!, second.body)]);
    await until(
      'both replies',
      () =>
        teamsRepliesTo(fakes.teams, first.id).length >= 1 &&
        teamsRepliesTo(fakes.teams, second.id).length >= 1,
    );
    await settle();
    expect(teamsRepliesTo(fakes.teams, first.id)).toHaveLength(1);
    expect(teamsRepliesTo(fakes.teams, second.id)).toHaveLength(1);
  });

  it('kept both instances running', () => {
    expect([a!.alive(), b!.alive()]).toEqual([true, true]);
  });
});
