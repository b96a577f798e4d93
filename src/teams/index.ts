/**
 * The Teams side of the server: a CloudAdapter and the activity handler behind one `process` call.
 */
import type { Config } from '../config/env.js';
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import type { SafeLogger } from '../log/logger.js';
import type { JsonRequest, JsonResponse, TeamsEndpoint } from '../server/create-server.js';
import { createInFlight } from '../server/in-flight.js';
import { createMemoryDedupeStore, type DedupeStore } from '../state/dedupe-store.js';
import { createRateLimiter, type RateLimiter } from '../state/rate-limit.js';
import { createMemoryUsageStore, type UsageStore } from '../state/usage.js';
import { createTeamsAdapter } from './adapter.js';
import { AadstsTeamsBot } from './bot.js';
import { connectorRetry } from './connector-retry.js';
import type { TeamsFileOptions } from './triage.js';

export { isUnauthenticated, UNAUTHENTICATED_WARNING } from './adapter.js';
export { AadstsTeamsBot } from './bot.js';
export type { TeamsFileOptions } from './triage.js';

/** what the Teams endpoint is built from; stores left out are created in memory for this process */
export interface TeamsMountOptions {
  teams: Config['teams'];
  catalog: Catalog;
  logger: SafeLogger;
  orgContacts?: OrgContacts | undefined;
  /** remembers answered activities (shared through Redis when several instances run) */
  dedupe?: DedupeStore | undefined;
  /** per-user and per-conversation limits */
  rateLimiter?: RateLimiter | undefined;
  /** code counts for the stats command */
  usage?: UsageStore | undefined;
  /** how uploads in personal chats are fetched (tests route the file host to loopback) */
  files?: TeamsFileOptions | undefined;
  /**
   * where the channel's token signing keys are published (botbuilder's
   * ToBotFromChannelOpenIdMetadataUrl); left out, Bot Framework's own. Tests point it at loopback.
   */
  openIdMetadataUrl?: string | undefined;
}

/** the handler for POST /api/messages, plus a way to wait for the turns it is running */
export interface TeamsMount extends TeamsEndpoint {
  /** resolves true once every turn received so far has finished, false after `timeoutMs` */
  idle(timeoutMs: number): Promise<boolean>;
}

/** builds the handler for POST /api/messages */
export function createTeamsEndpoint(options: TeamsMountOptions): TeamsMount {
  const { logger } = options;
  const adapter = createTeamsAdapter(options.teams, logger, options.openIdMetadataUrl);
  const bot = new AadstsTeamsBot({
    catalog: options.catalog,
    logger,
    ...(options.orgContacts ? { orgContacts: options.orgContacts } : {}),
    dedupe: options.dedupe ?? createMemoryDedupeStore(),
    rateLimiter: options.rateLimiter ?? createRateLimiter({ logger }),
    usage: options.usage ?? createMemoryUsageStore(),
    files: options.files,
  });
  // a turn sends its replies before process() resolves, so shutdown waits on these promises
  const turns = createInFlight();
  // resends a reply the connector refused with a status botbuilder does not retry (412, bare 429)
  const retry = connectorRetry({ logger });
  return {
    process: (req: JsonRequest, res: JsonResponse) =>
      turns.track(
        adapter.serve(req, res, (context) => {
          context.onSendActivities(retry);
          return bot.run(context);
        }),
      ),
    idle: (timeoutMs) => turns.idle(timeoutMs),
  };
}
