/**
 * Logging by allowlist. pino's `redact` only masks named fields, so a token or an address inside
 * free text would be logged as is. Here a log record can only carry the fields of `LogFields`;
 * nothing a user typed is ever a field.
 */
import { hash } from 'node:crypto';
import { type DestinationStream, type Logger, pino } from 'pino';

/** the only fields a log record may carry */
export interface LogFields {
  /** what happened, a stable dotted name such as "teams.turn" or "slack.event" */
  event: string;
  platform?: 'teams' | 'slack' | 'cli' | 'server';
  /** Bot Framework activity id or Slack event id (opaque ids, not personal data) */
  activityId?: string;
  /** hash of a team, tenant, workspace or channel id (see hashId) */
  scope?: string;
  /** codes found in the message */
  codes?: number[];
  /** length of the input in characters */
  inputLength?: number;
  /** milliseconds spent */
  ms?: number;
  /** outcome name such as "replied", "silent", "duplicate", "rejected" */
  outcome?: string;
  /** a stable error code (never an error message that may quote input) */
  errorCode?: string;
  /** HTTP status seen or sent */
  status?: number;
  /** number of attempts made for an outbound call */
  attempts?: number;
  /** free text written by the project itself, never containing user input */
  detail?: string;
}

const ALLOWED = new Set<string>([
  'event',
  'platform',
  'activityId',
  'scope',
  'codes',
  'inputLength',
  'ms',
  'outcome',
  'errorCode',
  'status',
  'attempts',
  'detail',
]);

export type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** a logger that accepts only allowlisted fields */
export interface SafeLogger {
  log(level: Level, fields: LogFields): void;
  info(fields: LogFields): void;
  warn(fields: LogFields): void;
  error(fields: LogFields): void;
  debug(fields: LogFields): void;
  /** false when records of `level` are dropped, so a caller can skip building them */
  enabled(level: Level): boolean;
}

/** keeps only allowlisted keys, whatever the caller passed at run time */
export function allowlist(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (ALLOWED.has(key) && value !== undefined) out[key] = value;
  }
  return out;
}

/** a short, stable, non-reversible label for a tenant, team or channel id */
export function hashId(id: string): string {
  // the one-shot digest: the same SHA-256 hex as createHash, without a Hash object per call
  return hash('sha256', id, 'hex').slice(0, 12);
}

/** creates the process logger; tests pass a destination to capture output */
export function createLogger(
  options: { level?: Level | 'silent'; destination?: DestinationStream } = {},
): SafeLogger {
  const base: Logger = pino(
    { level: options.level ?? 'info', base: undefined, messageKey: 'msg' },
    options.destination,
  );
  const log = (level: Level, fields: LogFields): void => {
    if (base.isLevelEnabled(level)) base[level](allowlist(fields));
  };
  return {
    log,
    enabled: (level) => base.isLevelEnabled(level),
    info: (f) => log('info', f),
    warn: (f) => log('warn', f),
    error: (f) => log('error', f),
    debug: (f) => log('debug', f),
  };
}

/** a logger that writes nothing */
export const silentLogger: SafeLogger = createLogger({ level: 'silent' });
