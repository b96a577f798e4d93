/**
 * Checks over an instance's raw output: every stdout line is a JSON record carrying only the
 * logger's allowlisted fields, and nothing looks like a stack trace.
 */
import { allowlist, type LogFields } from '../../src/log/logger.js';

const EVERY_FIELD: Required<LogFields> = {
  event: 'x',
  platform: 'server',
  activityId: 'x',
  scope: 'x',
  codes: [1],
  inputLength: 1,
  ms: 1,
  outcome: 'x',
  errorCode: 'x',
  status: 1,
  attempts: 1,
  detail: 'x',
};

/** pino's own keys plus every field the allowlist logger lets through */
export const LOG_KEYS: ReadonlySet<string> = new Set([
  'level',
  'time',
  ...Object.keys(allowlist(EVERY_FIELD)),
]);

/** a line of a JavaScript stack trace ("    at fn (file:1:2)") */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

/** problems with stdout: lines that are not JSON objects, or keys outside the allowlist */
export function stdoutProblems(stdout: string): string[] {
  const problems: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push(`not JSON: ${line.slice(0, 120)}`);
      continue;
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) {
      problems.push(`not a record: ${line.slice(0, 120)}`);
      continue;
    }
    const extra = Object.keys(record).filter((key) => !LOG_KEYS.has(key));
    if (extra.length > 0) problems.push(`fields ${extra.join(', ')} in ${line.slice(0, 120)}`);
  }
  return problems;
}
