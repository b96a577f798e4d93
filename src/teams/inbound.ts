/**
 * Converts Teams activities into the core's InboundMessage. No decisions about what to answer live
 * here: only where the text came from (personal chat, @mention, unaddressed channel post, message
 * extension) and which text to hand over.
 *
 * Wire format: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages
 */
import { type Activity, TurnContext } from 'botbuilder';
import type { InboundMessage, Surface } from '../core/reply.js';

/** the parameter name the search command declares in the manifest */
export const SEARCH_PARAMETER = 'code';

/** true when another bot sent the activity (Teams bot ids start with "28:") */
export function isFromBot(activity: Partial<Activity>): boolean {
  return activity.from?.role === 'bot' || (activity.from?.id ?? '').startsWith('28:');
}

/** true when the bot is @mentioned, or the message was sent to it as a slash command */
export function isAddressedToBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  // Slash commands arrive as targeted messages, flagged on the recipient.
  const targeted =
    (activity.recipient as { isTargeted?: unknown } | undefined)?.isTargeted === true;
  if (targeted) return true;
  if (!botId) return false;
  return TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === botId);
}

/** where a message activity was posted, as the core sees it */
export function surfaceOf(activity: Partial<Activity>): Surface {
  const type = activity.conversation?.conversationType;
  // Clients that leave the type out (emulators) are one-to-one chats.
  if (type === undefined || type === 'personal') return 'direct';
  return isAddressedToBot(activity) ? 'mention' : 'passive';
}

/** a message activity as an InboundMessage, with the bot's own @mention removed by the SDK helper */
export function messageToInbound(activity: Partial<Activity>): InboundMessage {
  const copy: Partial<Activity> = { ...activity };
  const text = copy.text ? TurnContext.removeRecipientMention(copy) : '';
  return {
    text: text ?? '',
    locale: activity.locale,
    surface: surfaceOf(activity),
    encoding: 'plain',
  };
}

/** the shape of a search query's value; every field may be missing (the Agents Playground omits names) */
export interface SearchQueryValue {
  commandId?: string;
  parameters?: Array<{ name?: string; value?: unknown }>;
}

/** the typed query of a search message extension, or "" when the query is the initial, empty run */
export function searchQueryText(query: SearchQueryValue): string {
  const parameters = Array.isArray(query.parameters) ? query.parameters : [];
  const named = parameters.find((p) => p.name === SEARCH_PARAMETER);
  // Without names, take the first parameter that is not Teams' own "initialRun" flag.
  const chosen = named ?? parameters.find((p) => p.name !== 'initialRun');
  return typeof chosen?.value === 'string' ? chosen.value : '';
}

/** a search message extension query as an InboundMessage */
export function searchToInbound(
  query: SearchQueryValue,
  locale: string | undefined,
): InboundMessage {
  return { text: searchQueryText(query), locale, surface: 'command', encoding: 'plain' };
}

/** the selected message an action command receives */
export interface MessagePayload {
  body?: { contentType?: string; content?: string };
}

/** an "Explain sign-in error" action on a message as an InboundMessage */
export function messageActionToInbound(
  payload: MessagePayload | undefined,
  data: unknown,
  locale: string | undefined,
): InboundMessage {
  const body = payload?.body;
  const content = typeof body?.content === 'string' ? body.content : '';
  const html = body?.contentType !== 'text';
  // Teams shows the command's one optional field ("code") before sending the action.
  const extra = (data as { [SEARCH_PARAMETER]?: unknown } | undefined)?.[SEARCH_PARAMETER];
  const typed = typeof extra === 'string' ? extra.trim().slice(0, 200) : '';
  // The field is a code field: a bare number typed there is a code, so it is labelled as one.
  const added = /^\d{1,9}$/.test(typed) ? `AADSTS${typed}` : typed;
  const text =
    added === '' ? content : `${content}${html ? `<p>${escapeHtml(added)}</p>` : `\n${added}`}`;
  return { text, locale, surface: 'message-action', encoding: html ? 'teams-html' : 'plain' };
}

/** escapes text so it stays text inside an HTML body */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
