/**
 * The Teams connector answers a reply with 429, 412, 502 or 504. botbuilder's pipeline retries 502,
 * 504 and 429 with Retry-After itself; src/teams/connector-retry.ts covers 412 and 429 without
 * Retry-After. Either way exactly one reply lands, and a connector that keeps refusing gets a
 * bounded number of attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fault,
  fixture,
  postActivity,
  startTeamsSuite,
  type TeamsSuite,
} from '../teams/harness.js';

describe('Teams connector faults', () => {
  let t: TeamsSuite;
  /** faults for the next answers, in order */
  let queue: Fault[] = [];
  /** a fault for every answer until cleared */
  let standing: Fault | undefined;
  const script = (...faults: Fault[]): void => {
    queue = faults;
  };
  const reset = (): void => {
    queue = [];
    standing = undefined;
    t.clear();
  };
  const attempts = (): number => t.recorder.calls.length;
  const delivered = (): number => t.recorder.calls.filter((call) => call.status === 200).length;

  beforeAll(async () => {
    t = await startTeamsSuite({ connector: { fault: () => queue.shift() ?? standing } });
  });
  afterAll(() => t.close());

  const send = async (): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const answer = await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
    return { status: answer.status, ms: performance.now() - started };
  };

  const once: Array<[string, Fault]> = [
    [
      '429 with Retry-After (botbuilder waits and retries)',
      { status: 429, headers: { 'retry-after': '1' } },
    ],
    ['429 without Retry-After (retried here)', { status: 429 }],
    ['412 PreconditionFailed (retried here)', { status: 412 }],
    ['502 (botbuilder backs off and retries)', { status: 502 }],
    ['504 (botbuilder backs off and retries)', { status: 504 }],
  ];
  for (const [name, fault] of once) {
    it(`one reply lands after a ${name}`, async () => {
      reset();
      script(fault);
      const answer = await send();
      expect(answer.status).toBe(200);
      expect(attempts()).toBe(2);
      expect(delivered()).toBe(1);
    });
  }

  for (const status of [412, 429]) {
    it(`gives up after 3 attempts and within the budget when ${status} persists`, async () => {
      reset();
      standing = { status };
      const answer = await send();
      standing = undefined;
      // the turn failed and was logged; the inbound request still gets an answer
      expect(attempts()).toBe(3);
      expect(delivered()).toBe(0);
      expect(answer.ms).toBeLessThan(5_000);
      expect(t.bot.logs.some((line) => line.includes('"event":"teams.reply.retry"'))).toBe(true);
    });
  }

  it('does not retry a refusal that will not change (403)', async () => {
    reset();
    script({ status: 403 });
    await send();
    expect(attempts()).toBe(1);
    expect(delivered()).toBe(0);
  });
});
