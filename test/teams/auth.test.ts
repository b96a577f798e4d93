import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('is refused on a host beyond loopback in any environment, and allowed on loopback', () => {
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'bot.contoso.example']) {
      expect(() => loadConfig({ NODE_ENV: 'development', HOST }), HOST).toThrow(
        /listens beyond this machine/,
      );
    }
    for (const HOST of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(loadConfig({ NODE_ENV: 'development', HOST }).host, HOST).toBe(HOST);
    }
    expect(
      loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID }).host,
    ).toBe('0.0.0.0');
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

  it('logs one line for a refused request and writes nothing to the console', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    try {
      const before = t.bot.logs.length;
      const answer = await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'UNAUTHORIZED' });
      const records = t.bot.logs.slice(before).map((line) => JSON.parse(line));
      expect(records).toEqual([
        expect.objectContaining({ event: 'teams.auth.rejected', status: 401, level: 40 }),
      ]);
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
    }
  });

  it('answers 400 with a reason to a JSON body that is not an activity, and runs no turn', async () => {
    const answer = await postActivity(t.bot, { text: 'AADSTS53003' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'ACTIVITY_TYPE_MISSING' });
    expect(t.recorder.calls).toHaveLength(0);
  });

  it('does not warn about running without authentication', () => {
    expect(t.bot.logs.join('')).not.toContain('teams.auth.disabled');
  });
});

/** a JWT signed with `key` (RS256), as Bot Framework signs the tokens it sends a bot */
function signedToken(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

describe('tokens checked against published signing keys', () => {
  const KID = 'test-signing-key';
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keyServer: Server;
  let keysUrl: string;
  let suite: TeamsSuite | undefined;

  beforeAll(async () => {
    // the OpenID metadata and key set Bot Framework publishes, served on loopback
    keyServer = createHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') {
        res.end(
          JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${keysUrl}/keys` }),
        );
      } else if (req.url === '/keys') {
        const jwk = signing.publicKey.export({ format: 'jwk' });
        res.end(
          JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    keysUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await suite?.close();
    suite = undefined;
  });
  afterAll(() => new Promise<void>((resolve) => keyServer.close(() => resolve())));

  const teams = {
    appId: APP_ID,
    appPassword: 'not-a-real-secret',
    appType: 'SingleTenant' as const,
    tenantId: TENANT_ID,
  };

  /** posts the fixture activity with a token built from `claims`; returns the status and the refusal log */
  async function refused(
    metadataUrl: string,
    key: KeyObject,
    claims: (serviceUrl: unknown) => Record<string, unknown>,
  ): Promise<{ status: number; record: Record<string, unknown> | undefined }> {
    suite = await startTeamsSuite({ teams, openIdMetadataUrl: metadataUrl });
    const activity = fixture('personal-paste', suite.recorder.url);
    const token = signedToken(key, KID, claims(activity.serviceUrl));
    const answer = await postActivity(suite.bot, activity, { authorization: `Bearer ${token}` });
    expect(suite.recorder.calls).toHaveLength(0);
    const record = suite.bot.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((r) => r.event === 'teams.auth.rejected' || r.event === 'teams.request.failed');
    return { status: answer.status, record };
  }

  const now = () => Math.floor(Date.now() / 1000);
  const channelClaims = (aud: string) => (serviceurl: unknown) => ({
    iss: 'https://api.botframework.com',
    aud,
    serviceurl,
    nbf: now() - 60,
    exp: now() + 600,
  });

  it('answers 401, not 500, to a token that names a real key but was signed by another', async () => {
    const { status, record } = await refused(
      `${keysUrl}/openid`,
      forger.privateKey,
      channelClaims(APP_ID),
    );
    expect(status).toBe(401);
    expect(record).toMatchObject({
      event: 'teams.auth.rejected',
      status: 401,
      errorCode: 'TOKEN_SIGNATURE_INVALID',
    });
  });

  it('names a token issued for another app id, and says which setting to check', async () => {
    const { status, record } = await refused(
      `${keysUrl}/openid`,
      signing.privateKey,
      channelClaims('11111111-2222-4333-8444-555555555555'),
    );
    expect(status).toBe(401);
    expect(record).toMatchObject({ errorCode: 'TOKEN_FOR_ANOTHER_APP' });
    expect(record?.detail).toMatch(/MicrosoftAppId/);
    // the claim the SDK quotes in its message is not logged
    expect(JSON.stringify(record)).not.toContain('11111111-2222');
  });

  it('answers 500 and logs an error naming the key fetch when the metadata cannot be fetched', async () => {
    // a port that was free a moment ago: nothing answers there
    const closed = createHttpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { status, record } = await refused(
      `http://127.0.0.1:${port}/openid`,
      signing.privateKey,
      channelClaims(APP_ID),
    );
    expect(status).toBe(500);
    expect(record).toMatchObject({
      event: 'teams.request.failed',
      level: 50,
      errorCode: 'SIGNING_KEYS_UNAVAILABLE',
    });
    expect(record?.detail).toMatch(/OpenID metadata/);
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
