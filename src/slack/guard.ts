/**
 * Rate limits and usage counters for Slack replies. Ids are qualified by platform and workspace
 * ("slack:T1:U1") so one store can serve Teams and Slack; the stores hash them before use.
 * A store that fails never costs a reply: the message is answered and the failure logged.
 */
import { slowDownReply } from '../core/notice.js';
import type { Locale } from '../core/reply.js';
import { type SlackMessage, toBlockKit } from '../render/block-kit.js';
import type { RateDecision } from '../state/rate-limit.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';

/** who a reply answers and where */
export interface SlackSubject {
  /** the workspace id; undefined only when Slack left it out */
  team: string | undefined;
  user: string | undefined;
  channel: string;
}

/** the usage scope of a channel or direct message: "slack:<team>:<channel>" */
export function usageScope(subject: SlackSubject): string {
  return `slack:${subject.team ?? ''}:${subject.channel}`;
}

/** counts the reply against its user and channel; a failing limiter lets the reply through */
export async function checkRate(deps: SlackDeps, subject: SlackSubject): Promise<RateDecision> {
  const team = subject.team ?? '';
  try {
    return await deps.rateLimiter.check({
      user: subject.user ? `slack:${team}:${subject.user}` : undefined,
      channel: `slack:${team}:${subject.channel}`,
    });
  } catch (error: unknown) {
    deps.logger.warn({
      event: 'slack.ratelimit',
      platform: 'slack',
      outcome: 'unchecked',
      errorCode: errorCodeOf(error),
    });
    return 'ok';
  }
}

/** the polite "slow down" said once when a limit is first exceeded */
export function slowDownMessage(locale: Locale): SlackMessage {
  const reply = slowDownReply(locale);
  // the core always builds a notice here; the guard keeps the types honest
  if (reply.kind === 'none') return { text: '', blocks: [] };
  return toBlockKit(reply);
}

/** counts the codes of an answered message for /aadsts stats; never throws */
export async function recordUsage(
  deps: SlackDeps,
  subject: SlackSubject,
  codes: readonly number[],
): Promise<void> {
  if (codes.length === 0) return;
  try {
    await deps.usage.record(usageScope(subject), codes, new Date(deps.now()));
  } catch (error: unknown) {
    deps.logger.warn({
      event: 'slack.usage',
      platform: 'slack',
      outcome: 'not-recorded',
      errorCode: errorCodeOf(error),
    });
  }
}
