/**
 * Redis goes down while the real entry point runs: messages on both platforms are still answered
 * exactly once, the process stays up, and the log names the outage by stable codes only (no host,
 * port, client message or stack). When Redis returns, the instance uses it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerOrSkip } from '../state/redis-server.js';
import { type BotProcess, type LogRecord, startInstances } from './bot-process.js';
import { STACK_LINE, stdoutProblems } from './log-checks.js';
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

const bin = redisServerOrSkip('Redis down mid-run');
const WARN = 40;
/** a stable error code, e.g. REDIS_ECONNREFUSED */
const CODE = /^[A-Z][A-Z0-9_]{1,60}$/;

describe.skipIf(!bin)('Redis down mid-run', () => {
  let fakes: Fakes;
  let bot: BotProcess | undefined;
  /** how many records were written before Redis was killed */
  let before = 0;

  beforeAll(async () => {
    fakes = await startFakes(bin);
    const env = { ...fakes.env, LOG_LEVEL: 'debug' };
    [bot] = await startInstances(['instance'], env, { redisReady: true });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop(5_000);
    await fakes?.close();
  }, 30_000);

  /** sends one Slack message (twice when `retried`, as Slack does) and returns its thread ts */
  const slackMessage = async (retried: boolean): Promise<string> => {
    const { ts, body } = newMention('AADSTS50076 again');
    expect((await sendSlack(bot!, body)).status).toBe(200);
    if (retried) expect((await sendSlack(bot!, body, { retry: 1 })).status).toBe(200);
    return ts;
  };

  /** sends one Teams activity (twice when `retried`) and returns its id */
  const teamsMessage = async (retried: boolean): Promise<string> => {
    const { id, body: activity } = newPaste(fakes.teams.url);
    expect((await sendTeams(bot!, activity)).status).toBe(200);
    if (retried) expect((await sendTeams(bot!, activity)).status).toBe(200);
    return id;
  };

  /** both messages get exactly one reply */
  const expectOneReplyEach = async (ts: string, id: string): Promise<void> => {
    await until(
      'a reply on each platform',
      () =>
        slackRepliesTo(fakes.slack, 'C0000HELP', ts).length >= 1 &&
        teamsRepliesTo(fakes.teams, id).length >= 1,
      15_000,
    );
    await settle();
    expect(slackRepliesTo(fakes.slack, 'C0000HELP', ts)).toHaveLength(1);
    expect(teamsRepliesTo(fakes.teams, id)).toHaveLength(1);
  };

  const since = (): LogRecord[] => bot!.records().slice(before);

  it('answers while Redis is up', async () => {
    await expectOneReplyEach(await slackMessage(true), await teamsMessage(true));
  });

  it('notices and logs that Redis is gone', async () => {
    before = bot!.records().length;
    await fakes.redis!.kill();
    const lost = await bot!.waitForRecord(
      'a warning about Redis after the kill',
      (r, index) => index >= before && (r.level ?? 0) >= WARN && /^redis\./.test(String(r.event)),
      15_000,
    );
    expect(lost.event).toMatch(/^redis\.(lost|error)$/);
  });

  it('keeps answering each message exactly once, retries included', async () => {
    await expectOneReplyEach(await slackMessage(true), await teamsMessage(true));
    // and again, now that every store has met the outage
    await expectOneReplyEach(await slackMessage(true), await teamsMessage(true));
    expect(since().some((r) => r.event === 'dedupe.fallback')).toBe(true);
  });

  it('stays up and reports Redis down on /readyz without leaving rotation', async () => {
    expect(bot!.alive()).toBe(true);
    const health = await fetch(`${bot!.url}/healthz`, { signal: AbortSignal.timeout(3_000) });
    expect(health.status).toBe(200);
    let last = '';
    // the probe caches its Redis check, so the change shows within a few seconds
    for (let i = 0; i < 60 && !/"redis":"down"/.test(last); i++) {
      const ready = await fetch(`${bot!.url}/readyz`, { signal: AbortSignal.timeout(3_000) });
      last = `${ready.status} ${await ready.text()}`;
      if (!/"redis":"down"/.test(last)) await settle(250);
    }
    expect(last).toMatch(/^200 .*"redis":"down"/);
  });

  it('records the outage by code only: no address, client message or stack', () => {
    const warnings = since().filter((r) => (r.level ?? 0) >= WARN);
    expect(warnings.length).toBeGreaterThan(0);
    for (const record of warnings) {
      if (record.errorCode !== undefined) expect(record.errorCode).toMatch(CODE);
    }
    expect(warnings.filter((r) => r.errorCode !== undefined).length).toBeGreaterThan(0);
    const output = bot!.output();
    const port = fakes.redis!.port;
    for (const needle of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'connect ECONNREFUSED',
      'Connection is closed',
      '[ioredis]',
      'Unhandled',
    ]) {
      expect(output, needle).not.toContain(needle);
    }
    expect(output).not.toMatch(STACK_LINE);
    expect(stdoutProblems(bot!.stdout())).toEqual([]);
  });

  it('uses Redis again when it returns', async () => {
    const readyBefore = bot!.records().filter((r) => r.event === 'redis.ready').length;
    await fakes.redis!.restart();
    await until(
      'redis.ready after the restart',
      () => bot!.records().filter((r) => r.event === 'redis.ready').length > readyBefore,
      20_000,
    );
    await expectOneReplyEach(await slackMessage(true), await teamsMessage(true));
    expect(bot!.alive()).toBe(true);
  }, 40_000);

  it('exits cleanly on SIGTERM after all that', async () => {
    expect(await bot!.stop(15_000)).toBe(0);
  }, 30_000);
});
