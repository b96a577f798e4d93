/**
 * The Teams side of the server: a CloudAdapter and the activity handler behind one `process` call.
 */
import type { Config } from '../config/env.js';
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import type { SafeLogger } from '../log/logger.js';
import type { JsonRequest, JsonResponse, TeamsEndpoint } from '../server/create-server.js';
import { createTeamsAdapter } from './adapter.js';
import { AadstsTeamsBot } from './bot.js';

export { isUnauthenticated, UNAUTHENTICATED_WARNING } from './adapter.js';
export { AadstsTeamsBot } from './bot.js';

/** what the Teams endpoint is built from */
export interface TeamsMountOptions {
  teams: Config['teams'];
  catalog: Catalog;
  logger: SafeLogger;
  orgContacts?: OrgContacts | undefined;
}

/** builds the handler for POST /api/messages */
export function createTeamsEndpoint(options: TeamsMountOptions): TeamsEndpoint {
  const adapter = createTeamsAdapter(options.teams, options.logger);
  const bot = new AadstsTeamsBot({
    catalog: options.catalog,
    logger: options.logger,
    ...(options.orgContacts ? { orgContacts: options.orgContacts } : {}),
  });
  return {
    process: (req: JsonRequest, res: JsonResponse) =>
      adapter.process(req, res, (context) => bot.run(context)),
  };
}
