/**
 * Socket Mode, for development: with SLACK_APP_TOKEN set, the bot also opens an outbound WebSocket to
 * Slack, so a laptop without a public URL receives events, commands and interactions. The handlers
 * are the same as over HTTP. Slack delivers over the socket only while Socket Mode is switched on in
 * the app's settings.
 * https://docs.slack.dev/apis/events-api/using-socket-mode
 */
import { type App, type Logger, type Receiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import { type InFlight, trackedProcessor } from './in-flight.js';

/** options of the Socket Mode receiver */
export interface SlackSocketReceiverOptions {
  appToken: string;
  boltLogger: Logger;
  /** Web API options for apps.connections.open (base URL, timeout, retries) */
  clientOptions: webApi.WebClientOptions;
  inFlight: InFlight;
}

/** Bolt's SocketModeReceiver with event tracking for a clean shutdown */
export class SlackSocketReceiver implements Receiver {
  private readonly inner: SocketModeReceiver;

  constructor(private readonly options: SlackSocketReceiverOptions) {
    this.inner = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.boltLogger,
      // the receiver hands these to its Web API client (there is no other way to set the base URL)
      installerOptions: { clientOptions: { ...options.clientOptions } },
    });
  }

  /** called by Bolt's App */
  init(app: App): void {
    // SocketModeReceiver only ever calls processEvent on the app it is given
    this.inner.init(trackedProcessor(app, this.options.inFlight) as unknown as App);
  }

  /** connects to Slack */
  async start(): Promise<void> {
    await this.inner.start();
  }

  /** disconnects */
  async stop(): Promise<void> {
    await this.inner.stop();
  }
}
