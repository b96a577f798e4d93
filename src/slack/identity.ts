/**
 * The bot's own user id and bot id, from auth.test, fetched once and remembered. Bolt needs them to
 * ignore the bot's own messages; a failed lookup is retried on the next request.
 * https://docs.slack.dev/reference/methods/auth.test
 */
import type { AuthorizeResult } from '@slack/bolt';
import type { SlackTuning } from './tuning.js';
import { type SlackWebClient, withRateLimit } from './web-client.js';

interface Identity {
  botUserId: string | undefined;
  botId: string | undefined;
  teamId: string | undefined;
}

/** the bot's identity for Bolt's authorize hook */
export function createBotIdentity(
  client: SlackWebClient,
  botToken: string,
  tuning: SlackTuning,
): { authorize(): Promise<AuthorizeResult>; warmUp(): Promise<void> } {
  let cached: Promise<Identity> | undefined;
  const get = (): Promise<Identity> => {
    if (!cached) {
      const lookup = withRateLimit(() => client.auth.test(), tuning).then((result) => ({
        botUserId: result.user_id,
        botId: result.bot_id,
        teamId: result.team_id,
      }));
      cached = lookup;
      // forget a failure so the next request asks again
      lookup.catch(() => {
        if (cached === lookup) cached = undefined;
      });
    }
    return cached;
  };
  return {
    authorize: async () => {
      const identity = await get();
      return {
        botToken,
        ...(identity.botUserId ? { botUserId: identity.botUserId } : {}),
        ...(identity.botId ? { botId: identity.botId } : {}),
        ...(identity.teamId ? { teamId: identity.teamId } : {}),
      };
    },
    warmUp: async () => {
      await get();
    },
  };
}
