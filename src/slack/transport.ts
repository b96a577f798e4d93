/**
 * The HTTP transport under the bot's Web API clients.
 *
 * @slack/web-api sends every call through a `fetch` function it can be given (WebClientOptions.fetch,
 * "to configure proxies, TLS, or other transport-level behavior"). The global fetch builds web
 * streams, a Request and a Response for every call; a reply in a busy channel pays for that on every
 * post. This transport does the same job with Node's http/https client over keep-alive agents: it
 * writes the string body the client serialized, reads the whole answer (bounded), and hands back the
 * small Response shape the client reads (status, headers, text/json/arrayBuffer).
 *
 * How it differs from the global fetch, on purpose:
 * - An abort signal (the client's per-request timeout) rejects with the signal's reason, so a timeout
 *   still reads as a TimeoutError; a call without a signal gets a 60 s one.
 * - Once Slack has begun to answer, a failure (the connection cut mid-body, an answer over the size
 *   bound) rejects with TransportError RESPONSE_INTERRUPTED / RESPONSE_TOO_LARGE: Slack has done the
 *   work by then, so a post must not simply be sent again (see errors.ts and postMessage).
 * - A redirect is returned as an answer (the client then reports an HTTP error) instead of being
 *   refused; Slack's Web API does not redirect.
 * - Idle connections are closed after 4 s, or sooner when the server's Keep-Alive header says so, so
 *   a connection the server has already dropped is rarely reused.
 * - No Accept-Encoding is sent; gzip, deflate and br answers from a proxy that compresses anyway are
 *   still decoded, leniently as fetch does.
 * - With Node's own proxy support on (NODE_USE_ENV_PROXY=1 or --use-env-proxy, see nodeProxyOn) every
 *   call goes to the global fetch, which honours HTTP(S)_PROXY; so do bodies it does not handle
 *   (file uploads).
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebClientOptions
 * https://nodejs.org/api/http.html#new-agentoptions
 * https://nodejs.org/api/http.html#built-in-proxy-support
 */
import http from 'node:http';
import https from 'node:https';
import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { webApi } from '@slack/bolt';

/** the largest answer read into memory; Web API answers stay far below it */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** sockets kept per host: enough for a burst of replies without opening one per post */
const MAX_SOCKETS = 64;

/** how long an idle connection is kept (the server's Keep-Alive hint can shorten it) */
export const IDLE_SOCKET_MS = 4_000;

/** the bound on a call made without an abort signal */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

type FetchResponse = Awaited<ReturnType<webApi.FetchFunction>>;
type FetchInit = Parameters<webApi.FetchFunction>[1];

/** response headers as Node parsed them (lower-case names), read the way fetch's Headers reads */
class AnswerHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }
}

/** the answer, read in full */
class Answer implements FetchResponse {
  readonly ok: boolean;
  readonly headers: AnswerHeaders;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    headers: http.IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new AnswerHeaders(headers);
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new ArrayBuffer(this.body.byteLength);
    new Uint8Array(copy).set(this.body);
    return copy;
  }
}

/** why a request failed in the transport itself (not an HTTP answer) */
export class TransportError extends Error {
  constructor(
    readonly code: 'RESPONSE_INTERRUPTED' | 'RESPONSE_TOO_LARGE' | 'UNSUPPORTED_URL',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    // a body cut short yields what arrived instead of an error, as fetch's decoding does
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'deflate':
      return createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/** a fetch for @slack/web-api, and a way to close its idle connections */
export interface SlackTransport {
  fetch: webApi.FetchFunction;
  /** closes the kept-alive connections; later calls open new ones */
  close(): void;
}

/**
 * Whether Node routes its own fetch through HTTP(S)_PROXY. Node reads the variable when it starts;
 * answering yes when Node did not (the variable came from a .env file) only costs speed, because
 * the global fetch then connects directly, as this transport would.
 */
export function nodeProxyOn(env: NodeJS.ProcessEnv, execArgv: readonly string[]): boolean {
  const flag = env.NODE_USE_ENV_PROXY;
  return (
    (flag !== undefined && flag !== '' && flag !== '0') || execArgv.includes('--use-env-proxy')
  );
}

/** how the transport is set up */
export interface TransportOptions {
  /** send every call through the global fetch (Node's proxy support is on) */
  useGlobalFetch?: boolean;
}

// the global Response has every member the client reads (Node's Headers has entries())
const globalFetch: webApi.FetchFunction = (url, init) =>
  globalThis.fetch(url, init) as unknown as Promise<FetchResponse>;

/** a fetch for @slack/web-api over keep-alive agents of its own */
export function createSlackTransport(options: TransportOptions = {}): SlackTransport {
  if (options.useGlobalFetch) return { fetch: globalFetch, close: () => {} };
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS };
  const agents = {
    'http:': new http.Agent(agentOptions),
    'https:': new https.Agent(agentOptions),
  } as const;

  const fetch = (url: string | URL, init?: FetchInit): Promise<FetchResponse> => {
    const body = init?.body;
    if (body !== undefined && typeof body !== 'string') return globalFetch(url, init);
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return Promise.reject(
        new TransportError('UNSUPPORTED_URL', `unsupported protocol ${target.protocol}`),
      );
    }
    const signal = init?.signal ?? AbortSignal.timeout(DEFAULT_CALL_TIMEOUT_MS);
    if (signal.aborted) return Promise.reject(signal.reason);

    return new Promise<FetchResponse>((resolve, reject) => {
      const headers: Record<string, string | number> = { ...init?.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(target, {
        method: init?.method ?? 'GET',
        headers,
        agent: agents[target.protocol as 'http:' | 'https:'],
      });
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        reject(error);
      };
      let answering = false;
      const onAbort = (): void => {
        request.destroy();
        fail(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      // before an answer: the error as Node gives it (refused, reset, DNS); after: the answer was lost
      request.on('error', (error: Error) => {
        if (!answering) return fail(error);
        fail(new TransportError('RESPONSE_INTERRUPTED', `answer cut short (${errorName(error)})`));
      });
      request.on('response', (response) => {
        answering = true;
        const decoder = decoderFor(response.headers['content-encoding']);
        const stream: NodeJS.ReadableStream = decoder ? response.pipe(decoder) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        const interrupted = (error: Error): void =>
          fail(
            new TransportError('RESPONSE_INTERRUPTED', `answer cut short (${errorName(error)})`),
          );
        response.on('error', interrupted);
        response.on('aborted', () => interrupted(new Error('aborted')));
        decoder?.on('error', interrupted);
        stream.on('data', (chunk: Buffer) => {
          if (settled) return;
          size += chunk.byteLength;
          if (size > MAX_RESPONSE_BYTES) {
            request.destroy();
            decoder?.destroy();
            fail(
              new TransportError(
                'RESPONSE_TOO_LARGE',
                `answer larger than ${MAX_RESPONSE_BYTES} bytes`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          if (settled) return;
          if (!response.complete) return interrupted(new Error('incomplete'));
          settled = true;
          signal.removeEventListener('abort', onAbort);
          const status = response.statusCode ?? 0;
          resolve(
            new Answer(
              status,
              response.statusMessage ?? '',
              target.href,
              response.headers,
              chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size),
            ),
          );
        });
      });
      request.end(body);
    });
  };

  return {
    fetch,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function errorName(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
