/**
 * Starts a throwaway redis-server on a free loopback port for integration tests: no persistence,
 * its own temp dir, stopped (or killed, to simulate an outage) by the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** the redis-server binary, or undefined when it is not installed */
export function findRedisServer(): string | undefined {
  const candidates = [
    process.env.REDIS_SERVER_BIN,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'redis-server')),
    '/usr/bin/redis-server',
    '/usr/local/bin/redis-server',
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next place
    }
  }
  return undefined;
}

/** the binary to use; says loudly when tests are skipped, and fails in CI where it must exist */
export function redisServerOrSkip(suite: string): string | undefined {
  const bin = findRedisServer();
  if (!bin) {
    const message = `redis-server not found: SKIPPING "${suite}" (install the redis-server package)`;
    if (process.env.CI) throw new Error(`${message}; CI must install it`);
    console.warn(`\n*** ${message} ***\n`);
  }
  return bin;
}

/** a port on loopback that nothing listens on right now */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** a running test Redis */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: the server vanishes without closing connections cleanly */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server keeps its connections open but stops answering */
  pause(): void;
  resume(): void;
  /** starts the server again on the same port (after kill) */
  restart(): Promise<void>;
  /** stops the server and removes its directory */
  stop(): Promise<void>;
}

function launch(bin: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on ${port}: ${output.slice(-500)}`));
    }, 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** starts redis-server on a free loopback port */
export async function startTestRedis(bin: string): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'aadsts-redis-'));
  const port = await freePort();
  let child = await launch(bin, port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => exited(child, 'SIGKILL'),
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async restart() {
      await exited(child, 'SIGKILL');
      child = await launch(bin, port, dir);
    },
    async stop() {
      await exited(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** polls until `check` is true or the time is up */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in time');
}
