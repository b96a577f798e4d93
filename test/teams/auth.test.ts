import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { UNAUTHENTICATED_WARNING } from '../../src/teams/index.js';
import { fixture, postActivity, startBot, startTeamsSuite, type TeamsSuite } from './harness.js';

const APP_ID = '0b7e3f5a-1c2d-4e6f-8a9b-0c1d2e3f4a5b';
const TENANT_ID = '00000000-0000-4000-8000-0000000000aa';
const ROOT = join(import.meta.dirname, '..', '..');

describe('production without an app id', () => {
  it('is refused by the configuration with a message that says what to set', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/Set MicrosoftAppId/);
  });

  it('makes the server entry point exit before listening', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('MicrosoftAppId');
  });
});

describe('with an app id', () => {
  let t: TeamsSuite;

  beforeAll(async () => {
    t = await startTeamsSuite({
      teams: {
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        appType: 'SingleTenant',
        tenantId: TENANT_ID,
      },
    });
  });
  afterAll(() => t.close());

  it('answers 401 to a request without a token and runs no turn', async () => {
    const answer = await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
    expect(answer.status).toBe(401);
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('answers 401 to a request with a token that is not a Bot Framework JWT', async () => {
    const answer = await postActivity(t.bot, fixture('personal-paste', t.recorder.url), {
      authorization: 'Bearer not-a-jwt',
    });
    expect(answer.status).toBe(401);
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('does not warn about running without authentication', () => {
    expect(t.bot.logs.join('')).not.toContain('teams.auth.disabled');
  });
});

describe('without an app id (local development)', () => {
  it('warns loudly at startup that the endpoint is unauthenticated', async () => {
    const bot = await startBot();
    try {
      const warning = bot.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((record) => record.event === 'teams.auth.disabled');
      expect(warning).toMatchObject({ level: 40, detail: UNAUTHENTICATED_WARNING });
      expect(UNAUTHENTICATED_WARNING).toMatch(/WITHOUT authentication/);
    } finally {
      await bot.close();
    }
  });
});
