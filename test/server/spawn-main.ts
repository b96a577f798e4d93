/** Starts src/server/main.ts as `npm start` would (through tsx) and waits for its listening line. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');

/** the running entry point */
export interface MainProcess {
  child: ChildProcess;
  url: string;
  /** stdout log records, parsed */
  records: Array<Record<string, unknown>>;
  stderr: string[];
  /** resolves with the exit code */
  exited: Promise<number | null>;
}

/** spawns the entry point with only `env` (plus PATH) and the given arguments */
export async function startMain(
  env: Record<string, string>,
  args: string[] = [],
): Promise<MainProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const records: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no listening line; stderr:\n${stderr.join('\n')}`)),
      30_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      records.push(record);
      const match = /listening on (http:\/\/\S+?);/.exec(String(record.detail ?? ''));
      if (record.event === 'server.listening' && match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`exited ${code}:\n${stderr.join('\n')}`)));
  });
  return { child, url, records, stderr, exited };
}
