/** Triage errors with a stable code and a message a person can act on. */

export const TRIAGE_ERROR_CODES = [
  'FILE_NOT_FOUND',
  'READ_FAILED',
  'EMPTY_INPUT',
  'UNKNOWN_FORMAT',
  'NO_SIGNIN_COLUMNS',
  'TOO_LARGE',
  'UNSUPPORTED_FILE',
  'DOWNLOAD_FAILED',
] as const;
export type TriageErrorCode = (typeof TRIAGE_ERROR_CODES)[number];

/** an input the triage cannot summarize */
export class TriageError extends Error {
  readonly code: TriageErrorCode;
  constructor(code: TriageErrorCode, message: string) {
    super(message);
    this.name = 'TriageError';
    this.code = code;
  }
}

/** true for a TriageError */
export function isTriageError(error: unknown): error is TriageError {
  return error instanceof TriageError;
}
