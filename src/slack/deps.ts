/** what every Slack handler needs, gathered once by createSlackMount */
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import type { SafeLogger } from '../log/logger.js';
import type { DedupeStore } from '../state/dedupe-store.js';
import type { RateLimiter } from '../state/rate-limit.js';
import type { UsageStore } from '../state/usage.js';
import type { LocaleLookup } from './locale.js';
import type { SlackTuning } from './tuning.js';
import type { SlackWebClient } from './web-client.js';

/** how uploads are fetched: only from these hosts, with the bot token */
export interface FileDownload {
  /** hosts url_private_download (and every redirect) must be on; Slack's file host in production */
  allowedHosts: readonly string[];
  /** the fetch used for downloads; the global one unless a test routes the host to a local server */
  fetch?: typeof fetch;
}

/** shared dependencies of the Slack handlers */
export interface SlackDeps {
  catalog: Catalog;
  orgContacts: OrgContacts | undefined;
  /** reads (users.info, files.info, auth.test); retried by the client on 5xx, network errors, timeouts */
  client: SlackWebClient;
  /** posts, through postMessage only: never retried after a timeout, so a reply is not posted twice */
  poster: SlackWebClient;
  logger: SafeLogger;
  dedupe: DedupeStore;
  rateLimiter: RateLimiter;
  usage: UsageStore;
  files: FileDownload;
  /** the bot token, sent only to allowed file hosts when downloading an upload */
  botToken: string;
  locale: LocaleLookup;
  tuning: SlackTuning;
  now: () => number;
}
