/**
 * The Teams connector answers a reply with 429, 412, 502 or 504. botbuilder's pipeline retries 502,
 * 504 and 429 with Retry-After itself; src/teams/connector-retry.ts covers 412 and 429 without
 * Retry-After. Either way exactly one reply lands, and a connector that keeps refusing gets a
 * bounded number of attempts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotUnderTest, fixture, postActivity, startBot } from '../teams/harness.js';

interface Fault {
  status: number;
  headers?: Record<string, string>;
}

/** a connector that answers each POST with the next scripted fault (or a standing one), then 200 */
interface FaultyConnector {
  url: string;
  /** faults for the next answers, in order */
  script(...faults: Fault[]): void;
  /** a fault for every answer until cleared */
  always(fault: Fault | undefined): void;
  counts: { attempts: number; delivered: number };
  reset(): void;
  close(): Promise<void>;
}

async function startFaultyConnector(): Promise<FaultyConnector> {
  let queue: Fault[] = [];
  let standing: Fault | undefined;
  const counts = { attempts: 0, delivered: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      counts.attempts += 1;
      const fault = queue.shift() ?? standing;
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end('{"error":{"code":"Refused","message":"scripted"}}');
        return;
      }
      counts.delivered += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"reply-${counts.delivered}"}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    script: (...faults) => {
      queue = faults;
    },
    always: (fault) => {
      standing = fault;
    },
    counts,
    reset: () => {
      queue = [];
      standing = undefined;
      counts.attempts = 0;
      counts.delivered = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('Teams connector faults', () => {
  let connector: FaultyConnector;
  let bot: BotUnderTest;
  beforeAll(async () => {
    connector = await startFaultyConnector();
    bot = await startBot();
  });
  afterAll(async () => {
    await bot.close();
    await connector.close();
  });

  const send = async (): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    const answer = await postActivity(bot, fixture('personal-paste', connector.url));
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
      connector.reset();
      connector.script(fault);
      const answer = await send();
      expect(answer.status).toBe(200);
      expect(connector.counts.attempts).toBe(2);
      expect(connector.counts.delivered).toBe(1);
    });
  }

  for (const status of [412, 429]) {
    it(`gives up after 3 attempts and within the budget when ${status} persists`, async () => {
      connector.reset();
      connector.always({ status });
      const answer = await send();
      connector.always(undefined);
      // the turn failed and was logged; the inbound request still gets an answer
      expect(connector.counts.attempts).toBe(3);
      expect(connector.counts.delivered).toBe(0);
      expect(answer.ms).toBeLessThan(5_000);
      expect(bot.logs.some((line) => line.includes('"event":"teams.reply.retry"'))).toBe(true);
    });
  }

  it('does not retry a refusal that will not change (403)', async () => {
    connector.reset();
    connector.script({ status: 403 });
    await send();
    expect(connector.counts.attempts).toBe(1);
    expect(connector.counts.delivered).toBe(0);
  });
});
