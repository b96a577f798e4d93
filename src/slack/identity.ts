/**
 * The bot's own user id and bot id, from auth.test, fetched once and remembered. They let the bot
 * recognise its own mention. A failed lookup is retried on the next request and never blocks a reply:
 * when Bolt's authorize hook throws, Bolt acks the event and drops it, so Slack would not retry.
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
      let identity: Identity;
      try {
        identity = await get();
      } catch {
        // answer without the ids: bot messages are still recognised by their bot_id
        identity = { botUserId: undefined, botId: undefined, teamId: undefined };
      }
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
