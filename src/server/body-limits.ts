/**
 * Input limits applied before any authentication work.
 *
 * restify's bodyParser has no size limit by default and inflates gzip before a limit applies, so the
 * Teams route reads its own body: identity encoding only, a byte cap, JSON object only. The Slack
 * route is left unread because Bolt verifies the signature over the raw bytes.
 */
import type { IncomingMessage } from 'node:http';

/** largest JSON body accepted on the Teams route; Teams messages stay far below this */
export const MAX_BODY_BYTES = 256 * 1024;

/** bytes discarded from an oversized body before the connection is cut */
const MAX_DRAIN_BYTES = 4 * 1024 * 1024;

/** why a request body was refused, with the HTTP status to answer */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'BODY_TOO_LARGE' | 'BODY_NOT_JSON' | 'CONTENT_ENCODING_UNSUPPORTED',
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Returns a BodyError when the request declares a content coding other than identity.
 * 415 is the status RFC 9110 §15.5.16 names for an unsupported Content-Encoding.
 */
export function checkContentEncoding(headers: IncomingMessage['headers']): BodyError | undefined {
  const raw = headers['content-encoding'];
  if (raw === undefined) return undefined;
  const codings = raw
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  if (codings.every((c) => c === 'identity')) return undefined;
  return new BodyError(
    415,
    'CONTENT_ENCODING_UNSUPPORTED',
    'Content-Encoding is not supported; send the body uncompressed.',
  );
}

/** reads the request body as a JSON object, refusing anything over `maxBytes` */
export function readJsonBody(
  req: IncomingMessage,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      drain(req);
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > maxBytes) {
        failed = true;
        req.off('data', onData);
        chunks.length = 0;
        drain(req);
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', (error: unknown) => {
      if (!failed) reject(error);
      failed = true;
    });
    req.once('end', () => {
      if (failed) return;
      try {
        // a Teams message usually arrives in one chunk: no copy into a second buffer for it
        const [only] = chunks;
        const bytes = chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks);
        const value: unknown = JSON.parse(bytes.toString('utf8'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          reject(new BodyError(400, 'BODY_NOT_JSON', 'The body must be a JSON object.'));
          return;
        }
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new BodyError(400, 'BODY_NOT_JSON', 'The body is not valid JSON.'));
      }
    });
  });
}

function tooLarge(maxBytes: number): BodyError {
  return new BodyError(413, 'BODY_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
}

/**
 * Discards the rest of a refused body so the client can read the answer, and cuts the connection
 * if the sender keeps going: nothing is kept in memory either way.
 */
function drain(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DRAIN_BYTES) req.destroy();
  });
  req.resume();
}
