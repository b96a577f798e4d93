/** what every Slack handler needs, gathered once by createSlackMount */
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import type { SafeLogger } from '../log/logger.js';
import type { DedupeStore } from '../state/dedupe-store.js';
import type { LocaleLookup } from './locale.js';
import type { SlackTuning } from './tuning.js';
import type { SlackWebClient } from './web-client.js';

/** shared dependencies of the Slack handlers */
export interface SlackDeps {
  catalog: Catalog;
  orgContacts: OrgContacts | undefined;
  client: SlackWebClient;
  logger: SafeLogger;
  dedupe: DedupeStore;
  locale: LocaleLookup;
  tuning: SlackTuning;
  now: () => number;
}
