import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFrom, type Harness, startHarness, stringsIn } from './harness.js';

describe('organization contacts in Slack replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      orgContacts: { 'tenant-admin': { name: 'Identity team', channel: '#identity-help' } },
    });
  });
  afterAll(() => h?.close());

  it('names the configured team as text, never as a channel link or mention', async () => {
    // 53003 is for the tenant admin
    await h.sendJson(
      eventFrom('event-message-channel.json', 'EvOrg1', {
        ts: '1700700001.000001',
        text: 'AADSTS53003',
      }),
    );
    await h.mount.idle();
    const [reply] = h.fake.delivered('chat.postMessage');
    const all = stringsIn(reply?.body).join('\n');
    expect(all).toContain('Identity team');
    expect(all).toContain('#identity-help');
    expect(all).not.toMatch(/<[#!@]/);
  });
});
