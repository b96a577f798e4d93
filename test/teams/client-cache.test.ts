/**
 * Reused Bot Framework clients: one connector client per app id, service URL and audience, one
 * user-token client per app id, failed builds forgotten, and replies still reaching the service URL
 * each activity names.
 */
import { CloudAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientCache,
  MAX_CACHED_CLIENTS,
  ReusingBotFrameworkAuthentication,
} from '../../src/teams/client-cache.js';
import {
  type BotUnderTest,
  fixture,
  postActivity,
  type Recorder,
  startBot,
  startRecorder,
} from './harness.js';

const APP_A = '0b7e3f5a-1c2d-4e6f-8a9b-0c1d2e3f4a5b';
const APP_B = '7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a';
const CHANNEL_AUDIENCE = 'https://api.botframework.com';
// builds claims identities the way the adapter does for a bot's own app id
class ClaimsMaker extends CloudAdapter {
  make(appId: string) {
    return this.createClaimsIdentity(appId);
  }
}
const claimsFor = (appId: string) => new ClaimsMaker().make(appId);
const EMEA = 'https://smba.example/emea/';

/** the connector client `auth` hands out for a turn of `appId` */
const connectorFor = (
  auth: ReusingBotFrameworkAuthentication,
  appId: string,
  serviceUrl = EMEA,
  audience = CHANNEL_AUDIENCE,
) => auth.createConnectorFactory(claimsFor(appId)).create(serviceUrl, audience);

describe('ReusingBotFrameworkAuthentication', () => {
  const auth = new ReusingBotFrameworkAuthentication({
    MicrosoftAppId: APP_A,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'MultiTenant',
  });

  it('hands out one connector client per app id, service URL and audience, across factories', async () => {
    const first = await connectorFor(auth, APP_A);
    const again = await connectorFor(auth, APP_A);
    expect(again).toBe(first);
    const otherUrl = await connectorFor(auth, APP_A, 'https://smba.example/amer/');
    expect(otherUrl).not.toBe(first);
    const otherAudience = await connectorFor(auth, APP_A, EMEA, 'https://other.example');
    expect(otherAudience).not.toBe(first);
    expect(auth.connectorClientCount).toBe(3);
    // the credentials for another app cannot be built here: the failure is not kept
    await expect(connectorFor(auth, APP_B)).rejects.toThrow('Invalid appId');
    await new Promise((resolve) => setImmediate(resolve));
    expect(auth.connectorClientCount).toBe(3);
  });

  it('keys clients by the app id the claims name', async () => {
    // without an app id of its own the factory builds (empty) credentials for any app id
    const local = new ReusingBotFrameworkAuthentication({});
    const forA = await connectorFor(local, APP_A);
    const forB = await connectorFor(local, APP_B);
    expect(forB).not.toBe(forA);
    expect(await local.createUserTokenClient(claimsFor(APP_B))).not.toBe(
      await local.createUserTokenClient(claimsFor(APP_A)),
    );
  });

  it('hands out one user-token client per app id', async () => {
    const first = await auth.createUserTokenClient(claimsFor(APP_A));
    expect(await auth.createUserTokenClient(claimsFor(APP_A))).toBe(first);
  });
});

describe('ReusingBotFrameworkAuthentication on the path every turn takes', () => {
  it('gives each authenticated request a factory whose clients are shared', async () => {
    // without an app id the request is accepted without a token, as in the local mode
    const local = new ReusingBotFrameworkAuthentication({});
    const activity = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/emea/',
    } as Parameters<ReusingBotFrameworkAuthentication['authenticateRequest']>[0];
    const first = await local.authenticateRequest(activity, '');
    const second = await local.authenticateRequest(activity, '');
    const a = await first.connectorFactory?.create('https://smba.example/emea/', first.audience);
    const b = await second.connectorFactory?.create('https://smba.example/emea/', second.audience);
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(local.connectorClientCount).toBe(1);
  });
});

describe('ClientCache', () => {
  it('shares a built client, builds again after a failed build, and stays bounded', async () => {
    const cache = new ClientCache<{ n: number }>();
    let builds = 0;
    const build = async () => ({ n: ++builds });
    const one = await cache.get('k', build);
    expect(await cache.get('k', build)).toBe(one);
    expect(builds).toBe(1);

    await expect(cache.get('bad', () => Promise.reject(new Error('no token')))).rejects.toThrow(
      'no token',
    );
    await new Promise((resolve) => setImmediate(resolve));
    const recovered = await cache.get('bad', build);
    expect(recovered.n).toBe(2);

    for (let i = 0; i < MAX_CACHED_CLIENTS * 2; i += 1) await cache.get(`url-${i}`, build);
    expect(cache.size).toBe(MAX_CACHED_CLIENTS);
  });
});

describe('replies with reused clients', () => {
  let east: Recorder;
  let west: Recorder;
  let bot: BotUnderTest;

  beforeAll(async () => {
    east = await startRecorder();
    west = await startRecorder();
    bot = await startBot();
  });

  afterAll(async () => {
    await bot?.close();
    await east?.close();
    await west?.close();
  });

  it('go to the service URL of each activity, whichever client answered before', async () => {
    for (const target of [east, west, east, west, east]) {
      const res = await postActivity(bot, fixture('personal-paste', target.url));
      expect(res.status).toBe(200);
    }
    const replies = (r: Recorder) => r.calls.filter((c) => c.method === 'POST');
    expect(replies(east)).toHaveLength(3);
    expect(replies(west)).toHaveLength(2);
    for (const call of [...replies(east), ...replies(west)]) {
      expect(JSON.stringify(call.body)).toContain('AADSTS');
    }
  });
});
