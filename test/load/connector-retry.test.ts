/**
 * connectorRetry on its own, with the clock injected: which refusals it resends, how long it
 * waits, and where it stops.
 */
import type { ResourceResponse, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { connectorRetry, retryableStatus } from '../../src/teams/connector-retry.js';

const context = { activity: { id: 'a1' } } as unknown as TurnContext;
const refusal = (statusCode: number, headers: Record<string, string> = {}): Error =>
  Object.assign(new Error('refused'), { statusCode, response: { headers } });

/** a send that fails with the given errors in order, then succeeds */
function sender(...errors: Error[]): {
  next: () => Promise<ResourceResponse[]>;
  calls: () => number;
} {
  let calls = 0;
  return {
    next: async () => {
      const error = errors[calls];
      calls += 1;
      if (error) throw error;
      return [{ id: 'ok' }];
    },
    calls: () => calls,
  };
}

function retryWith(waits: number[], budgetMs = 3_000) {
  return connectorRetry({
    logger: silentLogger,
    budgetMs,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

describe('connectorRetry', () => {
  it('classifies only 412 and 429 without Retry-After as its own to retry', () => {
    expect(retryableStatus(refusal(412))).toBe(412);
    expect(retryableStatus(refusal(429))).toBe(429);
    expect(retryableStatus(refusal(429, { 'retry-after': '2' }))).toBeUndefined();
    for (const status of [400, 403, 404, 502, 504]) {
      expect(retryableStatus(refusal(status))).toBeUndefined();
    }
    expect(retryableStatus(new Error('no status'))).toBeUndefined();
  });

  it('resends with doubling backoff and returns the reply that landed', async () => {
    const waits: number[] = [];
    const send = sender(refusal(412), refusal(429));
    const result = await retryWith(waits)(context, [{ type: 'message' }], send.next);
    expect(result).toEqual([{ id: 'ok' }]);
    expect(send.calls()).toBe(3);
    expect(waits).toEqual([250, 500]);
  });

  it('honours a Retry-After on a 412', async () => {
    const waits: number[] = [];
    const send = sender(refusal(412, { 'retry-after': '2' }));
    await retryWith(waits)(context, [{ type: 'message' }], send.next);
    expect(waits).toEqual([2_000]);
  });

  it('stops after three attempts and rethrows the last refusal', async () => {
    const waits: number[] = [];
    const send = sender(refusal(412), refusal(412), refusal(412), refusal(412));
    await expect(retryWith(waits)(context, [{ type: 'message' }], send.next)).rejects.toThrow(
      'refused',
    );
    expect(send.calls()).toBe(3);
  });

  it('gives up rather than wait past its budget', async () => {
    const waits: number[] = [];
    const send = sender(refusal(412, { 'retry-after': '60' }));
    await expect(retryWith(waits)(context, [{ type: 'message' }], send.next)).rejects.toThrow();
    expect(send.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('never resends a batch of several activities, which may have partly gone out', async () => {
    const send = sender(refusal(412));
    await expect(
      retryWith([])(context, [{ type: 'message' }, { type: 'message' }], send.next),
    ).rejects.toThrow();
    expect(send.calls()).toBe(1);
  });
});
