/**
 * The Web API transport over a real local HTTP server: what @slack/web-api reads from an answer,
 * timeouts, decoding, bounds, connection reuse, and the same calls made through a WebClient.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createBoltLogger } from '../../src/slack/bolt-logger.js';
import { errorCodeOf } from '../../src/slack/errors.js';
import { DEFAULT_TUNING } from '../../src/slack/index.js';
import {
  createSlackTransport,
  DEFAULT_CALL_TIMEOUT_MS,
  IDLE_SOCKET_MS,
  MAX_RESPONSE_BYTES,
  nodeProxyOn,
  type SlackTransport,
} from '../../src/slack/transport.js';
import { mayRetryPost, postMessage, webClientOptions } from '../../src/slack/web-client.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  socket: Socket;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
const seen: Seen[] = [];
const connections = new Set<Socket>();
let opened = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        socket: req.socket,
      });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => {
    opened += 1;
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let transport: SlackTransport;
const openTransports: SlackTransport[] = [];
/** a transport that afterEach closes */
const newTransport = (): SlackTransport => {
  transport = createSlackTransport();
  openTransports.push(transport);
  return transport;
};

afterEach(() => {
  for (const t of openTransports.splice(0)) t.close();
  seen.length = 0;
});

const okJson: Handler = (_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-oauth-scopes': 'chat:write',
  });
  res.end('{"ok":true,"ts":"1.2"}');
};

/** how a call ended: its error, or 'resolved' (so a regression prints that, not a large answer) */
const outcomeOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => 'resolved',
    (error: unknown) => error,
  );

/** a POST of a small body to a path of the local server */
const post = (path = '/api/x'): Promise<unknown> =>
  transport.fetch(`${base}${path}`, { method: 'POST', body: 'a=1' });

/** a loopback port nothing listens on */
async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}

describe('the Slack Web API transport', () => {
  it('sends the method, headers and string body, and hands back status, headers and body', async () => {
    newTransport();
    handler = (_req, res) => {
      res.statusCode = 201;
      res.statusMessage = 'Made';
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end('{"ok":true,"text":"héllo"}');
    };
    const answer = await transport.fetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: 'Bearer xoxb-1',
      },
      body: 'channel=C1&text=h%C3%A9llo',
    });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('/api/chat.postMessage');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.headers.authorization).toBe('Bearer xoxb-1');
    expect(seen[0]?.headers['content-length']).toBe(
      String(Buffer.byteLength('channel=C1&text=h%C3%A9llo')),
    );
    expect(seen[0]?.body).toBe('channel=C1&text=h%C3%A9llo');
    expect(answer.status).toBe(201);
    expect(answer.ok).toBe(true);
    expect(answer.statusText).toBe('Made');
    expect(answer.url).toBe(`${base}/api/chat.postMessage`);
    expect(answer.headers.get('Content-Type')).toBe('application/json');
    expect(answer.headers.get('x-missing')).toBeNull();
    expect(Object.fromEntries(answer.headers.entries())['set-cookie']).toBe('a=1, b=2');
    expect(await answer.json()).toEqual({ ok: true, text: 'héllo' });
    expect(await answer.text()).toBe('{"ok":true,"text":"héllo"}');
    expect(new TextDecoder().decode(await answer.arrayBuffer())).toBe('{"ok":true,"text":"héllo"}');
  });

  it('reports an answer that is not 2xx as not ok, with its body', async () => {
    newTransport();
    handler = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('busy');
    };
    const answer = await transport.fetch(`${base}/api/x`, { method: 'POST', body: '' });
    expect(answer.ok).toBe(false);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe('busy');
  });

  it('decodes a gzip answer', async () => {
    newTransport();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"ok":true,"zipped":1}'));
    };
    const answer = await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' });
    expect(await answer.json()).toEqual({ ok: true, zipped: 1 });
  });

  it('keeps the connection alive between calls, and close() ends it', async () => {
    newTransport();
    handler = okJson;
    const before = opened;
    for (let i = 0; i < 5; i += 1) {
      const answer = await transport.fetch(`${base}/api/x`, { method: 'POST', body: `n=${i}` });
      expect(answer.status).toBe(200);
    }
    expect(opened - before).toBe(1);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
    const socket = seen[0]?.socket;
    transport.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket?.destroyed).toBe(true);
  });

  it('rejects with the abort reason when the signal fires, so a timeout stays a TimeoutError', async () => {
    newTransport();
    handler = () => {
      // never answers
    };
    const error = await transport
      .fetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    // the request is torn down, not left open on the server
    const socket = seen[0]?.socket;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(socket?.destroyed).toBe(true);
    const aborted = new AbortController();
    aborted.abort(new Error('stopped'));
    await expect(
      transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: aborted.signal }),
    ).rejects.toThrow('stopped');
  });

  it('reports an answer cut off after it began as RESPONSE_INTERRUPTED, not as a network error', async () => {
    newTransport();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":true,');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const outcome = await outcomeOf(post());
    expect(outcome).toMatchObject({ name: 'TransportError', code: 'RESPONSE_INTERRUPTED' });
  });

  it('reports a failure before any answer as Node gives it', async () => {
    newTransport();
    handler = (req) => {
      req.socket.destroy();
    };
    await expect(
      transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('opens a new connection once the server has closed an idle one', async () => {
    newTransport();
    handler = okJson;
    const keepAlive = server.keepAliveTimeout;
    server.keepAliveTimeout = 100;
    try {
      const before = opened;
      expect((await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'n=1' })).status).toBe(
        200,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'n=2' })).status).toBe(
        200,
      );
      expect(opened - before).toBe(2);
    } finally {
      server.keepAliveTimeout = keepAlive;
    }
  });

  it('bounds a call made without a signal', () => {
    expect(DEFAULT_CALL_TIMEOUT_MS).toBeLessThanOrEqual(60_000);
    expect(IDLE_SOCKET_MS).toBeLessThanOrEqual(5_000);
  });

  it('reports a gzip answer cut short as interrupted, not as a decoder error', async () => {
    newTransport();
    const zipped = gzipSync(`{"ok":true,"pad":"${'x'.repeat(2000)}"}`);
    handler = (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(zipped.byteLength),
      });
      res.write(zipped.subarray(0, 40));
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const outcome = await outcomeOf(post());
    expect(outcome).toMatchObject({ code: 'RESPONSE_INTERRUPTED' });
  });

  it("knows when Node's proxy support is on", () => {
    expect(nodeProxyOn({ NODE_USE_ENV_PROXY: '1' }, [])).toBe(true);
    expect(nodeProxyOn({}, ['--use-env-proxy'])).toBe(true);
    expect(nodeProxyOn({ NODE_USE_ENV_PROXY: '0' }, [])).toBe(false);
    expect(nodeProxyOn({ HTTPS_PROXY: 'http://proxy.example:3128' }, [])).toBe(false);
  });

  it('sends through the global fetch in proxy mode', async () => {
    const proxied = createSlackTransport({ useGlobalFetch: true });
    handler = okJson;
    const before = opened;
    const answer = await proxied.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' });
    // the global fetch's Response, not this transport's answer
    expect(answer).toBeInstanceOf(Response);
    expect(await answer.json()).toMatchObject({ ok: true });
    expect(opened - before).toBe(1);
  });

  it('refuses an answer larger than its bound instead of holding it', async () => {
    newTransport();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const push = (): void => {
        while (sent <= MAX_RESPONSE_BYTES) {
          sent += chunk.byteLength;
          if (!res.write(chunk)) {
            res.once('drain', push);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        sent = Number.POSITIVE_INFINITY;
      });
      push();
    };
    const outcome = await outcomeOf(post());
    expect(outcome).toMatchObject({ name: 'TransportError', code: 'RESPONSE_TOO_LARGE' });
  });

  it('rejects a failed connection, and a URL that is not http(s)', async () => {
    newTransport();
    const port = await closedPort();
    await expect(
      transport.fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: '' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(transport.fetch('file:///etc/passwd')).rejects.toMatchObject({
      code: 'UNSUPPORTED_URL',
    });
  });

  it('hands a body that is not a string (a file upload form) to the global fetch', async () => {
    newTransport();
    handler = okJson;
    const form = new FormData();
    form.append('file', new Blob(['rows']), 'rows.csv');
    const answer = await transport.fetch(`${base}/api/files.upload`, {
      method: 'POST',
      body: form,
    });
    expect(answer.status).toBe(200);
    expect(seen[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.body).toContain('rows');
  });
});

describe('a WebClient on the transport', () => {
  const client = (retries = 0, timeoutMs = DEFAULT_TUNING.requestTimeoutMs): webApi.WebClient => {
    newTransport();
    const options = webClientOptions(
      { ...DEFAULT_TUNING, requestTimeoutMs: timeoutMs },
      `${base}/api`,
      createBoltLogger(silentLogger),
      transport.fetch,
    );
    return new webApi.WebClient('xoxb-test', { ...options, retryConfig: { retries } });
  };

  /** the error a one-line post through `web` ends with */
  const failedPost = (web: webApi.WebClient): Promise<unknown> =>
    web.chat.postMessage({ channel: 'C1', text: 'hi' }).catch((e: unknown) => e);

  it('makes a call and reads its result and scopes', async () => {
    handler = okJson;
    const result = await client().chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*AADSTS53003*' } }],
    });
    expect(result.ok).toBe(true);
    expect(result.ts).toBe('1.2');
    expect(result.response_metadata?.scopes).toEqual(['chat:write']);
    const body = new URLSearchParams(seen[0]?.body ?? '');
    expect(body.get('channel')).toBe('C1');
    expect(JSON.parse(body.get('blocks') ?? '[]')[0].text.text).toBe('*AADSTS53003*');
    expect(seen[0]?.headers.authorization).toBe('Bearer xoxb-test');
  });

  it('turns a 429 into a rate-limit error carrying Retry-After', async () => {
    handler = (_req, res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end();
    };
    const error = await failedPost(client());
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('turns a 500 into an HTTP error and a Slack error answer into a platform error', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('oops');
    };
    const http = await failedPost(client());
    expect(errorCodeOf(http)).toBe('SLACK_HTTP_ERROR');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":false,"error":"channel_not_found"}');
    };
    const platform = await failedPost(client());
    expect(platform).toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'channel_not_found' },
    });
  });

  it('reports an answer cut short as SLACK_ANSWER_LOST, which is not blindly posted again', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const error = await failedPost(client());
    expect(errorCodeOf(error)).toBe('SLACK_ANSWER_LOST');
    expect(mayRetryPost(error)).toBe(false);
  });

  it('reports a refused connection as SLACK_NETWORK_ERROR, which may be posted again', async () => {
    const port = await closedPort();
    newTransport();
    const refused = new webApi.WebClient('xoxb-test', {
      ...webClientOptions(
        DEFAULT_TUNING,
        `http://127.0.0.1:${port}/api`,
        createBoltLogger(silentLogger),
        transport.fetch,
      ),
      retryConfig: { retries: 0 },
    });
    const error = await failedPost(refused);
    expect(errorCodeOf(error)).toBe('SLACK_NETWORK_ERROR');
    expect(mayRetryPost(error)).toBe(true);
  });

  it('after a lost answer, looks for the post and does not post it again when it landed', async () => {
    const posted: string[] = [];
    handler = (req, res, body) => {
      if (req.url?.endsWith('/chat.postMessage')) {
        const metadata = new URLSearchParams(body).get('metadata') ?? '{}';
        posted.push(JSON.parse(metadata).event_payload.post);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"ok":');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      // conversations.replies: the thread holds the post that was carried out
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          messages: [
            {
              ts: '9.9',
              metadata: { event_type: 'aadsts_reply', event_payload: { post: posted[0] } },
            },
          ],
        }),
      );
    };
    const poster = client();
    const result = await postMessage(
      poster,
      { channel: 'C1', thread_ts: '1.1', text: 'hi' },
      { ...DEFAULT_TUNING, minRetryDelayMs: 10, maxRetryDelayMs: 20 },
      { reader: poster },
    );
    expect((result as { ts?: string }).ts).toBe('9.9');
    expect(posted).toHaveLength(1);
    expect(seen.map((s) => s.url)).toEqual(['/api/chat.postMessage', '/api/conversations.replies']);
  });

  it('reports a call that outlives its timeout as SLACK_TIMEOUT', async () => {
    handler = () => {
      // never answers
    };
    const error = await failedPost(client(0, 150));
    expect(errorCodeOf(error)).toBe('SLACK_TIMEOUT');
  });
});
