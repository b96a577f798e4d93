/**
 * Triage for the chat adapters: a pasted block or an uploaded file in, a summary or a stable error
 * code out, never an exception. Uploads are fetched only from allow-listed hosts (the bot token must
 * never travel elsewhere), capped in size before and during the download, and never stored: the
 * body streams straight into the triage.
 * Slack: files.info → url_private_download with the bot token (https://api.slack.com/types/file).
 * Teams personal chat: attachment "application/vnd.microsoft.teams.file.download.info" whose
 * content.downloadUrl is pre-authorized and short-lived
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4).
 */
import type { Catalog } from '../catalog/load.js';
import { unescapeSlack, unescapeTeamsHtml } from '../extract/normalize.js';
import { PASTE_MIN_ROWS } from './constants.js';
import { isTriageError, type TriageErrorCode } from './errors.js';
import { htmlTableToTsv } from './html-table.js';
import { looksLikeSignInRows, signInRowsStart } from './paste.js';
import { triageStream, triageText } from './triage.js';
import type { TriageSummary } from './types.js';

/** chat-side limits; larger inputs belong to the CLI, which streams any size */
export const TRIAGE_CHAT_LIMITS = {
  /** largest upload summarized in chat (about 80,000 portal rows) so a reply stays within seconds */
  fileBytes: 20 * 1024 * 1024,
  /** the download and triage must finish within this time */
  downloadMs: 25_000,
  /** redirects followed, each checked against the allow-list */
  redirects: 3,
} as const;

// a chat message is far smaller than this; the cap only bounds the work on a hostile one
const MAX_PASTE_CHARS = 1_000_000;

/** where Slack serves uploads (url_private_download); the bot token goes nowhere else */
export const SLACK_FILE_HOSTS: readonly string[] = ['files.slack.com'];
/**
 * where Teams personal-chat uploads live: the sender's OneDrive for Business (SharePoint), in the
 * commercial and government clouds; the downloadUrl is pre-authorized, so no token is sent at all
 */
export const TEAMS_FILE_HOSTS: readonly string[] = [
  '.sharepoint.com',
  '.sharepoint.us',
  '.sharepoint-mil.us',
];

/** file name endings the triage accepts in chat */
export const TRIAGE_FILE_TYPES: readonly string[] = [
  'csv',
  'tsv',
  'txt',
  'json',
  'ndjson',
  'jsonl',
];

/** what a chat adapter gets back */
export type ChatTriageResult =
  | { kind: 'summary'; summary: TriageSummary }
  | { kind: 'error'; code: TriageErrorCode; limitBytes?: number };

/** checks an upload's name and declared size before anything is downloaded */
export function checkUpload(file: { name?: string; size?: number }): ChatTriageResult | undefined {
  const name = (file.name ?? '').toLowerCase();
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot + 1) : '';
  if (!TRIAGE_FILE_TYPES.includes(ext)) return { kind: 'error', code: 'UNSUPPORTED_FILE' };
  if (file.size !== undefined && file.size > TRIAGE_CHAT_LIMITS.fileBytes) {
    return { kind: 'error', code: 'TOO_LARGE', limitBytes: TRIAGE_CHAT_LIMITS.fileBytes };
  }
  return undefined;
}

/** true when `host` is allowed: an entry ".example.com" allows subdomains, "files.example.com" itself */
export function hostAllowed(host: string, allowedHosts: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowedHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e.startsWith('.') ? h.endsWith(e) && h.length > e.length : h === e;
  });
}

/** how to download an upload */
export interface DownloadOptions {
  catalog: Catalog;
  /** hosts the URL (and every redirect) must be on, e.g. ["files.slack.com"] or [".sharepoint.com"] */
  allowedHosts: readonly string[];
  /** sent only to allowed hosts, e.g. { authorization: "Bearer xoxb-…" } for Slack */
  headers?: Record<string, string>;
  maxBytes?: number;
  timeoutMs?: number;
  /** the fetch to use (the global one by default) */
  fetch?: typeof fetch;
}

function failure(code: TriageErrorCode, limitBytes?: number): ChatTriageResult {
  return limitBytes === undefined ? { kind: 'error', code } : { kind: 'error', code, limitBytes };
}

/** downloads an upload over https from an allowed host and summarizes it; never throws */
export async function triageDownload(
  url: string,
  options: DownloadOptions,
): Promise<ChatTriageResult> {
  const maxBytes = options.maxBytes ?? TRIAGE_CHAT_LIMITS.fileBytes;
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? TRIAGE_CHAT_LIMITS.downloadMs);
  try {
    let target = new URL(url);
    let response: Response | undefined;
    for (let hop = 0; hop <= TRIAGE_CHAT_LIMITS.redirects; hop++) {
      if (target.protocol !== 'https:' || !hostAllowed(target.hostname, options.allowedHosts)) {
        return failure('DOWNLOAD_FAILED');
      }
      response = await doFetch(target, {
        headers: options.headers ?? {},
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) break;
      await response.body?.cancel();
      target = new URL(location, target);
      response = undefined;
    }
    if (response === undefined || response.status !== 200 || response.body === null) {
      await response?.body?.cancel();
      return failure('DOWNLOAD_FAILED');
    }
    // Slack answers a missing files:read scope with its sign-in page, not an error status
    if ((response.headers.get('content-type') ?? '').includes('text/html')) {
      await response.body.cancel();
      return failure('DOWNLOAD_FAILED');
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body.cancel();
      return failure('TOO_LARGE', maxBytes);
    }
    const body = response.body as unknown as AsyncIterable<Uint8Array>;
    const summary = await triageStream(body, { catalog: options.catalog, maxBytes });
    return { kind: 'summary', summary };
  } catch (error: unknown) {
    if (isTriageError(error))
      return failure(error.code, error.code === 'TOO_LARGE' ? maxBytes : undefined);
    return failure('DOWNLOAD_FAILED');
  }
}

/** the plain text of a message as the platform encoded it (InboundMessage.encoding) */
export function pastedText(
  text: string,
  encoding: 'plain' | 'slack' | 'teams-html' = 'plain',
): string {
  if (encoding === 'slack') return unescapeSlack(text);
  if (encoding === 'teams-html') return htmlTableToTsv(text) ?? unescapeTeamsHtml(text);
  return text;
}

/**
 * A pasted block of sign-in rows as one summary, or undefined when the text is not such a block
 * (fewer than PASTE_MIN_ROWS rows, no result column): then the usual per-code reply applies.
 * `encoding` is the InboundMessage's: Slack escapes are undone, a Teams HTML table becomes TSV.
 */
export async function triagePaste(
  text: string,
  catalog: Catalog,
  encoding: 'plain' | 'slack' | 'teams-html' = 'plain',
): Promise<TriageSummary | undefined> {
  const capped = text.length > MAX_PASTE_CHARS ? text.slice(0, MAX_PASTE_CHARS) : text;
  const plain = pastedText(capped, encoding);
  if (!looksLikeSignInRows(plain)) return undefined;
  try {
    // prose before the header ("failures since 9:00:") is not part of the table
    const summary = await triageText(plain.slice(signInRowsStart(plain) ?? 0), { catalog });
    return summary.totals.rows >= PASTE_MIN_ROWS ? summary : undefined;
  } catch {
    // a block that looked like rows but is not: the per-code reply still explains its codes
    return undefined;
  }
}
