/**
 * The HTTP transport under the bot's Web API clients.
 *
 * @slack/web-api sends every call through a `fetch` function it can be given (WebClientOptions.fetch,
 * "to configure proxies, TLS, or other transport-level behavior"). The global fetch builds web
 * streams, a Request and a Response for every call; a reply in a busy channel pays for that on every
 * post. This transport does the same job with Node's http/https client over a keep-alive agent: it
 * writes the string body the client serialized, reads the whole answer (bounded), and hands back the
 * small Response shape the client reads (status, headers, text/json/arrayBuffer).
 *
 * What it keeps from fetch: the abort signal (the client's per-request timeout) rejects with the
 * signal's reason, so a timeout still reads as a TimeoutError; gzip, deflate and br answers are
 * decoded; a redirect is not followed (the client asks for `redirect: 'error'`, and Slack's Web API
 * does not redirect). Bodies it does not handle (FormData for file uploads) go to the global fetch.
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/WebClientOptions
 * https://nodejs.org/api/http.html#new-agentoptions
 */
import http from 'node:http';
import https from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { webApi } from '@slack/bolt';

/** the largest answer read into memory; Web API answers stay far below it */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** sockets kept per host: enough for a burst of replies without opening one per post */
const MAX_SOCKETS = 64;

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
    readonly code: 'RESPONSE_TOO_LARGE' | 'UNSUPPORTED_URL',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function decoderFor(encoding: string | undefined): NodeJS.ReadWriteStream | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
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

/** a fetch for @slack/web-api over keep-alive agents of its own */
export function createSlackTransport(): SlackTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  } as const;

  const fetch = (url: string | URL, init?: FetchInit): Promise<FetchResponse> => {
    const body = init?.body;
    if (body !== undefined && typeof body !== 'string') {
      // the global Response has every member the client reads (Node's Headers has entries())
      return globalThis.fetch(url, init) as unknown as Promise<FetchResponse>;
    }
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return Promise.reject(
        new TransportError('UNSUPPORTED_URL', `unsupported protocol ${target.protocol}`),
      );
    }
    const signal = init?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);

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
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = (): void => {
        request.destroy();
        fail(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', fail);
      request.on('response', (response) => {
        const decoder = decoderFor(response.headers['content-encoding']);
        const stream: NodeJS.ReadableStream = decoder ? response.pipe(decoder) : response;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('error', fail);
        decoder?.on('error', fail);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > MAX_RESPONSE_BYTES) {
            request.destroy();
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
          settled = true;
          signal?.removeEventListener('abort', onAbort);
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
