/**
 * Tooling for the HTTP benchmark: servers in child processes (so the load generator never shares
 * their event loop), readiness and RSS readings, a local Bot Framework connector, and a typed
 * wrapper around autocannon.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** the repository root */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** one request autocannon sends; setupRequest may rewrite it before each send */
export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}

interface CannonOptions {
  url: string;
  connections: number;
  /** seconds to run; ignored when `amount` is given */
  duration?: number;
  /** total requests to send, then stop */
  amount?: number;
  /** seconds before a request counts as timed out */
  timeout?: number;
  requests: CannonRequest[];
}

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}

/** the parts of autocannon's result the report uses */
export interface CannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  /** responses by status code */
  statusCodeStats?: Record<string, { count: number }>;
}

// autocannon ships no type declarations; this is the one call the benchmark makes
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: CannonOptions,
) => Promise<CannonResult>;

/** runs autocannon against `url` */
export function cannon(options: CannonOptions): Promise<CannonResult> {
  return autocannon(options);
}

/** a server started in a child process */
export interface Child {
  url: string;
  pid: number;
  /** milliseconds from spawn until the health path answered 200 */
  startupMs: number;
  /** the last few kilobytes the child wrote to stderr */
  stderr(): string;
  stop(): Promise<void>;
}

/** what the heap probe (heap-probe.ts) reports after a full garbage collection */
export interface HeapReading {
  /** heap in use just before the collection */
  heapUsedBeforeMb: number;
  /** heap still in use after it: what the process really holds */
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
  /** garbage collections since the process started, before the probe's own */
  gcCount: number;
  /** how many of them were full (mark-compact) collections */
  gcMajor: number;
  /** their total pause on the main thread, in ms */
  gcPauseMs: number;
}

/** Node flags that load the heap probe into a benchmarked server */
export const HEAP_PROBE_FLAGS = ['--expose-gc', '--import', './bench/baseline/heap-probe.ts'];

/** asks a child started with HEAP_PROBE_FLAGS for a heap reading after a full collection */
export async function heapOf(child: Child, timeoutMs = 10_000): Promise<HeapReading | undefined> {
  const readings = (): string[] =>
    [...child.stderr().matchAll(/heap-probe (\{[^\n]*\})\n/g)].map((m) => m[1] ?? '');
  const before = readings().length;
  process.kill(child.pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = readings();
    const last = all.at(-1);
    if (all.length > before && last) return JSON.parse(last) as HeapReading;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** a free loopback port (taken and released at once) */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * spawns `node --import tsx <file>` (or plain `node <file>` for built JavaScript) with `env` and
 * any extra Node `flags` (after the loader), then waits until GET `healthPath` answers 200
 */
export async function startChild(
  file: string,
  env: Record<string, string>,
  healthPath: string,
  flags: string[] = [],
): Promise<Child> {
  const port = await freePort();
  const started = performance.now();
  const argv = file.endsWith('.ts') ? ['--import', 'tsx', ...flags, file] : [...flags, file];
  const child: ChildProcess = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${file} exited early:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`${file} did not become ready:\n${stderr}`);
    const ok = await fetch(`${url}${healthPath}`, { signal: AbortSignal.timeout(500) })
      .then((res) => res.status === 200)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  return {
    url,
    pid: child.pid ?? -1,
    startupMs,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** current and peak resident set size of a process in MB (Linux /proc; NaN elsewhere) */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number =>
      Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakMb: Number.NaN };
  }
}

// the kernel's USER_HZ: /proc reports CPU time in these ticks (100 on Linux for x86 and arm)
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far, user and system, all its threads (GC helpers included), in
 * milliseconds at 10 ms resolution (Linux /proc; NaN elsewhere)
 */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** a local Bot Framework connector that accepts every reply and counts them */
export interface Connector {
  url: string;
  received(): number;
  close(): Promise<void>;
}

/** starts the local connector on loopback */
export async function startConnector(): Promise<Connector> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"reply-${count}"}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
