/**
 * The Slack side of the bot: a Bolt app behind a request listener that the server mounts at
 * POST /slack/events, with no body parser in front (Bolt verifies the signature over the raw body).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App } from '@slack/bolt';
import type { Config } from '../config/env.js';
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import type { SafeLogger } from '../log/logger.js';
import { createMemoryDedupeStore, type DedupeStore } from '../state/dedupe-store.js';
import { createBoltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { registerEvents } from './events.js';
import { createBotIdentity } from './identity.js';
import { registerInteractions } from './interactions.js';
import { createLocaleLookup } from './locale.js';
import { SlackReceiver } from './receiver.js';
import { resolveTuning, type SlackTuning } from './tuning.js';
import { createWebClient, webClientOptions } from './web-client.js';

export { COMMAND, SHORTCUT_CALLBACK_ID, SLACK_EVENTS_PATH } from './names.js';
export { DEFAULT_TUNING, type SlackTuning } from './tuning.js';

/** options of createSlackMount */
export interface SlackMountOptions {
  config: NonNullable<Config['slack']>;
  catalog: Catalog;
  logger: SafeLogger;
  /** remembers handled deliveries; in memory unless a shared store is given */
  dedupe?: DedupeStore;
  /** clock in milliseconds */
  now?: () => number;
  /** the organization's contacts shown in replies */
  orgContacts?: OrgContacts;
  /** time limits; tests shorten them */
  tuning?: Partial<SlackTuning>;
}

/** what the server mounts */
export interface SlackMount {
  /** the listener for POST /slack/events */
  requestListener(req: IncomingMessage, res: ServerResponse): void;
  /** resolves when every request received so far has been answered (bounded by the stop timeout) */
  idle(): Promise<void>;
  /** waits for replies in progress, then releases resources */
  stop(): Promise<void>;
}

/** builds the Slack app; nothing listens until the server mounts requestListener */
export async function createSlackMount(options: SlackMountOptions): Promise<SlackMount> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const tuning = resolveTuning(options.tuning);
  const boltLogger = createBoltLogger(logger);
  const client = createWebClient(config.botToken, tuning, config.apiUrl, boltLogger);
  const identity = createBotIdentity(client, config.botToken, tuning);
  const locale = createLocaleLookup(client, tuning, now);
  const receiver = new SlackReceiver({
    signingSecret: config.signingSecret,
    boltLogger,
    logger,
    tuning,
    now,
  });

  const app = new App({
    receiver,
    authorize: identity.authorize,
    logger: boltLogger,
    clientOptions: webClientOptions(tuning, config.apiUrl, boltLogger),
    // no conversation state is kept
    convoStore: false,
    ignoreSelf: true,
  });
  app.error(async (error: unknown) => {
    logger.error({ event: 'slack.error', platform: 'slack', errorCode: errorCodeOf(error) });
  });

  const deps: SlackDeps = {
    catalog: options.catalog,
    orgContacts: options.orgContacts,
    client,
    logger,
    dedupe: options.dedupe ?? createMemoryDedupeStore({ now }),
    locale,
    tuning,
    now,
  };
  registerInteractions(app, deps);
  registerEvents(app, deps);

  // learn the bot's own ids early; a failure here is retried on the first request
  identity.warmUp().catch((error: unknown) => {
    logger.warn({
      event: 'slack.auth',
      platform: 'slack',
      outcome: 'failed',
      errorCode: errorCodeOf(error),
    });
  });

  return {
    requestListener: receiver.requestListener,
    idle: () => receiver.idle(tuning.stopTimeoutMs),
    stop: async () => {
      await receiver.idle(tuning.stopTimeoutMs);
      locale.clear();
    },
  };
}
