/**
 * Triage in Teams: a pasted block of sign-in rows, or a CSV/JSON file sent to the bot in a personal
 * chat, becomes one summary card. The decisions live in src/core/triage; this file only finds the
 * text or file in the activity and wraps the result in a message.
 *
 * Files in personal chats (manifest `supportsFiles: true`) arrive as an attachment of type
 * "application/vnd.microsoft.teams.file.download.info" whose content.downloadUrl is pre-authorized
 * and short-lived: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
 */
import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import type { Catalog } from '../core/catalog/load.js';
import type { Locale } from '../core/reply.js';
import {
  type ChatTriageResult,
  checkUpload,
  TEAMS_FILE_HOSTS,
  triageDownload,
} from '../core/triage/chat.js';
import type { TriageSummary } from '../core/triage/types.js';
import { toTriageAdaptiveCard } from '../render/triage-adaptive-card.js';
import { triageErrorText } from '../render/triage-text.js';

/** the attachment type Teams uses for a file sent to a bot in a personal chat */
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** how uploads are fetched; production uses the Teams (SharePoint) hosts and the global fetch */
export interface TeamsFileOptions {
  /** hosts a downloadUrl may point to (and redirect to); https is required whatever the list */
  allowedHosts?: readonly string[];
  /** the fetch to use, e.g. one that routes a test host to a loopback server */
  fetch?: typeof fetch;
}

/** a file sent to the bot: its name (checked, never logged) and where to fetch it */
export interface TeamsUpload {
  name: string;
  downloadUrl: string;
}

/** the text to look for sign-in rows in: the HTML rendition when Teams sent one (tables survive) */
export function pasteSource(
  activity: Partial<Activity>,
  plainText: string,
): { text: string; encoding: 'plain' | 'teams-html' } {
  const html = activity.attachments?.find(
    (a) => a.contentType === 'text/html' && typeof a.content === 'string',
  );
  return html
    ? { text: html.content as string, encoding: 'teams-html' }
    : { text: plainText, encoding: 'plain' };
}

/** the first file sent to the bot in a personal chat, or undefined */
export function uploadOf(activity: Partial<Activity>): TeamsUpload | undefined {
  const type = activity.conversation?.conversationType;
  // Teams hands bots files this way in personal chats only; elsewhere files need Graph access
  if (type !== undefined && type !== 'personal') return undefined;
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType !== FILE_DOWNLOAD_INFO) continue;
    const url = (attachment.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    if (typeof url === 'string' && url !== '') {
      return { name: attachment.name ?? '', downloadUrl: url };
    }
  }
  return undefined;
}

/** checks, downloads and summarizes an upload; never throws */
export async function triageUpload(
  upload: TeamsUpload,
  catalog: Catalog,
  files: TeamsFileOptions = {},
): Promise<ChatTriageResult> {
  const refused = checkUpload({ name: upload.name });
  if (refused) return refused;
  return triageDownload(upload.downloadUrl, {
    catalog,
    allowedHosts: files.allowedHosts ?? TEAMS_FILE_HOSTS,
    // the URL is pre-authorized: no token is sent with it
    ...(files.fetch ? { fetch: files.fetch } : {}),
  });
}

/** a message holding the triage summary card */
export function triageCardMessage(summary: TriageSummary, locale: Locale): Partial<Activity> {
  const card = toTriageAdaptiveCard(summary, locale);
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** the message for a triage result: the summary card, or the text saying why there is none */
export function triageResultMessage(result: ChatTriageResult, locale: Locale): Partial<Activity> {
  return result.kind === 'summary'
    ? triageCardMessage(result.summary, locale)
    : MessageFactory.text(triageErrorText(result.code, locale, result.limitBytes));
}
