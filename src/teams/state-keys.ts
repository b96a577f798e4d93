/**
 * The keys a Teams message is known by in the shared state: which delivery it is (dedupe), who sent
 * it where (rate limits) and which team or chat it counts for (usage stats). Every id is hashed
 * before it reaches a store; these strings never appear in logs.
 */
import type { Activity } from 'botbuilder';
import { hashId } from '../log/logger.js';

/** how long a handled activity is remembered; Teams redelivers within seconds, never this late */
export const TEAMS_DEDUPE_TTL_MS = 10 * 60 * 1000;

/** the dedupe key of a message activity, or undefined when it carries no ids to tell it by */
export function dedupeKey(activity: Partial<Activity>): string | undefined {
  const conversation = activity.conversation?.id;
  if (!conversation || !activity.id) return undefined;
  // activity ids are unique within a conversation only
  return `teams:${hashId(`${conversation}:${activity.id}`)}`;
}

/** the sender's tenant, from the conversation or the channel data */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation !== '') return fromConversation;
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant
    ?.id;
  return typeof fromChannel === 'string' && fromChannel !== '' ? fromChannel : undefined;
}

/** the team of a channel message, undefined in chats */
export function teamOf(activity: Partial<Activity>): string | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof team === 'string' && team !== '' ? team : undefined;
}

/** who is counted against the rate limits: the user (by Entra object id) and the conversation */
export function rateSubject(activity: Partial<Activity>): { user?: string; channel?: string } {
  const person = activity.from?.aadObjectId || activity.from?.id;
  const conversation = activity.conversation?.id;
  return {
    ...(person ? { user: `teams:${tenantOf(activity) ?? 'unknown'}:${person}` } : {}),
    ...(conversation ? { channel: `teams:${conversation}` } : {}),
  };
}

/** the usage-stats scope: the whole team for channel messages, else the chat itself */
export function usageScope(activity: Partial<Activity>): string | undefined {
  const id = teamOf(activity) ?? activity.conversation?.id;
  return id ? `teams:${id}` : undefined;
}
