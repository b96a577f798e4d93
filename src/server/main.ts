/**
 * Production entry point (`npm start`): configuration, logger, catalog, then one server for every
 * configured platform.
 */
import { ConfigError, loadConfig } from '../config/env.js';
import { ContactsError, loadContacts } from '../contacts/index.js';
import { loadCatalog } from '../core/catalog/load.js';
import { createLogger } from '../log/logger.js';
import { createSlackMount } from '../slack/index.js';
import { createTeamsEndpoint, isUnauthenticated, UNAUTHENTICATED_WARNING } from '../teams/index.js';
import { createServer, listen } from './create-server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const catalog = loadCatalog();
  const orgContacts = config.contactsFile ? loadContacts(config.contactsFile) : undefined;

  const teams = createTeamsEndpoint({ teams: config.teams, catalog, logger, orgContacts });
  if (isUnauthenticated(config.teams)) {
    // Besides the log record: a banner nobody scrolls past on a terminal.
    process.stderr.write(`\n!!! WARNING: ${UNAUTHENTICATED_WARNING}\n\n`);
  }

  // Slack: mounted on POST /slack/events when configured.
  const slack = config.slack
    ? await createSlackMount({ config: config.slack, catalog, logger, orgContacts })
    : undefined;

  const server = createServer({ logger, teams, slack, isReady: () => catalog.size > 0 });
  const running = await listen(server, config.port, config.host);
  logger.info({
    event: 'server.listening',
    platform: 'server',
    detail: `listening on ${running.url}; Teams on /api/messages; Slack ${slack ? 'on /slack/events' : 'off'}`,
  });

  const stop = async (): Promise<void> => {
    logger.info({ event: 'server.stopping', platform: 'server' });
    await running.close();
    // lets replies already in progress reach Slack
    await slack?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  // These errors name the variable or file to fix and quote no secret, so they are printed as is.
  if (error instanceof ConfigError || error instanceof ContactsError) {
    process.stderr.write(`aadsts-bot: ${error.message}\n`);
  } else {
    process.stderr.write(
      `aadsts-bot: failed to start (${error instanceof Error ? error.name : 'unknown error'})\n`,
    );
    if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  process.exit(1);
});
