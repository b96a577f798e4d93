/**
 * Stable error codes for the Slack adapter. Logs carry these codes, never an error message, because
 * messages from HTTP and JSON libraries can quote the input.
 */
import { TransportError } from './transport.js';

export type SlackErrorCode =
  | 'SLACK_RATE_LIMITED'
  | 'SLACK_HTTP_ERROR'
  | 'SLACK_TIMEOUT'
  | 'SLACK_ANSWER_LOST'
  | 'SLACK_NETWORK_ERROR'
  | 'SLACK_PLATFORM_ERROR'
  | 'SLACK_UNEXPECTED';

/** a failed call to Slack, with a code that is safe to log */
export class SlackCallError extends Error {
  constructor(
    readonly code: SlackErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SlackCallError';
  }
}

const WEB_API_CODES: Record<string, SlackErrorCode> = {
  slack_webapi_rate_limited_error: 'SLACK_RATE_LIMITED',
  slack_webapi_http_error: 'SLACK_HTTP_ERROR',
  slack_webapi_request_error: 'SLACK_NETWORK_ERROR',
  slack_webapi_platform_error: 'SLACK_PLATFORM_ERROR',
};

/** maps any thrown value to a stable code for logs */
export function errorCodeOf(error: unknown): SlackErrorCode {
  if (error instanceof SlackCallError) return error.code;
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') {
      const mapped = WEB_API_CODES[code];
      if (mapped === 'SLACK_NETWORK_ERROR' && isTimeout(error)) return 'SLACK_TIMEOUT';
      if (mapped === 'SLACK_NETWORK_ERROR' && answerLost(error)) return 'SLACK_ANSWER_LOST';
      if (mapped) return mapped;
    }
  }
  if (isTimeout(error)) return 'SLACK_TIMEOUT';
  if (answerLost(error)) return 'SLACK_ANSWER_LOST';
  return 'SLACK_UNEXPECTED';
}

/**
 * Slack began to answer and the answer was cut short or too large (transport.ts): the call was
 * carried out, only its result is unknown, as after a timeout.
 */
function answerLost(error: unknown): boolean {
  const lost = (e: unknown): boolean =>
    e instanceof TransportError &&
    (e.code === 'RESPONSE_INTERRUPTED' || e.code === 'RESPONSE_TOO_LARGE');
  return (
    lost(error) || (error instanceof Error && lost((error as { original?: unknown }).original))
  );
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const original = (error as { original?: unknown }).original;
  return (
    original instanceof Error &&
    (original.name === 'TimeoutError' || original.name === 'AbortError')
  );
}
