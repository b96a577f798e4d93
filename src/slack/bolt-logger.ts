/**
 * Bolt and @slack/web-api log free text that can quote request bodies or error messages. This adapter
 * turns their calls into allowlisted records: the level and a fixed label, never the text itself.
 */
import { type Logger, LogLevel } from '@slack/bolt';
import type { SafeLogger } from '../log/logger.js';

// Known message openings, mapped to labels we own. Anything else is recorded as "other".
const LABELS: Array<[prefix: string, label: string]> = [
  ['Failed to parse and verify', 'signature-rejected'],
  ['Request body exceeded', 'body-too-large'],
  ['Malformed request body', 'malformed-body'],
  ['An incoming event was not acknowledged', 'not-acknowledged'],
  ['An unhandled error occurred', 'unhandled-error'],
  ['Unhandled HTTP request', 'unhandled-route'],
  ['API Call failed due to rate limiting', 'rate-limited'],
  ['http request failed', 'request-failed'],
];

function labelOf(args: unknown[]): string {
  const first = args[0];
  if (typeof first !== 'string') return 'other';
  for (const [prefix, label] of LABELS) if (first.startsWith(prefix)) return label;
  return 'other';
}

/** a Bolt logger that forwards only a level and a fixed label to the safe logger */
export function createBoltLogger(logger: SafeLogger): Logger {
  let level: LogLevel = LogLevel.INFO;
  const emit = (at: 'debug' | 'info' | 'warn' | 'error', args: unknown[]): void => {
    // Bolt's debug output traces request bodies; it is never forwarded.
    if (at === 'debug') return;
    logger.log(at, { event: 'slack.bolt', platform: 'slack', detail: labelOf(args) });
  };
  return {
    debug: (...args: unknown[]) => emit('debug', args),
    info: (...args: unknown[]) => emit('info', args),
    warn: (...args: unknown[]) => emit('warn', args),
    error: (...args: unknown[]) => emit('error', args),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
