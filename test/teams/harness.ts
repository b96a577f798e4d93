/**
 * Test harness: the real server on a free loopback port, and a fake Bot Framework connector
 * (the activity's serviceUrl) that records every reply the bot sends.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Config } from '../../src/config/env.js';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { createLogger } from '../../src/log/logger.js';
import { createServer, listen, type RunningServer } from '../../src/server/create-server.js';
import { createRateLimiter } from '../../src/state/rate-limit.js';
import { createTeamsEndpoint, type TeamsMountOptions } from '../../src/teams/index.js';

/** one call the bot made to the connector */
export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** the status the fake connector answered with */
  status: number;
}

/** a fake connector service on loopback */
export interface Recorder {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** a refusal the fake connector answers with instead of accepting a call */
export interface Fault {
  status: number;
  headers?: Record<string, string>;
}

/** how the fake connector behaves */
export interface RecorderOptions {
  /** the first this many calls are refused with 403 (an error the connector client does not retry) */
  failFirst?: number;
  /** asked before each answer: a fault to answer with, or undefined to accept the call */
  fault?: () => Fault | undefined;
  /** milliseconds before each answer, so turns stay in flight for a while */
  delayMs?: number;
}

/** starts the fake connector; it answers every POST/PUT like the Bot Framework service would */
export async function startRecorder(options: RecorderOptions = {}): Promise<Recorder> {
  const calls: RecordedCall[] = [];
  let counter = 0;
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      counter += 1;
      const id = `recorded-${counter}`;
      const fault = counter <= (options.failFirst ?? 0) ? { status: 403 } : options.fault?.();
      calls.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        status: fault?.status ?? 200,
      });
      const answer = (): void => {
        res.writeHead(fault?.status ?? 200, {
          'content-type': 'application/json',
          ...fault?.headers,
        });
        res.end(
          JSON.stringify(fault ? { error: { code: 'Refused', message: 'scripted' } } : { id }),
        );
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** the bot's server plus the log lines it wrote */
export interface BotUnderTest extends RunningServer {
  logs: string[];
}

const NO_AUTH: Config['teams'] = {
  appId: undefined,
  appPassword: undefined,
  appType: undefined,
  tenantId: undefined,
};

/** extra wiring for a bot under test; stores left out are fresh in-memory ones */
export type BotOptions = Omit<TeamsMountOptions, 'teams' | 'catalog' | 'logger'>;

/** starts the real server with the Teams endpoint on a free port */
export async function startBot(
  teams: Config['teams'] = NO_AUTH,
  options: BotOptions = {},
): Promise<BotUnderTest> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const catalog = loadCatalog();
  const teamsEndpoint = createTeamsEndpoint({
    teams,
    catalog,
    logger,
    // generous limits: the suites send many messages from one user; rate tests set their own
    rateLimiter: createRateLimiter({
      limits: { userPoints: 1_000, channelPoints: 1_000, windowSeconds: 60 },
      logger,
    }),
    ...options,
  });
  const running = await listen(createServer({ logger, teams: teamsEndpoint }), 0, '127.0.0.1');
  return { ...running, logs };
}

/** a bot under test with a fake connector in front of it, as most Teams suites need */
export interface TeamsSuite {
  recorder: Recorder;
  bot: BotUnderTest;
  /** forgets the calls recorded so far (for afterEach) */
  clear(): void;
  close(): Promise<void>;
}

/** what a suite can set: the bot's Teams configuration and wiring, and the connector's behaviour */
export interface TeamsSuiteOptions extends BotOptions {
  teams?: Config['teams'];
  connector?: RecorderOptions;
}

/** starts the fake connector and the bot; close() stops both */
export async function startTeamsSuite(options: TeamsSuiteOptions = {}): Promise<TeamsSuite> {
  const { teams, connector, ...botOptions } = options;
  const recorder = await startRecorder(connector);
  let bot: BotUnderTest;
  try {
    bot = await startBot(teams, botOptions);
  } catch (error) {
    await recorder.close();
    throw error;
  }
  return {
    recorder,
    bot,
    clear: () => {
      recorder.calls.length = 0;
    },
    close: async () => {
      try {
        await bot.close();
      } finally {
        await recorder.close();
      }
    },
  };
}

let delivered = 0;

/**
 * a recorded-shape activity from test/fixtures/teams, pointed at the fake connector; each call gets
 * a fresh activity id (the bot answers one delivery once), so post the same object to redeliver
 */
export function fixture(name: string, serviceUrl: string): Record<string, unknown> {
  const file = join(import.meta.dirname, '..', 'fixtures', 'teams', `${name}.json`);
  const text = readFileSync(file, 'utf8').replaceAll('{{SERVICE_URL}}', serviceUrl);
  const activity = JSON.parse(text) as Record<string, unknown>;
  delivered += 1;
  if (typeof activity.id === 'string') activity.id = `${activity.id}${delivered}`;
  return activity;
}

/** posts an activity to /api/messages as the Teams service would */
export async function postActivity(
  bot: RunningServer,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

/** the Adaptive Card attachments of a recorded message */
export function cardsOf(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const attachments = (body.attachments ?? []) as Array<{
    contentType?: string;
    content?: unknown;
  }>;
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}
