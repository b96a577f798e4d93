/**
 * The one HTTP server: Teams on POST /api/messages, Slack on POST /slack/events, health probes.
 * It knows nothing about Bot Framework or Bolt; each platform hands it a handler.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { SafeLogger } from '../log/logger.js';
import { BodyError, checkContentEncoding, MAX_BODY_BYTES, readJsonBody } from './body-limits.js';
import type { ReadinessAnswer } from './readiness.js';

/** the request the Teams handler receives: the parsed JSON body plus the raw headers */
export interface JsonRequest {
  method?: string | undefined;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** the response methods the Teams handler uses (a restify response has them) */
export interface JsonResponse {
  socket: unknown;
  header(name: string, value: unknown): unknown;
  status(code: number): unknown;
  send(body?: unknown): unknown;
  end(): unknown;
}

/** processes one Bot Framework request (the Teams side implements it) */
export interface TeamsEndpoint {
  process(req: JsonRequest, res: JsonResponse): Promise<void>;
}

/** a raw Node request listener (Bolt's receiver provides one) */
export interface SlackEndpoint {
  requestListener(req: IncomingMessage, res: ServerResponse): void;
}

/** what the server hosts; a platform left out has no route */
export interface ServerOptions {
  logger: SafeLogger;
  teams?: TeamsEndpoint | undefined;
  slack?: SlackEndpoint | undefined;
  /** readiness beyond "the process answers", e.g. the catalog is loaded */
  isReady?: () => boolean;
  /** the full readiness answer (status code and body); takes precedence over isReady */
  readiness?: () => ReadinessAnswer;
  /** true while shutting down: /readyz answers 503 and every response closes its connection */
  isDraining?: () => boolean;
  /** byte cap of the Teams JSON body (default 256 KB) */
  maxBodyBytes?: number;
}

/** a listening server and how to stop it */
export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

const SLACK_PATH = '/slack/events';

/** builds the restify server without listening */
export function createServer(options: ServerOptions): restify.Server {
  const { logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const server = restify.createServer({ name: 'aadsts-bot', handleUncaughtExceptions: false });
  // Chat platforms send small bodies quickly; a client trickling bytes is cut off early.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 30_000;

  // the checks every request gets before any route sees it; a refusal has been answered when it
  // returns true
  const refusedEarly = (req: IncomingMessage, res: ServerResponse): boolean => {
    // while draining, kept-alive clients are told to reconnect, which sends them to another instance
    if (options.isDraining?.()) res.setHeader('Connection', 'close');
    // no route (Slack included) ever sees a compressed body
    const refused = checkContentEncoding(req.headers);
    if (!refused) return false;
    logger.warn({
      event: 'http.rejected',
      platform: 'server',
      status: refused.status,
      errorCode: refused.code,
    });
    const body = JSON.stringify({ code: refused.code, message: refused.message });
    res.writeHead(refused.status, {
      Connection: 'close',
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return true;
  };

  const slack = options.slack;
  if (slack) {
    // POST /slack/events goes to Bolt's listener before restify builds its request state: Bolt
    // reads the raw body itself, so restify's routing and wrappers would only add work per event.
    // Other methods and spellings of the path still reach restify's route below.
    // https://restify.com/docs/server-api/#first
    // @types/restify predates first(); restify 12 has it
    const first = server as unknown as {
      first(handler: (req: IncomingMessage, res: ServerResponse) => boolean): void;
    };
    first.first((req, res) => {
      if (req.method !== 'POST' || req.url !== SLACK_PATH) return true;
      if (!refusedEarly(req, res)) slack.requestListener(req, res);
      return false;
    });
  }

  server.pre((req, res, next) => {
    if (refusedEarly(req, res)) return next(false);
    return next();
  });

  // liveness: the process answers; it stays 200 while draining so nothing kills a draining process
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  // readiness: whether a load balancer should send traffic here
  server.get('/readyz', async (_req, res) => {
    if (options.isDraining?.()) {
      res.send(503, { status: 'draining' });
      return;
    }
    if (options.readiness) {
      const answer = options.readiness();
      res.send(answer.ready ? 200 : 503, answer.body);
      return;
    }
    const ready = options.isReady?.() ?? true;
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'starting' });
  });

  const teams = options.teams;
  if (teams) {
    server.post('/api/messages', async (req, res) => {
      let body: Record<string, unknown>;
      try {
        body = await readJsonBody(req, maxBodyBytes);
      } catch (error: unknown) {
        const refused =
          error instanceof BodyError
            ? error
            : new BodyError(400, 'BODY_NOT_JSON', 'The body could not be read.');
        logger.warn({
          event: 'http.rejected',
          platform: 'teams',
          status: refused.status,
          errorCode: refused.code,
        });
        if (refused.status === 413) res.setHeader('Connection', 'close');
        res.send(refused.status, { code: refused.code, message: refused.message });
        return;
      }
      await teams.process({ method: req.method, headers: req.headers, body }, res);
    });
  }

  if (slack) {
    // No body parser here: Bolt reads the raw bytes to check Slack's signature.
    server.post(SLACK_PATH, (req, res, _next) => {
      slack.requestListener(req, res);
    });
  }

  return server;
}

/** starts listening; port 0 picks a free port */
export function listen(server: restify.Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      const address = server.server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
