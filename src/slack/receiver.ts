/**
 * A Bolt Receiver that wraps Bolt's HTTPReceiver for mounting on a server we own. It adds what Bolt
 * leaves out: timestamps too far in the future are rejected (Bolt only rejects stale ones), each
 * request's outcome is logged without its content, and work in progress can be awaited on shutdown.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, HTTPReceiver, type Logger, type Receiver } from '@slack/bolt';
import type { SafeLogger } from '../log/logger.js';
import { type InFlight, trackedProcessor } from './in-flight.js';
import { SLACK_EVENTS_PATH } from './names.js';
import type { SlackTuning } from './tuning.js';

/** the options of the receiver */
export interface SlackReceiverOptions {
  signingSecret: string;
  boltLogger: Logger;
  logger: SafeLogger;
  tuning: SlackTuning;
  now: () => number;
  /** where handled events are tracked */
  inFlight: InFlight;
  /** the path Slack posts to */
  endpoint?: string;
}

const TIMESTAMP = /^\d{1,12}$/;

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** receives Slack's HTTP requests through a listener the server mounts; never listens itself */
export class SlackReceiver implements Receiver {
  private readonly inner: HTTPReceiver;

  constructor(private readonly options: SlackReceiverOptions) {
    this.inner = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: [options.endpoint ?? SLACK_EVENTS_PATH],
      logger: options.boltLogger,
      // ack() answers the HTTP request at once; the reply is sent afterwards
      processBeforeResponse: false,
      // Bolt's default is 4 MB; bodies are buffered before the signature can be checked
      bodyLimit: options.tuning.maxBodyBytes,
    });
  }

  /** called by Bolt's App; events are tracked so stop() can wait for replies in progress */
  init(app: App): void {
    // HTTPReceiver only ever calls processEvent on the app it is given
    this.inner.init(trackedProcessor(app, this.options.inFlight) as unknown as App);
  }

  /** the server is owned elsewhere; nothing to start */
  async start(): Promise<void> {}

  /** the server is owned elsewhere; nothing to stop */
  async stop(): Promise<void> {}

  /** the node:http listener to mount at POST /slack/events (no body parser in front of it) */
  readonly requestListener = (req: IncomingMessage, res: ServerResponse): void => {
    const started = this.options.now();
    res.once('finish', () => {
      const status = res.statusCode;
      const fields = {
        event: 'slack.http',
        platform: 'slack' as const,
        status,
        ms: this.options.now() - started,
        outcome: status < 400 ? 'accepted' : status === 401 ? 'rejected' : 'failed',
      };
      if (status >= 400) this.options.logger.warn(fields);
      else this.options.logger.debug(fields);
    });

    const timestamp = headerValue(req, 'x-slack-request-timestamp');
    if (timestamp !== undefined && TIMESTAMP.test(timestamp)) {
      const nowSec = Math.floor(this.options.now() / 1000);
      if (Number(timestamp) > nowSec + this.options.tuning.maxFutureSkewSec) {
        // a timestamp from the future could be replayed for as long as it stays "fresh"
        req.resume();
        // not chained: restify replaces writeHead with a version that returns nothing
        res.writeHead(401);
        res.end();
        return;
      }
    }

    try {
      this.inner.requestListener(req, res);
    } catch {
      // HTTPReceiver throws for paths and methods it does not serve
      req.resume();
      if (!res.headersSent) {
        res.writeHead(404);
        res.end();
      }
    }
  };
}
