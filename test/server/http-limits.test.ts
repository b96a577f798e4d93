import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import {
  createServer,
  type JsonRequest,
  listen,
  type RunningServer,
} from '../../src/server/create-server.js';

// The Teams endpoint here records what reached it; the limits must stop bad bodies before it.
const reachedTeams: JsonRequest[] = [];
const slackBodies: string[] = [];
let ready = false;
let server: RunningServer;

beforeAll(async () => {
  const app = createServer({
    logger: silentLogger,
    isReady: () => ready,
    teams: {
      async process(req, res) {
        reachedTeams.push(req);
        res.status(200);
        res.send({ echoed: req.body.type ?? null });
        res.end();
      },
    },
    slack: {
      requestListener(req: IncomingMessage, res: ServerResponse) {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          slackBodies.push(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('slack-ok');
        });
      },
    },
  });
  server = await listen(app, 0, '127.0.0.1');
});

afterAll(async () => {
  await server.close();
});

const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

describe('health and readiness', () => {
  it('answers /healthz at once and /readyz only when ready', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    ready = false;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    ready = true;
    const readyRes = await fetch(`${server.url}/readyz`);
    expect(readyRes.status).toBe(200);
    expect(await readyRes.json()).toEqual({ status: 'ready' });
  });
});

describe('Teams route input limits', () => {
  it('passes a small JSON object to the Teams endpoint', async () => {
    const res = await post('/api/messages', JSON.stringify({ type: 'message' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: 'message' });
  });

  it('answers 413 for a body over 256 KB, declared by Content-Length', async () => {
    const before = reachedTeams.length;
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    const res = await post('/api/messages', big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(reachedTeams.length).toBe(before);
  });

  it('answers 413 for an oversized chunked body without Content-Length', async () => {
    const before = reachedTeams.length;
    const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"text":"'));
        if (sent >= 6) {
          controller.enqueue(new TextEncoder().encode('"}'));
          controller.close();
          return;
        }
        sent += 1;
        controller.enqueue(piece);
      },
    });
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(reachedTeams.length).toBe(before);
  });

  it('accepts a body just under the limit', async () => {
    const text = 'y'.repeat(256 * 1024 - 40);
    const res = await post('/api/messages', JSON.stringify({ type: 'message', text }));
    expect(res.status).toBe(200);
  });

  it('answers 415 for a gzip body, even a tiny one, before inflating it', async () => {
    const before = reachedTeams.length;
    // 1 MB of zeros compresses to about 1 KB; the server must never inflate it.
    const bomb = gzipSync(
      Buffer.from(JSON.stringify({ type: 'message', text: '0'.repeat(1024 * 1024) })),
    );
    expect(bomb.length).toBeLessThan(4096);
    const res = await post('/api/messages', bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'CONTENT_ENCODING_UNSUPPORTED' });
    expect(reachedTeams.length).toBe(before);
  });

  it('accepts an explicit identity encoding', async () => {
    const res = await post('/api/messages', JSON.stringify({ type: 'ping' }), {
      'content-encoding': 'identity',
    });
    expect(res.status).toBe(200);
  });

  it('answers 400 for malformed JSON and for a JSON array', async () => {
    expect((await post('/api/messages', '{"type":')).status).toBe(400);
    expect((await post('/api/messages', '[1,2]')).status).toBe(400);
  });
});

describe('Slack route', () => {
  it('hands the raw, unparsed body to the Slack listener', async () => {
    const raw = 'token=abc&team_id=T1&text=%3Cnot+json%3E';
    const res = await post('/slack/events', raw, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('slack-ok');
    expect(slackBodies.at(-1)).toBe(raw);
  });

  it('refuses a compressed body on the Slack route too', async () => {
    const res = await post('/slack/events', gzipSync(Buffer.from('{}')), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'CONTENT_ENCODING_UNSUPPORTED' });
    expect(res.headers.get('connection')).toBe('close');
  });

  it('hands other spellings of the path to the same listener, and refuses other methods', async () => {
    const query = await post('/slack/events?ssl_check=1', 'token=abc', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(await query.text()).toBe('slack-ok');
    expect(slackBodies.at(-1)).toBe('token=abc');
    expect((await fetch(`${server.url}/slack/events`)).status).toBe(405);
  });

  it('tells Slack to reconnect elsewhere while draining', async () => {
    let draining = false;
    const app = createServer({
      logger: silentLogger,
      isDraining: () => draining,
      slack: {
        requestListener(_req: IncomingMessage, res: ServerResponse) {
          res.writeHead(200);
          res.end('ok');
        },
      },
    });
    const running = await listen(app, 0, '127.0.0.1');
    try {
      const url = `${running.url}/slack/events`;
      expect((await fetch(url, { method: 'POST', body: '{}' })).headers.get('connection')).not.toBe(
        'close',
      );
      draining = true;
      const res = await fetch(url, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
      expect(res.headers.get('connection')).toBe('close');
    } finally {
      await running.close();
    }
  });
});

describe('routes that are not configured', () => {
  it('has no Slack or Teams route when neither is given', async () => {
    const bare = await listen(createServer({ logger: silentLogger }), 0, '127.0.0.1');
    try {
      expect((await post2(bare.url, '/slack/events')).status).toBe(404);
      expect((await post2(bare.url, '/api/messages')).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

function post2(base: string, path: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
}
