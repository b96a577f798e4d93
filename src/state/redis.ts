/**
 * The Redis connection shared by the dedupe store, the rate limiter and the usage counters.
 *
 * Redis is an aid, not a dependency the bot dies with: the client connects lazily, reconnects with a
 * capped backoff for as long as the process lives, and rejects commands at once while it is not
 * connected (no offline queue), so every caller can fall back to memory without waiting.
 * Log records carry an error code only: ioredis messages quote host and port, and a URL may carry a
 * password.
 */
import { Redis } from 'ioredis';
import type { SafeLogger } from '../log/logger.js';

/** tuning of the connection; the defaults suit a chat bot answering within a second */
export interface RedisConnectionOptions {
  /** milliseconds a TCP connect may take before it is abandoned and retried */
  connectTimeoutMs?: number;
  /** milliseconds a command may wait for its reply before it fails */
  commandTimeoutMs?: number;
  /** first reconnect delay in milliseconds; doubles per attempt */
  retryBaseMs?: number;
  /** longest reconnect delay in milliseconds */
  retryMaxMs?: number;
  /** prefix of every key this app writes, so one Redis can serve several deployments */
  keyPrefix?: string;
}

/** a Redis client plus the state the rest of the app needs to know about */
export interface RedisConnection {
  /** the ioredis client; commands reject at once while disconnected */
  readonly client: Redis;
  /** prefix to put in front of every key */
  readonly keyPrefix: string;
  /** true while commands can be sent */
  isReady(): boolean;
  /** true once the connection has been ready at least once since the process started */
  wasEverReady(): boolean;
  /** starts connecting if not yet started; never rejects */
  connect(): Promise<void>;
  /** true when Redis answers PING within the timeout (readiness probe) */
  ping(timeoutMs?: number): Promise<boolean>;
  /** closes the connection after pending replies arrive, bounded by `timeoutMs` */
  close(timeoutMs?: number): Promise<void>;
}

const DEFAULTS = {
  connectTimeoutMs: 2_000,
  commandTimeoutMs: 500,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
  keyPrefix: 'aadsts:',
} as const;

/** the delay before reconnect attempt `attempt` (1-based): doubling, capped, with a little jitter */
export function reconnectDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 20);
  const capped = Math.min(exponential, maxMs);
  // jitter keeps many instances from reconnecting in lockstep after a Redis restart
  return Math.round(capped * (0.8 + 0.2 * random()));
}

/** a stable code for a connection error, safe to log (never the message) */
export function redisErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return `REDIS_${code}`;
    const name = (error as { name?: unknown }).name;
    if (name === 'ReplyError') return 'REDIS_REPLY_ERROR';
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') {
      if (message.includes('timed out')) return 'REDIS_TIMEOUT';
      if (message.includes('enableOfflineQueue')) return 'REDIS_NOT_CONNECTED';
      if (message.includes('Connection is closed')) return 'REDIS_CLOSED';
    }
  }
  return 'REDIS_ERROR';
}

/** creates the connection without connecting; call connect() at startup or let the first command do it */
export function createRedisConnection(
  url: string,
  logger: SafeLogger,
  options: RedisConnectionOptions = {},
): RedisConnection {
  const o = { ...DEFAULTS, ...options };
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: o.connectTimeoutMs,
    commandTimeout: o.commandTimeoutMs,
    retryStrategy: (attempt: number) => reconnectDelay(attempt, o.retryBaseMs, o.retryMaxMs),
  });

  // Log transitions, not every retry: an outage of an hour must not write thousands of lines.
  let up = false;
  let everReady = false;
  let lastErrorCode: string | undefined;
  let closing = false;
  client.on('ready', () => {
    up = true;
    everReady = true;
    lastErrorCode = undefined;
    logger.info({ event: 'redis.ready', platform: 'server', outcome: 'connected' });
  });
  client.on('error', (error: unknown) => {
    const errorCode = redisErrorCode(error);
    if (errorCode === lastErrorCode) return;
    lastErrorCode = errorCode;
    logger.warn({ event: 'redis.error', platform: 'server', errorCode });
  });
  client.on('close', () => {
    if (!up || closing) return;
    up = false;
    logger.warn({
      event: 'redis.lost',
      platform: 'server',
      outcome: 'disconnected',
      detail: 'Redis connection lost; using in-memory state until it returns',
    });
  });

  const connect = async (): Promise<void> => {
    if (client.status !== 'wait' && client.status !== 'end') return;
    try {
      await client.connect();
    } catch (error: unknown) {
      // the error listener logged it; ioredis keeps retrying on its own schedule
      lastErrorCode ??= redisErrorCode(error);
    }
  };

  return {
    client,
    keyPrefix: o.keyPrefix,
    isReady: () => client.status === 'ready',
    wasEverReady: () => everReady,
    connect,
    async ping(timeoutMs = 1_000): Promise<boolean> {
      if (client.status === 'wait') void connect();
      if (client.status !== 'ready') return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      try {
        const answer = client.ping().then(
          (reply) => reply === 'PONG',
          () => false,
        );
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(timeoutMs = 2_000): Promise<void> {
      closing = true;
      if (client.status === 'end' || client.status === 'wait') {
        client.disconnect();
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      try {
        // QUIT lets replies in flight arrive; a dead connection is simply dropped
        await Promise.race([client.quit().then(undefined, () => undefined), timeout]);
      } finally {
        clearTimeout(timer);
        client.disconnect();
      }
    },
  };
}
