/**
 * The server entry point as `npm start` runs it (here through tsx): configuration, contacts file,
 * catalog, listening, the unauthenticated-mode banner, a real turn, and a clean stop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { cardsOf, fixture, postActivity, startRecorder } from '../teams/harness.js';

const ROOT = join(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('src/server/main.ts', () => {
  it('starts with a contacts file, answers a Teams turn with the contact, and stops on SIGTERM', async () => {
    const recorder = await startRecorder();
    const stderr: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        PORT: '0',
        HOST: '127.0.0.1',
        CONTACTS_FILE: join(ROOT, 'contacts.example.yaml'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = child;
    createInterface({ input: started.stderr! }).on('line', (line) => stderr.push(line));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no listening line; stderr:\n${stderr.join('\n')}`)),
        30_000,
      );
      createInterface({ input: started.stdout! }).on('line', (line) => {
        const record = JSON.parse(line) as { event?: string; detail?: string };
        const match = /listening on (http:\/\/\S+?);/.exec(record.detail ?? '');
        if (record.event === 'server.listening' && match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      started.once('exit', (code) => reject(new Error(`exited ${code}:\n${stderr.join('\n')}`)));
    });

    try {
      expect(stderr.join('\n')).toContain('WARNING: MicrosoftAppId is empty');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      const answer = await postActivity(
        { url, port: 0, close: async () => {} },
        fixture('personal-paste', recorder.url),
      );
      expect(answer.status).toBe(200);
      const card = JSON.stringify(cardsOf(recorder.calls[0]!.body));
      expect(card).toContain('53003');
      // 53003 is for the tenant admin; contacts.example.yaml names that team.
      expect(card).toContain('Identity team');

      const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
      started.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await recorder.close();
    }
  });
});
