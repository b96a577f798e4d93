/**
 * The Slack side of the bot: a Bolt app behind a request listener that the server mounts at
 * POST /slack/events, with no body parser in front (Bolt verifies the signature over the raw body).
 * With SLACK_APP_TOKEN set, a second Bolt app with the same handlers also listens over Socket Mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, type Receiver } from '@slack/bolt';
import type { Config } from '../config/env.js';
import type { Catalog } from '../core/catalog/load.js';
import type { OrgContacts } from '../core/reply.js';
import { SLACK_FILE_HOSTS } from '../core/triage/chat.js';
import type { SafeLogger } from '../log/logger.js';
import { createMemoryDedupeStore, type DedupeStore } from '../state/dedupe-store.js';
import { createRateLimiter, type RateLimiter } from '../state/rate-limit.js';
import { createMemoryUsageStore, type UsageStore } from '../state/usage.js';
import { createBoltLogger } from './bolt-logger.js';
import type { FileDownload, SlackDeps } from './deps.js';
import { errorCodeOf } from './errors.js';
import { registerEvents } from './events.js';
import { registerFiles } from './files.js';
import { createBotIdentity } from './identity.js';
import { InFlight } from './in-flight.js';
import { registerInteractions } from './interactions.js';
import { createLocaleLookup } from './locale.js';
import { SlackReceiver } from './receiver.js';
import { SlackSocketReceiver } from './socket-mode.js';
import { createSlackTransport } from './transport.js';
import { resolveTuning, type SlackTuning } from './tuning.js';
import { createPostingClient, createWebClient, webClientOptions } from './web-client.js';

export { COMMAND, SHORTCUT_CALLBACK_ID, SLACK_EVENTS_PATH } from './names.js';
export { DEFAULT_TUNING, type SlackTuning } from './tuning.js';

/** options of createSlackMount */
export interface SlackMountOptions {
  config: NonNullable<Config['slack']>;
  catalog: Catalog;
  logger: SafeLogger;
  /** remembers handled deliveries; in memory unless a shared store is given */
  dedupe?: DedupeStore;
  /** per-user and per-channel limits; in memory with the default limits unless given */
  rateLimiter?: RateLimiter;
  /** code counts for /aadsts stats; in memory unless a shared store is given */
  usage?: UsageStore;
  /** where uploads may be downloaded from; Slack's file host unless a test routes it elsewhere */
  fileDownload?: Partial<FileDownload>;
  /** clock in milliseconds */
  now?: () => number;
  /** the organization's contacts shown in replies */
  orgContacts?: OrgContacts;
  /** time limits; tests shorten them */
  tuning?: Partial<SlackTuning>;
  /** Node's own proxy support is on: Web API calls go through the global fetch (transport.ts) */
  nodeProxy?: boolean;
}

/** where the Socket Mode connection stands */
export type SocketModeState = 'off' | 'connecting' | 'connected' | 'failed';

/** what the server mounts */
export interface SlackMount {
  /** the listener for POST /slack/events */
  requestListener(req: IncomingMessage, res: ServerResponse): void;
  /** the Socket Mode connection: "off" without SLACK_APP_TOKEN */
  socketMode(): SocketModeState;
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
  // one keep-alive transport under every Web API client of this app (ours and Bolt's)
  const transport = createSlackTransport({ useGlobalFetch: options.nodeProxy === true });
  const clientOptions = webClientOptions(tuning, config.apiUrl, boltLogger, transport.fetch);
  const client = createWebClient(config.botToken, clientOptions);
  const poster = createPostingClient(config.botToken, clientOptions);
  const identity = createBotIdentity(client, config.botToken, tuning);
  const locale = createLocaleLookup(client, tuning, now);
  const inFlight = new InFlight();
  const deps: SlackDeps = {
    catalog: options.catalog,
    orgContacts: options.orgContacts,
    client,
    poster,
    logger,
    // shared by HTTP and Socket Mode, so a message is answered once whichever way it came
    dedupe: options.dedupe ?? createMemoryDedupeStore({ now }),
    rateLimiter: options.rateLimiter ?? createRateLimiter({ logger }),
    usage: options.usage ?? createMemoryUsageStore(),
    files: {
      allowedHosts: options.fileDownload?.allowedHosts ?? SLACK_FILE_HOSTS,
      ...(options.fileDownload?.fetch ? { fetch: options.fileDownload.fetch } : {}),
    },
    botToken: config.botToken,
    locale,
    tuning,
    now,
  };

  const buildApp = (receiver: Receiver): App => {
    const app = new App({
      receiver,
      authorize: identity.authorize,
      logger: boltLogger,
      clientOptions,
      // no conversation state is kept
      convoStore: false,
      ignoreSelf: true,
    });
    app.error(async (error: unknown) => {
      logger.error({ event: 'slack.error', platform: 'slack', errorCode: errorCodeOf(error) });
    });
    registerInteractions(app, deps);
    registerEvents(app, deps);
    registerFiles(app, deps);
    return app;
  };

  const receiver = new SlackReceiver({
    signingSecret: config.signingSecret,
    boltLogger,
    logger,
    tuning,
    now,
    inFlight,
  });
  buildApp(receiver);

  // learn the bot's own ids early; a failure here is retried on the first request
  identity.warmUp().catch((error: unknown) => {
    logger.warn({
      event: 'slack.auth',
      platform: 'slack',
      outcome: 'failed',
      errorCode: errorCodeOf(error),
    });
  });

  let socketState: SocketModeState = 'off';
  let socketApp: App | undefined;
  if (config.appToken) {
    socketState = 'connecting';
    socketApp = buildApp(
      new SlackSocketReceiver({ appToken: config.appToken, boltLogger, clientOptions, inFlight }),
    );
    // not awaited: an unreachable Slack must not hold up the server; the client keeps reconnecting
    socketApp.start().then(
      () => {
        socketState = 'connected';
        logger.info({ event: 'slack.socket', platform: 'slack', outcome: 'connected' });
      },
      (error: unknown) => {
        // HTTP keeps working; Socket Mode is a development convenience
        socketState = 'failed';
        logger.error({
          event: 'slack.socket',
          platform: 'slack',
          outcome: 'failed',
          errorCode: errorCodeOf(error),
        });
      },
    );
  }

  return {
    requestListener: receiver.requestListener,
    socketMode: () => socketState,
    idle: () => inFlight.idle(tuning.stopTimeoutMs),
    stop: async () => {
      if (socketApp) await withTimeout(socketApp.stop(), tuning.stopTimeoutMs);
      await inFlight.idle(tuning.stopTimeoutMs);
      locale.clear();
      transport.close();
    },
  };
}

/** waits for a promise at most timeoutMs; its failure is ignored (used on shutdown) */
async function withTimeout(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([
      work.then(
        () => undefined,
        () => undefined,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
