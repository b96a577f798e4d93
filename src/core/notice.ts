/** Short notices the bot sends instead of an answer. */
import type { Locale, Reply } from './reply.js';

/** the one polite "slow down" sent when a user or channel first goes over the rate limit */
export function slowDownReply(locale: Locale): Reply {
  return { kind: 'notice', locale, notice: 'slow-down' };
}
