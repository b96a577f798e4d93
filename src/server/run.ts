/**
 * Starts the bot: .env, configuration, logger, catalog, shared state, then one server for every
 * configured platform, and a graceful drain on SIGTERM/SIGINT (see shutdown.ts). Drain timings come
 * from DRAIN_GRACE_MS, DRAIN_WORK_MS and DRAIN_HARD_EXIT_MS, or from the flags --drain-grace-ms,
 * --drain-work-ms and --drain-hard-exit-ms, which win.
 * Entry points: start.ts (`npm start`, the container; loads the bundle of this module) and
 * main.ts (development and tests, through tsx).
 */
import module from 'node:module';
import { ConfigError, loadConfig, loadDotEnvFile } from '../config/env.js';
import { ContactsError, loadContacts } from '../contacts/index.js';
import { loadCatalog } from '../core/catalog/load.js';
import { createLogger } from '../log/logger.js';
import { createSlackMount } from '../slack/index.js';
import { nodeProxyOn } from '../slack/transport.js';
import { createStateStores } from '../state/index.js';
import { createTeamsEndpoint, isUnauthenticated, UNAUTHENTICATED_WARNING } from '../teams/index.js';
import { createServer, listen } from './create-server.js';
import { createReadinessProbe } from './readiness.js';
import { DrainFlagError, drain, drainTimingsFromArgs, onShutdownSignal } from './shutdown.js';

async function startServer(): Promise<void> {
  // variables already set in the environment win over the file
  loadDotEnvFile();
  const config = loadConfig();
  const timings = drainTimingsFromArgs(process.argv.slice(2), config.drain);
  const logger = createLogger({ level: config.logLevel });
  const catalog = loadCatalog();
  const orgContacts = config.contactsFile ? loadContacts(config.contactsFile) : undefined;
  const state = createStateStores(config, logger);
  const shared = { dedupe: state.dedupe, rateLimiter: state.rateLimiter, usage: state.usage };

  const teams = createTeamsEndpoint({
    teams: config.teams,
    catalog,
    logger,
    orgContacts,
    ...shared,
  });
  if (isUnauthenticated(config.teams)) {
    // Besides the log record: a banner nobody scrolls past on a terminal.
    process.stderr.write(`\n!!! WARNING: ${UNAUTHENTICATED_WARNING}\n\n`);
  }

  // Slack: mounted on POST /slack/events when configured.
  const slack = config.slack
    ? await createSlackMount({
        config: config.slack,
        catalog,
        logger,
        orgContacts,
        nodeProxy: nodeProxyOn(process.env, process.execArgv),
        ...shared,
      })
    : undefined;

  const probe = createReadinessProbe({ catalog, state });
  probe.start();
  const server = createServer({
    logger,
    teams,
    slack,
    readiness: () => probe.current(),
    isDraining: () => probe.isDraining(),
  });
  const running = await listen(server, config.port, config.host);
  logger.info({
    event: 'server.started',
    platform: 'server',
    detail: [
      `platforms: teams (${isUnauthenticated(config.teams) ? 'unauthenticated' : 'authenticated'})`,
      slack ? `slack (http${config.slack?.appToken ? ' + socket mode' : ''})` : 'slack off',
      `state store: ${state.kind}`,
      `contacts file: ${config.contactsFile ?? 'none'}`,
      `catalog: ${catalog.size} codes`,
    ].join('; '),
  });
  logger.info({
    event: 'server.listening',
    platform: 'server',
    detail: `listening on ${running.url}; Teams on /api/messages; Slack ${slack ? 'on /slack/events' : 'off'}`,
  });

  // the code compiled so far goes to the compile cache now (start.ts turned it on), so the next
  // start is fast even if this process is killed rather than left to exit
  module.flushCompileCache?.();

  onShutdownSignal(logger, timings.hardExitMs, () =>
    drain(
      {
        logger,
        server: server.server,
        startDraining: () => probe.drain(),
        idle: [(ms) => teams.idle(ms), ...(slack ? [() => slack.idle()] : [])],
        stop: [
          // lets replies already in progress reach Slack
          async () => slack?.stop(),
          async () => probe.stop(),
          // last: turns still used Redis for dedupe and counters until now
          () => state.close(),
        ],
      },
      timings,
    ),
  );
}

/** starts the server; on a startup failure prints what to fix and exits with status 1 */
export function runServer(): Promise<void> {
  return startServer().catch((error: unknown) => {
    // These errors name the variable, flag or file to fix and quote no secret, so they are printed as is.
    if (
      error instanceof ConfigError ||
      error instanceof ContactsError ||
      error instanceof DrainFlagError
    ) {
      process.stderr.write(`aadsts-bot: ${error.message}\n`);
    } else {
      process.stderr.write(
        `aadsts-bot: failed to start (${error instanceof Error ? error.name : 'unknown error'})\n`,
      );
      if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    }
    process.exit(1);
  });
}
