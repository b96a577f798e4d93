/**
 * Baseline for the Slack benchmark: a bare Bolt app on its own HTTP receiver that acks every event
 * and echoes messages through chat.postMessage (to the benchmark's fake Web API, SLACK_API_URL).
 * PORT sets the port; GET /healthz answers once it listens.
 */
import { App } from '@slack/bolt';

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  token: process.env.SLACK_BOT_TOKEN ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok"}');
      },
    },
  ],
});

app.message(async ({ message, say }) => {
  if ('text' in message && 'ts' in message) {
    await say({ text: `echo: ${message.text ?? ''}`, thread_ts: message.ts });
  }
});

await app.start(Number(process.env.PORT ?? 3980));
