/**
 * SIGTERM during a burst on both platforms, with shared state in Redis: every Slack event and Teams
 * activity the instance accepted gets exactly one reply although the chat services answer slowly,
 * and the process exits 0 within a bounded time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerOrSkip } from '../state/redis-server.js';
import { type BotProcess, startInstances } from './bot-process.js';
import { STACK_LINE, stdoutProblems } from './log-checks.js';
import {
  type Answer,
  type Fakes,
  newMention,
  newPaste,
  sendSlack,
  sendTeams,
  slackRepliesTo,
  startFakes,
  teamsRepliesTo,
} from './platforms.js';
import { type SlowProxy, startSlowProxy } from './slow-proxy.js';

const bin = redisServerOrSkip('SIGTERM during a burst with Redis');
const BURST = 12;
const REPLY_DELAY_MS = 600;
const EXIT_BOUND_MS = 20_000;

type Sent = { key: string; answer: Answer | undefined };

async function attempt(key: string, send: () => Promise<Answer>): Promise<Sent> {
  try {
    return { key, answer: await send() };
  } catch {
    // refused once the listener closed: not accepted, so no reply is owed
    return { key, answer: undefined };
  }
}

describe.skipIf(!bin)('SIGTERM during a burst with Redis', () => {
  let fakes: Fakes;
  let proxies: SlowProxy[] = [];
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    fakes = await startFakes(bin);
    proxies = [
      await startSlowProxy(fakes.slack.url, REPLY_DELAY_MS),
      await startSlowProxy(fakes.teams.url, REPLY_DELAY_MS),
    ];
    // the Slack Web API answers slowly too: through its proxy
    const env = { ...fakes.env, SLACK_API_URL: `${proxies[0]!.url}api/`, LOG_LEVEL: 'debug' };
    [bot] = await startInstances(['draining instance'], env, { redisReady: true });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop(2_000);
    await Promise.all(proxies.map((p) => p.close()));
    await fakes?.close();
  }, 30_000);

  it('replies once to everything it accepted, then exits 0 in time', async () => {
    const serviceUrl = proxies[1]!.url;
    const sends: Promise<Sent>[] = [];
    const slackTs: string[] = [];
    const teamsIds: string[] = [];
    let signalledAt = 0;

    for (let i = 0; i < BURST; i++) {
      const { ts, body } = newMention('AADSTS53003');
      slackTs.push(ts);
      sends.push(attempt(`slack ${ts}`, () => sendSlack(bot!, body)));
      const { id, body: activity } = newPaste(serviceUrl);
      teamsIds.push(id);
      sends.push(attempt(`teams ${id}`, () => sendTeams(bot!, activity)));
      if (i === BURST / 2) {
        signalledAt = Date.now();
        bot!.signal('SIGTERM');
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    const results = await Promise.all(sends);
    const timer = setTimeout(() => bot!.signal('SIGKILL'), EXIT_BOUND_MS);
    const code = await bot!.exited;
    clearTimeout(timer);
    expect(code, 'exit code (null: killed after the bound)').toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_BOUND_MS);

    const accepted = results.filter(
      (r) => r.answer && r.answer.status >= 200 && r.answer.status < 300,
    );
    if (process.env.SHOW_BURST)
      console.log(results.map((r) => `${r.key} ${r.answer?.status ?? 'refused'}`).join('\n'));
    // the burst began before the signal, so part of it was taken in
    expect(accepted.length).toBeGreaterThanOrEqual(BURST);
    for (const ts of slackTs) {
      const replies = slackRepliesTo(fakes.slack, 'C0000HELP', ts).length;
      expect(replies, `slack ${ts}`).toBeLessThanOrEqual(1);
      if (accepted.some((r) => r.key === `slack ${ts}`))
        expect(replies, `accepted slack ${ts}`).toBe(1);
    }
    for (const id of teamsIds) {
      const replies = teamsRepliesTo(fakes.teams, id).length;
      expect(replies, `teams ${id}`).toBeLessThanOrEqual(1);
      if (accepted.some((r) => r.key === `teams ${id}`))
        expect(replies, `accepted teams ${id}`).toBe(1);
    }
    expect(bot!.records().map((r) => r.event)).toContain('server.draining');
    expect(stdoutProblems(bot!.stdout())).toEqual([]);
    expect(bot!.output()).not.toMatch(STACK_LINE);
  }, 90_000);
});
