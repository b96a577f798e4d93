import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack.js';
import {
  BOT_USER_ID,
  commandFields,
  eventFrom,
  type Harness,
  startHarness,
  stringsIn,
} from './harness.js';

// what Slack delivers when a user types "@channel @here @someone <link>" next to a code
const INJECTED =
  '<!channel> <!here> <@U999> <https://evil.example|click> AADSTS53003 <!subteam^S123|@admins> <#C999|general>';

/** Slack control sequences and links in a reply; the only links allowed are the bot's own Microsoft links */
function assertInert(call: RecordedCall): void {
  const strings = stringsIn(call.body);
  const all = strings.join('\n');
  expect(all).toContain('53003');
  for (const text of strings) {
    expect(text).not.toMatch(/<[!@#]/);
    for (const [, target] of text.matchAll(/<([^>|]*)(?:\|[^>]*)?>/g)) {
      expect(target).toMatch(/^https:\/\/([a-z0-9-]+\.)*microsoft(online)?\.com\//);
    }
  }
  expect(all).not.toContain('evil.example');
  expect(all).not.toContain('U999');
  expect(call.body.link_names).toBeUndefined();
  expect(call.body.parse).toBeUndefined();
}

describe('nothing a user pasted pings or links in a reply', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('in a thread reply to a watched channel', async () => {
    await h.sendJson(
      eventFrom('event-message-channel.json', 'EvInject1', {
        ts: '1700300001.000001',
        text: INJECTED,
      }),
    );
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700300001.000001');
    expect(replies).toHaveLength(1);
    assertInert(replies[0]!);
    expect(replies[0]!.body.unfurl_links).toBe('false');
    expect(replies[0]!.body.unfurl_media).toBe('false');
  });

  it('in an answer to an @mention', async () => {
    const text = `<@${BOT_USER_ID}> ${INJECTED}`;
    await h.sendJson(
      eventFrom('event-app-mention.json', 'EvInject2', { ts: '1700300002.000001', text }),
    );
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700300002.000001');
    expect(replies).toHaveLength(1);
    assertInert(replies[0]!);
  });

  it('in a slash command answer and its shared copy', async () => {
    await h.sendForm(commandFields(h.fake, INJECTED, 'inject-cmd'));
    await h.mount.idle();
    const [answer] = h.fake.delivered('response_url').filter((c) => c.hook === 'inject-cmd');
    expect(answer).toBeDefined();
    assertInert(answer!);
  });

  it('with pasted JSON whose entities Slack escaped', async () => {
    // Slack escapes only & < >; the user typed a literal "<!channel>" inside the JSON, and @here
    const pasted = `{"error":"invalid_grant","error_description":"AADSTS50126: Error validating credentials. &lt;!channel&gt; <!here>"}`;
    for (const [i, text] of [pasted].entries()) {
      const ts = `170030001${i}.000001`;
      await h.sendJson(eventFrom('event-message-channel.json', `EvInjectJson${i}`, { ts, text }));
    }
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => String(c.body.thread_ts).startsWith('170030001'));
    expect(replies).toHaveLength(1);
    for (const reply of replies) {
      const all = stringsIn(reply.body).join('\n');
      expect(all).toContain('50126');
      expect(all).not.toMatch(/<[!@#]/);
    }
  });
});
