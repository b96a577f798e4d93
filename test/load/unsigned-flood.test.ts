/**
 * A flood of unauthenticated requests is refused with 401 on both routes, cheaply: no turn runs,
 * nothing calls out, and the refusals stay fast while 50 connections keep them coming.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CannonRequest, cannon } from '../../bench/baseline/harness.js';
import { fixture } from '../slack/harness.js';
import { fixture as teamsFixture } from '../teams/harness.js';
import { type LoadTarget, startLoadTarget } from './support.js';

const AMOUNT = 2_000;

describe('unsigned flood', () => {
  let target: LoadTarget;
  beforeAll(async () => {
    target = await startLoadTarget();
  });
  afterAll(() => target?.close());
  /** 50 connections sending the request AMOUNT times */
  const flood = (request: CannonRequest) =>
    cannon({
      url: target.running.url,
      connections: 50,
      amount: AMOUNT,
      timeout: 15,
      requests: [request],
    });
  // calls beyond the bot's own auth.test at start-up
  const outbound = (): string[] =>
    target.fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test');

  it('Slack: events with a forged signature all get 401 and reach no handler', async () => {
    const body = JSON.stringify(fixture('event-message-channel.json'));
    const result = await flood({
      method: 'POST',
      path: '/slack/events',
      setupRequest: (req) => ({
        ...req,
        body,
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
          'x-slack-signature': `v0=${'0'.repeat(64)}`,
        },
      }),
    });
    expect(result.errors).toBe(0);
    expect(result.statusCodeStats?.['401']?.count).toBe(AMOUNT);
    // generous for a loaded 2-core runner; a refusal costs one HMAC, not a turn
    expect(result.latency.p99).toBeLessThan(1_000);
    await target.mount.idle();
    expect(outbound()).toEqual([]);
  }, 45_000);

  it('Teams: activities without a Bot Framework token all get 401', async () => {
    // botbuilder's CloudAdapter prints each refused request to console.error; kept off the test output
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // the reply would go to the fake Slack server, which records every request it gets
    const body = JSON.stringify(teamsFixture('personal-paste', `${target.fake.url}/`));
    const result = await flood({
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(result.errors).toBe(0);
    expect(result.statusCodeStats?.['401']?.count).toBe(AMOUNT);
    expect(result.latency.p99).toBeLessThan(1_000);
    expect(outbound()).toEqual([]);
    printed.mockRestore();
  }, 45_000);
});
