/**
 * The server entry point as `npm start` runs it (here through tsx): configuration, contacts file,
 * catalog, the startup summary, readiness, the unauthenticated-mode banner, a real turn, and a
 * clean stop.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardsOf, fixture, postActivity, startRecorder } from '../teams/harness.js';
import { type MainProcess, startMain } from './spawn-main.js';

const ROOT = join(import.meta.dirname, '..', '..');
let main: MainProcess | undefined;

afterAll(() => {
  if (main && main.child.exitCode === null) main.child.kill('SIGKILL');
});

describe('src/server/main.ts', () => {
  it('starts with a contacts file, answers a Teams turn with the contact, and stops on SIGTERM', async () => {
    const recorder = await startRecorder();
    const contacts = join(ROOT, 'contacts.example.yaml');
    main = await startMain({ CONTACTS_FILE: contacts }, ['--drain-grace-ms=0']);
    const { url, stderr, records } = main;

    try {
      expect(stderr.join('\n')).toContain('WARNING: MicrosoftAppId is empty');
      // one line says what is active: platforms, state store and contacts file
      const started = String(records.find((r) => r.event === 'server.started')?.detail);
      expect(started).toContain('platforms: teams (unauthenticated)');
      expect(started).toContain('slack off');
      expect(started).toContain('state store: memory');
      expect(started).toContain(`contacts file: ${contacts}`);

      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      const body = (await ready.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 'ready', config: 'loaded', store: 'memory' });
      expect(body.catalog).toBeGreaterThan(300);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      const answer = await postActivity(
        { url, port: 0, close: async () => {} },
        fixture('personal-paste', recorder.url),
      );
      expect(answer.status).toBe(200);
      const card = JSON.stringify(cardsOf(recorder.calls[0]!.body));
      expect(card).toContain('53003');
      // 53003 is for the tenant admin; contacts.example.yaml names that team.
      expect(card).toContain('Identity team');

      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
    } finally {
      await recorder.close();
    }
  });

  it('takes drain timings from DRAIN_* variables, and a flag wins over its variable', async () => {
    const started = await startMain({ DRAIN_GRACE_MS: '40', DRAIN_WORK_MS: '300' }, [
      '--drain-work-ms=200',
    ]);
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    const draining = started.records.find((r) => r.event === 'server.draining');
    expect(draining?.ms).toBe(40);
    // the work phase ends at the idle record; nothing is in flight, so it settles at once
    const idle = started.records.find((r) => r.event === 'server.idle');
    expect(idle?.outcome).toBe('settled');
  });

  it('refuses a bad DRAIN_* value with a message naming the variable', async () => {
    await expect(startMain({ DRAIN_HARD_EXIT_MS: 'soon' })).rejects.toThrow(
      /exited 1:[\s\S]*DRAIN_HARD_EXIT_MS/,
    );
  });

  it('refuses a bad drain flag with a message naming it', async () => {
    await expect(startMain({}, ['--drain-grace-ms=soon'])).rejects.toThrow(
      /exited 1:[\s\S]*--drain-grace-ms needs a whole number of milliseconds/,
    );
  });
});
