/**
 * Runs the real server entry point (src/server/main.ts through tsx, or a built entry) as a child
 * process on a free loopback port, and keeps every byte it writes to stdout and stderr for the log
 * assertions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'server', 'main.ts');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** a parsed JSON log line */
export interface LogRecord {
  level?: number;
  event?: string;
  outcome?: string;
  errorCode?: string;
  activityId?: string;
  codes?: number[];
  [key: string]: unknown;
}

/** one running instance of the bot */
export interface BotProcess {
  readonly name: string;
  /** base URL, e.g. http://127.0.0.1:PORT */
  readonly url: string;
  /** stdout and stderr together, exactly as written */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** stdout lines that parse as JSON objects */
  records(): LogRecord[];
  /** waits for a log record; the error names what was awaited and shows the tail of the output */
  waitForRecord(
    what: string,
    match: (r: LogRecord, index: number) => boolean,
    ms?: number,
  ): Promise<LogRecord>;
  /** true while the process has not exited */
  alive(): boolean;
  /** sends a signal without waiting */
  signal(signal: NodeJS.Signals): void;
  /** resolves with the exit code once the process has exited */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `ms`; resolves with the exit code (null when killed) */
  stop(ms?: number): Promise<number | null>;
}

/** generous on a busy 2-core machine: tsx compiles the whole server on start */
const START_TIMEOUT_MS = 60_000;

/** what to run instead of src/server/main.ts through tsx */
export interface EntryOptions {
  /** node arguments that start the server, e.g. [`${app}/dist/server/start.js`] */
  argv: string[];
}

/**
 * starts src/server/main.ts (or `entry`) with exactly the given environment (plus PATH) and waits
 * until it is ready
 */
export async function startBotProcess(
  name: string,
  env: Record<string, string>,
  entry?: EntryOptions,
): Promise<BotProcess> {
  // an empty working directory, so a developer's .env file cannot change what is tested
  const cwd = mkdtempSync(join(tmpdir(), 'aadsts-prod-'));
  // a short drain grace: no load balancer needs to notice here, and stopping takes less time
  const args = [...(entry?.argv ?? ['--import', TSX_LOADER, MAIN]), '--drain-grace-ms=200'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const all: Buffer[] = [];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out.push(chunk);
    all.push(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err.push(chunk);
    all.push(chunk);
  });
  // a test worker that dies must not leave a bot running
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    });
  });

  const stdout = (): string => Buffer.concat(out).toString('utf8');
  const output = (): string => Buffer.concat(all).toString('utf8');
  const records = (): LogRecord[] => {
    const parsed: LogRecord[] = [];
    for (const line of stdout().split('\n')) {
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === 'object' && !Array.isArray(value))
          parsed.push(value as LogRecord);
      } catch {
        // not a JSON line; the leak test looks at raw output anyway
      }
    }
    return parsed;
  };
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;

  const waitForRecord = async (
    what: string,
    match: (r: LogRecord, index: number) => boolean,
    ms = 20_000,
  ): Promise<LogRecord> => {
    const until = Date.now() + ms;
    for (;;) {
      const found = records().find(match);
      if (found) return found;
      if (!alive() || Date.now() > until) {
        const state = alive()
          ? 'still running'
          : `exited with ${child.exitCode ?? child.signalCode}`;
        throw new Error(
          `${name}: no log record "${what}" (${state}); output tail:\n${output().slice(-3000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const stop = async (ms = 10_000): Promise<number | null> => {
    if (!alive()) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    const listening = await waitForRecord(
      'server.listening',
      (r) => r.event === 'server.listening' && /listening on http:\/\//.test(String(r.detail)),
      START_TIMEOUT_MS,
    );
    const url = /listening on (http:\/\/[^\s;,]+)/.exec(String(listening.detail))?.[1];
    if (!url) throw new Error(`${name}: no URL in the listening record`);
    await waitForReady(url, name, output);
    return {
      name,
      url,
      output,
      stdout,
      stderr: () => Buffer.concat(err).toString('utf8'),
      records,
      waitForRecord,
      alive,
      signal: (signal) => void child.kill(signal),
      exited,
      stop,
    };
  } catch (error: unknown) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** polls /readyz until it answers 200 */
async function waitForReady(url: string, name: string, output: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  let last = 'no answer';
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (error: unknown) {
      last = error instanceof Error ? error.name : 'error';
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${name}: /readyz never answered 200 (last: ${last}); output tail:\n${output().slice(-3000)}`,
  );
}

/**
 * starts one instance per name with the same environment, one after the other (two tsx compilations
 * at once are slow on a 2-core machine); with `redisReady`, each must also report its Redis
 * connection. If one fails, those already started are stopped.
 */
export async function startInstances(
  names: string[],
  env: Record<string, string>,
  options: { redisReady?: boolean } = {},
): Promise<BotProcess[]> {
  const bots: BotProcess[] = [];
  try {
    for (const name of names) bots.push(await startBotProcess(name, env));
    if (options.redisReady) {
      for (const bot of bots)
        await bot.waitForRecord('redis.ready', (r) => r.event === 'redis.ready');
    }
    return bots;
  } catch (error: unknown) {
    await stopAll(bots);
    throw error;
  }
}

/** stops every instance still running (for afterAll) */
export async function stopAll(bots: Array<BotProcess | undefined>): Promise<void> {
  await Promise.all(bots.map((bot) => bot?.stop(5_000)));
}
