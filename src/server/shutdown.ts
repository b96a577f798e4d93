/**
 * Graceful shutdown on SIGTERM/SIGINT, in the order that loses no reply:
 * 1. readiness answers 503, so the load balancer stops sending new traffic here;
 * 2. after a short grace (the balancer needs a probe or two to notice), the listener closes and idle
 *    kept-alive connections are dropped;
 * 3. turns in progress (Teams) and events being answered (Slack) finish, bounded by a timeout;
 * 4. the remaining connections close, Slack stops, and the shared state (Redis) closes last;
 * 5. the process exits 0. A hard timer exits 1 if any step hangs.
 */
import type { Server } from 'node:http';
import type { SafeLogger } from '../log/logger.js';

/** how long each phase may take, in milliseconds */
export interface DrainTimings {
  /** readiness says 503 this long before the listener closes */
  graceMs: number;
  /** longest wait for in-flight work */
  workMs: number;
  /** the process exits (code 1) this long after the signal whatever happens */
  hardExitMs: number;
}

/**
 * defaults that fit common platforms: Azure Container Apps and Kubernetes wait 30 s after SIGTERM
 * before killing, so everything here ends well inside that
 */
export const DEFAULT_DRAIN_TIMINGS: DrainTimings = {
  graceMs: 5_000,
  workMs: 15_000,
  hardExitMs: 25_000,
};

/** what the drain acts on */
export interface DrainTargets {
  logger: SafeLogger;
  /** the listening Node server */
  server: Server;
  /** switches readiness to 503 and marks responses "Connection: close" */
  startDraining(): void;
  /** waits for in-flight work, each bounded by the given timeout */
  idle: ReadonlyArray<(timeoutMs: number) => Promise<unknown>>;
  /** releases resources, in order, after the server closed (Slack, probes, then the state store) */
  stop: ReadonlyArray<() => Promise<unknown>>;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** drains and stops everything; never rejects */
export async function drain(targets: DrainTargets, timings: DrainTimings): Promise<void> {
  const { logger, server } = targets;
  const started = Date.now();
  targets.startDraining();
  logger.info({ event: 'server.draining', platform: 'server', ms: timings.graceMs });
  await sleep(timings.graceMs);

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  logger.info({ event: 'server.closed', platform: 'server', ms: Date.now() - started });

  const waited = await Promise.all(
    targets.idle.map((idle) => idle(timings.workMs).catch(() => false)),
  );
  const settled = waited.every((result) => result !== false);
  logger.info({
    event: 'server.idle',
    platform: 'server',
    outcome: settled ? 'settled' : 'timed-out',
    ms: Date.now() - started,
  });

  server.closeAllConnections();
  await Promise.race([closed, sleep(1_000)]);
  for (const stop of targets.stop) {
    try {
      await stop();
    } catch (error: unknown) {
      logger.warn({
        event: 'server.stop.failed',
        platform: 'server',
        errorCode: error instanceof Error ? error.name : 'UNKNOWN',
      });
    }
  }
  logger.info({ event: 'server.stopped', platform: 'server', ms: Date.now() - started });
}

/**
 * calls `onSignal` once on the first SIGTERM or SIGINT and arms the hard-exit timer; a second
 * signal exits at once (an operator pressing Ctrl+C twice means it)
 */
export function onShutdownSignal(
  logger: SafeLogger,
  hardExitMs: number,
  onSignal: () => Promise<void>,
): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ event: 'server.forced', platform: 'server', detail: `second ${signal}` });
      process.exit(1);
    }
    stopping = true;
    logger.info({ event: 'server.stopping', platform: 'server', detail: signal });
    const hard = setTimeout(() => {
      logger.error({ event: 'server.hard-exit', platform: 'server', ms: hardExitMs });
      process.exit(1);
    }, hardExitMs);
    hard.unref();
    void onSignal().then(() => process.exit(0));
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

/** a drain flag with a bad value; the message names the flag */
export class DrainFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrainFlagError';
  }
}

const FLAGS = {
  '--drain-grace-ms': 'graceMs',
  '--drain-work-ms': 'workMs',
  '--drain-hard-exit-ms': 'hardExitMs',
} as const satisfies Record<string, keyof DrainTimings>;

/**
 * the drain timings from command-line flags (`--drain-grace-ms=500` etc.), then from `configured`
 * (the DRAIN_* environment variables), then the defaults; throws a message naming the flag on a
 * bad value
 */
export function drainTimingsFromArgs(
  args: readonly string[],
  configured: Partial<DrainTimings> = {},
): DrainTimings {
  const timings = { ...DEFAULT_DRAIN_TIMINGS, ...configured };
  for (const arg of args) {
    const [flag = '', value] = arg.split('=', 2);
    if (!(flag in FLAGS)) continue;
    const ms = Number(value);
    if (value === undefined || !Number.isSafeInteger(ms) || ms < 0 || ms > 600_000) {
      throw new DrainFlagError(
        `${flag} needs a whole number of milliseconds from 0 to 600000, e.g. ${flag}=5000`,
      );
    }
    timings[FLAGS[flag as keyof typeof FLAGS]] = ms;
  }
  // the hard exit must leave room for the phases before it
  timings.hardExitMs = Math.max(timings.hardExitMs, timings.graceMs + timings.workMs + 2_000);
  return timings;
}
