/** Public API of the triage: streaming summaries of sign-in log exports and pasted rows. */
export {
  type ChatTriageResult,
  checkUpload,
  type DownloadOptions,
  hostAllowed,
  pastedText,
  SLACK_FILE_HOSTS,
  TEAMS_FILE_HOSTS,
  TRIAGE_CHAT_LIMITS,
  TRIAGE_FILE_TYPES,
  triageDownload,
  triagePaste,
} from './chat.js';
export * from './constants.js';
export { isTriageError, TRIAGE_ERROR_CODES, TriageError, type TriageErrorCode } from './errors.js';
export { htmlTableToTsv } from './html-table.js';
export { looksLikeSignInRows } from './paste.js';
export { type TriageOptions, triageStream, triageText } from './triage.js';
export * from './types.js';
