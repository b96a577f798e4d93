/**
 * Test harness: the Slack mount on a plain node:http server on loopback, a fake Slack Web API, and
 * helpers that send requests signed the way Slack signs them (v0 HMAC-SHA256 over "v0:{ts}:{body}").
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadCatalog } from '../../src/core/catalog/load.js';
import type { OrgContacts } from '../../src/core/reply.js';
import { createLogger, silentLogger } from '../../src/log/logger.js';
import {
  createServer as createBotServer,
  listen,
  type RunningServer,
  type ServerOptions,
} from '../../src/server/create-server.js';
import { createSlackMount, type SlackMount, type SlackTuning } from '../../src/slack/index.js';
import type { DedupeStore } from '../../src/state/dedupe-store.js';
import type { RateLimiter } from '../../src/state/rate-limit.js';
import type { UsageStore } from '../../src/state/usage.js';
import { type FakeSlack, type FakeSlackOptions, FILE_HOST, startFakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-token';
export const BOT_USER_ID = 'UBOT0001';

/** short limits so chaos tests finish in about a second */
export const FAST_TUNING: Partial<SlackTuning> = {
  requestTimeoutMs: 300,
  retries: 2,
  minRetryDelayMs: 10,
  maxRetryDelayMs: 20,
  rateLimitRetries: 2,
  maxRateLimitWaitMs: 2_000,
  localeTimeoutMs: 500,
  stopTimeoutMs: 4_000,
};

/** reads a recorded-shape payload from test/fixtures/slack */
export function fixture<T = Record<string, unknown>>(name: string): T {
  const text = readFileSync(new URL(`../fixtures/slack/${name}`, import.meta.url), 'utf8');
  return (name.endsWith('.json') ? JSON.parse(text) : text) as T;
}

/** Slack's request signature */
export function sign(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** the headers Slack sends with a body: a timestamp of now and the signature over both */
export function signedHeaders(
  body: string,
  contentType = 'application/json',
): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
  };
}

export interface SendOptions {
  contentType?: string;
  /** seconds since the epoch; defaults to now */
  timestamp?: number;
  /** overrides the computed signature */
  signature?: string;
  /** signs this body but sends `body` (a modified body) */
  signedBody?: string;
  secret?: string;
  headers?: Record<string, string>;
}

export interface SentResponse {
  status: number;
  text: string;
}

export interface Harness {
  fake: FakeSlack;
  mount: SlackMount;
  url: string;
  /** every log line written by the app */
  logs: string[];
  send(body: string, options?: SendOptions): Promise<SentResponse>;
  sendJson(payload: unknown, options?: SendOptions): Promise<SentResponse>;
  sendForm(fields: Record<string, string>, options?: SendOptions): Promise<SentResponse>;
  sendInteraction(payload: unknown, options?: SendOptions): Promise<SentResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeSlackOptions;
  tuning?: Partial<SlackTuning>;
  dedupe?: DedupeStore;
  rateLimiter?: RateLimiter;
  usage?: UsageStore;
  /** the organization's contacts shown in replies */
  orgContacts?: OrgContacts;
  /** SLACK_APP_TOKEN; defaults to the token the fake accepts */
  appToken?: string;
  /** runs before the mount is created, e.g. to script the fake's first answers */
  prepare?: (fake: FakeSlack) => void;
}

/** starts the fake Slack, the mount and a loopback server in front of it */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack({ token: BOT_TOKEN, botUserId: BOT_USER_ID, ...options.fake });
  options.prepare?.(fake);
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const mount = await createSlackMount({
    config: {
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      appToken: options.appToken ?? options.fake?.appToken,
      apiUrl: fake.apiUrl,
    },
    catalog: loadCatalog(),
    logger: createLogger({ level: 'debug', destination }),
    tuning: { ...FAST_TUNING, ...options.tuning },
    ...(options.dedupe ? { dedupe: options.dedupe } : {}),
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.usage ? { usage: options.usage } : {}),
    // the production host allow-list stays; only the connection to that host is routed to the fake
    fileDownload: { fetch: routeFilesTo(fake) },
    ...(options.orgContacts ? { orgContacts: options.orgContacts } : {}),
  });
  // every request goes to the mount, so its own handling of other paths and methods is tested too
  const server: Server = createServer((req, res) => mount.requestListener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  const send = async (body: string, o: SendOptions = {}): Promise<SentResponse> => {
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const signature =
      o.signature ?? sign(o.secret ?? SIGNING_SECRET, timestamp, o.signedBody ?? body);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': o.contentType ?? 'application/json',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
        ...o.headers,
      },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return { status: response.status, text: await response.text() };
  };
  const form = 'application/x-www-form-urlencoded';

  return {
    fake,
    mount,
    url,
    logs,
    send,
    sendJson: (payload, o) => send(JSON.stringify(payload), o),
    sendForm: (fields, o) =>
      send(new URLSearchParams(fields).toString(), { contentType: form, ...o }),
    sendInteraction: (payload, o) =>
      send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), {
        contentType: form,
        ...o,
      }),
    close: async () => {
      await mount.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

/** the Slack mount behind the real server of src/server, as production runs it */
export interface ServerHarness {
  fake: FakeSlack;
  mount: SlackMount;
  running: RunningServer;
  close(): Promise<void>;
}

export interface ServerHarnessOptions {
  /** left out: the production time limits */
  tuning?: Partial<SlackTuning>;
  rateLimiter?: RateLimiter;
  /** a Teams endpoint to mount beside Slack */
  teams?: ServerOptions['teams'];
}

/** starts the fake Slack, the mount and the real server on a free loopback port, logging nothing */
export async function startServerHarness(
  options: ServerHarnessOptions = {},
): Promise<ServerHarness> {
  const fake = await startFakeSlack({ token: BOT_TOKEN });
  let mount: SlackMount | undefined;
  try {
    mount = await createSlackMount({
      config: {
        signingSecret: SIGNING_SECRET,
        botToken: BOT_TOKEN,
        appToken: undefined,
        apiUrl: fake.apiUrl,
      },
      catalog: loadCatalog(),
      logger: silentLogger,
      ...(options.tuning ? { tuning: options.tuning } : {}),
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    });
    const server = createBotServer({ logger: silentLogger, teams: options.teams, slack: mount });
    const running = await listen(server, 0, '127.0.0.1');
    const started = mount;
    return {
      fake,
      mount,
      running,
      close: async () => {
        try {
          await running.close();
          await started.stop();
        } finally {
          await fake.close();
        }
      },
    };
  } catch (error: unknown) {
    await mount?.stop();
    await fake.close();
    throw error;
  }
}

/**
 * A fetch that sends requests for Slack's file host to the fake, over plain HTTP on loopback, and
 * refuses every other host, so a download can never leave the machine.
 */
export function routeFilesTo(fake: FakeSlack): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:' || url.hostname !== FILE_HOST) {
      return Promise.reject(new Error('test fetch: only the Slack file host is routed'));
    }
    return fetch(`${fake.url}${url.pathname}${url.search}`, init);
  };
}

/** an event_callback built from a fixture with some event fields replaced */
export function eventFrom(
  name: string,
  eventId: string,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const base = fixture<Record<string, unknown> & { event: Record<string, unknown> }>(name);
  return { ...base, event_id: eventId, event: { ...base.event, ...overrides } };
}

/** form fields of a /aadsts command with the given text, answering to the fake's response_url */
export function commandFields(fake: FakeSlack, text: string, hook = 'cmd'): Record<string, string> {
  const fields = Object.fromEntries(
    new URLSearchParams(fixture<string>('command-aadsts.txt').trim()),
  );
  return { ...fields, text, response_url: fake.responseUrl(hook) };
}

/** every string inside a JSON value */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}
