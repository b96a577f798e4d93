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
  MAX_RESPONSE_BYTES,
  type SlackTransport,
} from '../../src/slack/transport.js';
import { webClientOptions } from '../../src/slack/web-client.js';

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

afterEach(() => {
  transport?.close();
  seen.length = 0;
});

const okJson: Handler = (_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-oauth-scopes': 'chat:write',
  });
  res.end('{"ok":true,"ts":"1.2"}');
};

describe('the Slack Web API transport', () => {
  it('sends the method, headers and string body, and hands back status, headers and body', async () => {
    transport = createSlackTransport();
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
    transport = createSlackTransport();
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
    transport = createSlackTransport();
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"ok":true,"zipped":1}'));
    };
    const answer = await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' });
    expect(await answer.json()).toEqual({ ok: true, zipped: 1 });
  });

  it('keeps the connection alive between calls, and close() ends it', async () => {
    transport = createSlackTransport();
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
    transport = createSlackTransport();
    handler = () => {
      // never answers
    };
    const error = await transport
      .fetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: AbortSignal.timeout(100) })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    const aborted = new AbortController();
    aborted.abort(new Error('stopped'));
    await expect(
      transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1', signal: aborted.signal }),
    ).rejects.toThrow('stopped');
  });

  it('refuses an answer larger than its bound instead of holding it', async () => {
    transport = createSlackTransport();
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
    // compared as an outcome, so a regression prints 'resolved', not a 16 MB body
    const outcome = await transport.fetch(`${base}/api/x`, { method: 'POST', body: 'a=1' }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(outcome).toMatchObject({ name: 'TransportError', code: 'RESPONSE_TOO_LARGE' });
  });

  it('rejects a failed connection, and a URL that is not http(s)', async () => {
    transport = createSlackTransport();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      transport.fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: '' }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(transport.fetch('file:///etc/passwd')).rejects.toMatchObject({
      code: 'UNSUPPORTED_URL',
    });
  });

  it('hands a body that is not a string (a file upload form) to the global fetch', async () => {
    transport = createSlackTransport();
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
    transport = createSlackTransport();
    const options = webClientOptions(
      { ...DEFAULT_TUNING, requestTimeoutMs: timeoutMs },
      `${base}/api`,
      createBoltLogger(silentLogger),
      transport.fetch,
    );
    return new webApi.WebClient('xoxb-test', { ...options, retryConfig: { retries } });
  };

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
    const error = await client()
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
  });

  it('turns a 500 into an HTTP error and a Slack error answer into a platform error', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('oops');
    };
    const http = await client()
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .catch((e: unknown) => e);
    expect(errorCodeOf(http)).toBe('SLACK_HTTP_ERROR');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":false,"error":"channel_not_found"}');
    };
    const platform = await client()
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .catch((e: unknown) => e);
    expect(platform).toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { error: 'channel_not_found' },
    });
  });

  it('reports a call that outlives its timeout as SLACK_TIMEOUT', async () => {
    handler = () => {
      // never answers
    };
    const error = await client(0, 150)
      .chat.postMessage({ channel: 'C1', text: 'hi' })
      .catch((e: unknown) => e);
    expect(errorCodeOf(error)).toBe('SLACK_TIMEOUT');
  });
});
