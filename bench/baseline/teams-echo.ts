/**
 * Baseline for the Teams benchmark: the smallest CloudAdapter echo bot on restify, the stack the
 * real bot runs on, with nothing of the bot's own. It replies to the activity's serviceUrl (the
 * benchmark's local connector). PORT sets the port; GET /healthz answers once it listens.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'teams-echo' });
server.use(restify.plugins.bodyParser());

server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});

server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    }
  });
});

server.listen(Number(process.env.PORT ?? 3979), '127.0.0.1');
