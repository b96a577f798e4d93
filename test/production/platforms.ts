/**
 * What the production tests send: signed Slack requests and Teams activities aimed at a running
 * instance, the environment that points an instance at the local fakes, and pastes with planted
 * secrets.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack.js';
import {
  BOT_TOKEN,
  BOT_USER_ID,
  eventFrom,
  SIGNING_SECRET,
  signedHeaders,
} from '../slack/harness.js';
import { startTestRedis, type TestRedis } from '../state/redis-server.js';
import {
  type RecordedCall,
  type Recorder,
  startRecorder,
  fixture as teamsFixture,
} from '../teams/harness.js';
import type { BotProcess } from './bot-process.js';

export { eventFrom, fixture as slackFixture } from '../slack/harness.js';
export { fixture as teamsFixture } from '../teams/harness.js';

/** environment that turns Slack on against the fake Web API */
function slackEnv(fake: FakeSlack): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
  };
}

/** the local stand-ins an instance talks to */
export interface Fakes {
  /** the fake Slack Web API */
  slack: FakeSlack;
  /** the fake Teams connector (the activities' serviceUrl) */
  teams: Recorder;
  /** a throwaway Redis, when a redis-server binary was given */
  redis: TestRedis | undefined;
  /** environment that points an instance at them: Slack on, and REDIS_URL when there is Redis */
  env: Record<string, string>;
  /** stops all of them */
  close(): Promise<void>;
}

/** starts Redis (when `redisBin` is given), the fake Slack Web API and the fake Teams connector */
export async function startFakes(redisBin?: string): Promise<Fakes> {
  const started: Array<{ close(): Promise<void> }> = [];
  const close = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.close()));
  };
  try {
    const redis = redisBin ? await startTestRedis(redisBin) : undefined;
    if (redis) started.push({ close: () => redis.stop() });
    const slack = await startFakeSlack({ token: BOT_TOKEN, botUserId: BOT_USER_ID });
    started.push(slack);
    const teams = await startRecorder();
    started.push(teams);
    const env = { ...slackEnv(slack), ...(redis ? { REDIS_URL: redis.url } : {}) };
    return { slack, teams, redis, env, close };
  } catch (error: unknown) {
    await close();
    throw error;
  }
}

/** Slack's rich_text blocks for a message text, as clients send them along with the text */
export function richText(text: string): unknown[] {
  return [
    {
      type: 'rich_text',
      block_id: 'Lk1',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
    },
  ];
}

/** the value of the share button in a Block Kit message */
export function findShareValue(value: unknown): string | undefined {
  const items = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.values(value)
      : [];
  const record = value as Record<string, unknown> | undefined;
  if (record?.action_id === 'share_in_channel' && typeof record.value === 'string')
    return record.value;
  for (const item of items) {
    const found = findShareValue(item);
    if (found) return found;
  }
  return undefined;
}

/** an HTTP answer */
export interface Answer {
  status: number;
  text: string;
}

/** posts a body to /slack/events signed as Slack signs it; `retry` adds Slack's retry headers */
export async function sendSlack(
  bot: BotProcess,
  body: string,
  options: { form?: boolean; retry?: number } = {},
): Promise<Answer> {
  const contentType = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const response = await fetch(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: {
      ...signedHeaders(body, contentType),
      ...(options.retry
        ? { 'x-slack-retry-num': String(options.retry), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
}

/** posts an activity to /api/messages as the Teams service would (no auth: local mode) */
export async function sendTeams(
  bot: BotProcess,
  activity: Record<string, unknown>,
): Promise<Answer> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, text: await response.text() };
}

/** a unique id for one test delivery */
export function uniqueId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** a Slack message timestamp nobody else uses in this run */
export function uniqueTs(): string {
  return `${1_700_000_000 + randomInt(1_000_000)}.${String(randomInt(1_000_000)).padStart(6, '0')}`;
}

/** a Slack delivery of an @mention of the bot saying `text`, with ids nobody else uses in this run */
export function newMention(
  text: string,
  fields: Record<string, unknown> = {},
): { eventId: string; ts: string; body: string } {
  const eventId = uniqueId('Ev');
  const ts = uniqueTs();
  const payload = eventFrom('event-app-mention.json', eventId, {
    ts,
    event_ts: ts,
    text: `<@${BOT_USER_ID}> ${text}`,
    ...fields,
  });
  return { eventId, ts, body: JSON.stringify(payload) };
}

/** a Teams personal-chat paste with an activity id nobody else uses, answered at `serviceUrl` */
export function newPaste(serviceUrl: string): { id: string; body: Record<string, unknown> } {
  const id = uniqueId('1700');
  return { id, body: { ...teamsFixture('personal-paste', serviceUrl), id } };
}

/** chat.postMessage calls that answered one Slack message (same channel and thread) */
export function slackRepliesTo(fake: FakeSlack, channel: string, ts: string): unknown[] {
  return fake
    .delivered('chat.postMessage')
    .filter((c) => c.body.channel === channel && c.body.thread_ts === ts);
}

/** messages the bot sent to the connector in reply to one activity (typing indicators excluded) */
export function teamsRepliesTo(recorder: Recorder, activityId: string): RecordedCall[] {
  return recorder.calls.filter(
    (c) => c.method === 'POST' && c.body.type === 'message' && c.body.replyToId === activityId,
  );
}

/** values planted in a paste; each must never appear in logs or replies */
export interface Planted {
  jwt: string;
  secret: string;
  upn: string;
  ipv4: string;
  ipv6: string;
}

const base64url = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** fresh random values of each sensitive shape (random, so a hit can only come from the paste) */
export function plantedValues(): Planted {
  const nonce = randomBytes(8).toString('hex');
  const upn = `someone.${nonce.slice(0, 6)}@contoso.com`;
  const jwt = [
    base64url({ alg: 'RS256', typ: 'JWT', kid: nonce }),
    base64url({ aud: 'api://aadsts-test', upn, ipaddr: '203.0.113.9', nonce }),
    randomBytes(64).toString('base64url'),
  ].join('.');
  const tail = Array.from({ length: 34 }, () => ALNUM[randomInt(ALNUM.length)]).join('');
  const ipv4 = `203.0.113.${randomInt(10, 250)}`;
  const ipv6 = `2001:db8:${randomInt(0x1000, 0xffff).toString(16)}::${randomInt(0x1000, 0xffff).toString(16)}`;
  if (isIP(ipv4) !== 4 || isIP(ipv6) !== 6) throw new Error('bad planted address');
  return { jwt, secret: `abc8Q~${tail}`, upn, ipv4, ipv6 };
}

/** every string that must not appear: the values and the parts a careless logger could print */
export function forbiddenStrings(p: Planted): string[] {
  const [header = '', payload = '', signature = ''] = p.jwt.split('.');
  return [
    p.jwt,
    header,
    payload,
    signature,
    p.secret,
    p.secret.slice('abc8Q~'.length),
    p.upn,
    p.upn.split('@')[0] ?? p.upn,
    p.ipv4,
    p.ipv6,
  ];
}

/** a paste with the planted values (leak-paste.txt or leak-rows.csv); Slack turns an address into a mailto link */
export function leakPaste(
  p: Planted,
  platform: 'slack' | 'teams',
  file = 'leak-paste.txt',
): string {
  const template = readFileSync(new URL(`../fixtures/production/${file}`, import.meta.url), 'utf8');
  const upn = platform === 'slack' ? `<mailto:${p.upn}|${p.upn}>` : p.upn;
  return template
    .replaceAll('{{UPN}}', upn)
    .replaceAll('{{IPV4}}', p.ipv4)
    .replaceAll('{{IPV6}}', p.ipv6)
    .replaceAll('{{SECRET}}', p.secret)
    .replaceAll('{{JWT}}', p.jwt);
}

/** the forbidden strings found in a text (empty when clean) */
export function leaksIn(text: string, forbidden: string[]): string[] {
  return forbidden.filter((value) => value.length > 0 && text.includes(value));
}

/** waits until the check holds, or fails naming what was awaited */
export async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** lets late duplicates arrive before counting */
export const settle = (ms = 750): Promise<void> => new Promise((r) => setTimeout(r, ms));
