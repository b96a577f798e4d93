/**
 * A local stand-in for Slack's Web API, response_url endpoints and file host. It records every call
 * and can be scripted to answer 429 with Retry-After, 500, to hang, to hang after acting on the call
 * (as Slack does when it posted the message but the answer is lost), or to drop the connection
 * before acting on it, for the chaos tests.
 * Files answer files.info with a url_private_download on files.slack.com; the test routes that host
 * to this server (see routeFilesTo), which serves the content only with the bot token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** one request the fake received */
export interface RecordedCall {
  /** a Web API method name such as "chat.postMessage", or "response_url" */
  method: string;
  /** the response_url id, for response_url calls */
  hook?: string;
  body: Record<string, unknown>;
  /**
   * how the fake answered: "accepted-hang" acted on the call (a message counts as posted) and never
   * answered; "reset" dropped the connection without acting on it
   */
  answer: 'ok' | 'hang' | 'accepted-hang' | 'reset' | number;
  /** for file downloads: whether the request carried the bot token */
  authorized?: boolean;
}

/** an uploaded file the fake knows */
export interface FakeFile {
  name: string;
  content: string;
  /** the uploader; defaults to U0000USER */
  user?: string;
  /** declared size; defaults to the content's byte length */
  size?: number;
  /** channel id -> share; "public" unless the id starts with D or G */
  shares?: Record<string, { ts: string; thread_ts?: string }>;
  /** overrides the download URL (to test the host allow-list) */
  url?: string;
}

/** Slack's file host; tests route it to the fake */
export const FILE_HOST = 'files.slack.com';

/** a scripted misbehaviour, used once per call in order */
export type Chaos = { status: number; retryAfter?: number } | 'hang' | 'accepted-hang' | 'reset';

export interface FakeSlackOptions {
  token?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** locales returned by users.info */
  locales?: Record<string, string>;
  /** app-level token accepted by apps.connections.open */
  appToken?: string;
  /** WebSocket URL returned by apps.connections.open */
  socketUrl?: string;
  /** uploads served through files.info and the file host, by file id */
  files?: Record<string, FakeFile>;
}

export interface FakeSlack {
  /** base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Web API base URL to hand to the app */
  apiUrl: string;
  /** a response_url served by the fake */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  /** calls to one method (or "response_url") that Slack acted on: answered, or accepted before the answer was lost */
  delivered(method: string): RecordedCall[];
  /** every call to one method, whatever the answer */
  attempts(method: string): RecordedCall[];
  /** adds or replaces an upload */
  addFile(id: string, file: FakeFile): void;
  /** queues misbehaviours for the next calls to a method (or "response_url") */
  script(method: string, ...chaos: Chaos[]): void;
  /** waits until the predicate holds, or fails after timeoutMs */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const JSON_TYPE = { 'content-type': 'application/json' };

// not chained: when restify is loaded in the same process it replaces writeHead with a version
// that returns nothing
function reply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json'))
    return JSON.parse(raw) as Record<string, unknown>;
  const form = parseQuery(raw) as Record<string, unknown>;
  // @slack/web-api sends arrays and objects as JSON strings inside the form
  for (const key of ['blocks', 'attachments', 'metadata']) {
    const value = form[key];
    if (typeof value === 'string') form[key] = JSON.parse(value) as unknown;
  }
  return form;
}

/** starts the fake on a loopback port */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const token = options.token ?? 'xoxb-test-token';
  const identity = {
    user_id: options.botUserId ?? 'UBOT0001',
    bot_id: options.botId ?? 'BBOT0001',
    team_id: options.teamId ?? 'T0000TEST',
  };
  const locales = options.locales ?? {};
  const calls: RecordedCall[] = [];
  const scripts = new Map<string, Chaos[]>();
  const files = new Map<string, FakeFile>(Object.entries(options.files ?? {}));
  let seq = 0;

  const fileInfo = (id: string, file: FakeFile): Record<string, unknown> => {
    const shares: Record<string, Record<string, unknown[]>> = {};
    for (const [channel, share] of Object.entries(file.shares ?? {})) {
      const kind = /^[DG]/.test(channel) ? 'private' : 'public';
      shares[kind] = { ...shares[kind], [channel]: [{ ...share, reply_count: 0 }] };
    }
    return {
      id,
      name: file.name,
      title: file.name,
      filetype: file.name.split('.').pop(),
      user: file.user ?? 'U0000USER',
      size: file.size ?? Buffer.byteLength(file.content),
      url_private: `https://${FILE_HOST}/files-pri/${identity.team_id}-${id}/${file.name}`,
      url_private_download:
        file.url ??
        `https://${FILE_HOST}/files-pri/${identity.team_id}-${id}/download/${file.name}`,
      ims: Object.keys(file.shares ?? {}).filter((c) => c.startsWith('D')),
      shares,
    };
  };

  const answerMethod = (method: string, body: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://test.slack.invalid/',
          team: 'Test',
          user: 'aadsts',
          ...identity,
        };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        seq += 1;
        const ts = `1700000000.${String(seq).padStart(6, '0')}`;
        return method === 'chat.postMessage'
          ? { ok: true, channel: body.channel, ts, message: { text: body.text, ts } }
          : { ok: true, message_ts: ts };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        // the posts Slack acted on in this channel (and thread), with their metadata
        const thread = method === 'conversations.replies' ? String(body.ts ?? '') : undefined;
        const messages = calls
          .filter(
            (c) =>
              c.method === 'chat.postMessage' &&
              (c.answer === 'ok' || c.answer === 'accepted-hang') &&
              c.body.channel === body.channel &&
              (thread === undefined || c.body.thread_ts === thread),
          )
          .map((c, i) => ({
            type: 'message',
            ts: `1699999999.${String(i + 1).padStart(6, '0')}`,
            text: c.body.text,
            ...(c.body.metadata ? { metadata: c.body.metadata } : {}),
          }));
        return { ok: true, messages, has_more: false };
      }
      case 'files.info': {
        const id = String(body.file ?? '');
        const file = files.get(id);
        return file
          ? { ok: true, file: fileInfo(id, file) }
          : { ok: false, error: 'file_not_found' };
      }
      case 'users.info': {
        const user = String(body.user ?? '');
        const locale = locales[user];
        return { ok: true, user: { id: user, is_bot: false, ...(locale ? { locale } : {}) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const raw = await readBody(req);
    const body = raw ? parseBody(raw, req.headers['content-type']) : {};
    let method: string;
    let hook: string | undefined;
    if (path.startsWith('/api/')) {
      method = path.slice('/api/'.length);
    } else if (path.startsWith('/files-pri/')) {
      // "/files-pri/<team>-<file id>/download/<name>"
      const id = path.split('/')[2]?.split('-').pop() ?? '';
      const file = files.get(id);
      const authorized = req.headers.authorization === `Bearer ${token}`;
      calls.push({ method: 'file_download', body: {}, answer: 'ok', authorized });
      if (!file || !authorized) {
        // Slack answers a download without a valid token with its sign-in page
        reply(res, 200, { 'content-type': 'text/html' }, '<html>sign in</html>');
        return;
      }
      reply(res, 200, { 'content-type': 'application/octet-stream' }, file.content);
      return;
    } else if (path.startsWith('/response/')) {
      method = 'response_url';
      hook = path.slice('/response/'.length);
    } else {
      reply(res, 404, {}, '');
      return;
    }
    const call: RecordedCall = { method, body, answer: 'ok', ...(hook ? { hook } : {}) };
    calls.push(call);
    const chaos = scripts.get(method)?.shift();
    if (chaos === 'hang' || chaos === 'accepted-hang') {
      call.answer = chaos;
      return; // never answers; the client's timeout must end it
    }
    if (chaos === 'reset') {
      call.answer = 'reset';
      req.socket.destroy();
      return;
    }
    if (chaos) {
      call.answer = chaos.status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (chaos.retryAfter !== undefined) headers['retry-after'] = String(chaos.retryAfter);
      reply(res, chaos.status, headers, JSON.stringify({ ok: false, error: 'chaos' }));
      return;
    }
    if (method === 'response_url') {
      reply(res, 200, JSON_TYPE, '{"ok":true}');
      return;
    }
    if (method === 'apps.connections.open') {
      const allowed =
        options.appToken && req.headers.authorization === `Bearer ${options.appToken}`;
      const answer = allowed
        ? { ok: true, url: options.socketUrl }
        : { ok: false, error: 'invalid_auth' };
      reply(res, 200, JSON_TYPE, JSON.stringify(answer));
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      reply(res, 200, JSON_TYPE, '{"ok":false,"error":"invalid_auth"}');
      return;
    }
    reply(res, 200, JSON_TYPE, JSON.stringify(answerMethod(method, body)));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, {}, '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    responseUrl: (id) => `${url}/response/${id}`,
    calls,
    // what Slack acted on: answered calls, and those it acted on before its answer was lost
    delivered: (method) =>
      calls.filter(
        (c) => c.method === method && (c.answer === 'ok' || c.answer === 'accepted-hang'),
      ),
    attempts: (method) => calls.filter((c) => c.method === method),
    addFile: (id, file) => {
      files.set(id, file);
    },
    script: (method, ...chaos) => {
      scripts.set(method, [...(scripts.get(method) ?? []), ...chaos]);
    },
    waitFor: async (predicate, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Slack: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
