import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandFields, eventFrom, type Harness, startHarness } from './harness.js';

// FAST_TUNING: 300 ms timeout, 2 retries (3 attempts), 2 waits for 429 of at most 2 s each.
// A post that timed out is sent again only when its thread shows it never landed.
describe('outbound calls under chaos: bounded attempts, one reply', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h?.close());

  const mention = async (id: string, ts: string): Promise<number> => {
    const started = Date.now();
    await h.sendJson(eventFrom('event-app-mention.json', id, { ts }));
    await h.mount.idle();
    return Date.now() - started;
  };
  const posts = (ts: string) =>
    h.fake.attempts('chat.postMessage').filter((c) => c.body.thread_ts === ts);
  const replies = (ts: string) =>
    h.fake.delivered('chat.postMessage').filter((c) => c.body.thread_ts === ts);

  it('waits out a 429 for its Retry-After, then replies once', async () => {
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 1 });
    const ms = await mention('EvChaos429', '1700400001.000001');
    expect(posts('1700400001.000001')).toHaveLength(2);
    expect(replies('1700400001.000001')).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once on a Retry-After longer than a chat reply may wait', async () => {
    h.fake.script('chat.postMessage', { status: 429, retryAfter: 120 });
    const ms = await mention('EvChaos429Long', '1700400002.000001');
    expect(posts('1700400002.000001')).toHaveLength(1);
    expect(replies('1700400002.000001')).toHaveLength(0);
    expect(ms).toBeLessThan(1_500);
    expect(h.logs.join('')).toContain('"errorCode":"SLACK_RATE_LIMITED"');
  });

  it('stops after a bounded number of 429s', async () => {
    h.fake.script(
      'chat.postMessage',
      ...Array.from({ length: 5 }, () => ({ status: 429, retryAfter: 0 })),
    );
    await mention('EvChaos429Many', '1700400003.000001');
    expect(posts('1700400003.000001')).toHaveLength(3);
    expect(replies('1700400003.000001')).toHaveLength(0);
  });

  it('retries a 500 and replies once', async () => {
    h.fake.script('chat.postMessage', { status: 500 });
    await mention('EvChaos500', '1700400004.000001');
    expect(posts('1700400004.000001')).toHaveLength(2);
    expect(replies('1700400004.000001')).toHaveLength(1);
  });

  it('gives up after three attempts when Slack keeps failing', async () => {
    h.fake.script('chat.postMessage', ...Array.from({ length: 10 }, () => ({ status: 500 })));
    await mention('EvChaos500Always', '1700400005.000001');
    expect(posts('1700400005.000001')).toHaveLength(3);
    expect(replies('1700400005.000001')).toHaveLength(0);
    expect(h.logs.join('')).toContain('"outcome":"failed"');
  });

  it('finds a post that timed out after Slack had posted it, and does not post again', async () => {
    h.fake.script('chat.postMessage', 'accepted-hang');
    await mention('EvChaosAcceptedHang', '1700400006.000001');
    expect(posts('1700400006.000001')).toHaveLength(1);
    expect(replies('1700400006.000001')).toHaveLength(1);
    // it looked in the thread for the post's marker
    const looks = h.fake.attempts('conversations.replies');
    expect(looks).toHaveLength(1);
    expect(looks[0]?.body).toMatchObject({ ts: '1700400006.000001', include_all_metadata: 'true' });
  });

  it('posts again after a timeout when the thread shows the post never landed: one reply', async () => {
    h.fake.script('chat.postMessage', 'hang');
    await mention('EvChaosHangOnce', '1700400014.000001');
    expect(posts('1700400014.000001')).toHaveLength(2);
    expect(replies('1700400014.000001')).toHaveLength(1);
    // both attempts carried the same marker, so a late copy could still be recognised
    const [first, second] = posts('1700400014.000001');
    expect(first?.body.metadata).toEqual(second?.body.metadata);
    expect(first?.body.metadata).toMatchObject({ event_type: 'aadsts_reply' });
  });

  it('does not post again when it cannot tell whether a post that timed out landed', async () => {
    h.fake.script('chat.postMessage', 'hang');
    // the read client's own retries (3 attempts) all fail: the thread cannot be read
    h.fake.script('conversations.replies', ...Array.from({ length: 3 }, () => ({ status: 403 })));
    await mention('EvChaosHangBlind', '1700400015.000001');
    expect(posts('1700400015.000001')).toHaveLength(1);
    expect(replies('1700400015.000001')).toHaveLength(0);
    expect(h.logs.join('')).toContain('"errorCode":"SLACK_TIMEOUT"');
  });

  it('gives up after a bounded number of posts that time out and never land', async () => {
    h.fake.script('chat.postMessage', 'hang', 'hang', 'hang', 'hang');
    const ms = await mention('EvChaosHangAlways', '1700400007.000001');
    expect(posts('1700400007.000001')).toHaveLength(3);
    expect(replies('1700400007.000001')).toHaveLength(0);
    expect(ms).toBeLessThan(4_000);
    expect(h.logs.join('')).toContain('"errorCode":"SLACK_TIMEOUT"');
  });

  it('retries a post whose connection dropped before Slack acted on it, and replies once', async () => {
    h.fake.script('chat.postMessage', 'reset');
    await mention('EvChaosReset', '1700400011.000001');
    expect(posts('1700400011.000001')).toHaveLength(2);
    expect(replies('1700400011.000001')).toHaveLength(1);
  });

  it('stops after a bounded number of dropped connections', async () => {
    h.fake.script('chat.postMessage', 'reset', 'reset', 'reset', 'reset');
    await mention('EvChaosResetAlways', '1700400012.000001');
    expect(posts('1700400012.000001')).toHaveLength(3);
    expect(replies('1700400012.000001')).toHaveLength(0);
    expect(h.logs.join('')).toContain('"errorCode":"SLACK_NETWORK_ERROR"');
  });

  it('still retries a read that timed out (users.info is safe to ask again)', async () => {
    h.fake.script('users.info', 'hang');
    await mention('EvChaosReadHang', '1700400013.000001');
    await h.fake.waitFor(() => h.fake.attempts('users.info').length >= 2);
    expect(replies('1700400013.000001')).toHaveLength(1);
  });

  it('answers in English when users.info fails or hangs', async () => {
    h.fake.script('users.info', 'hang', 'hang', 'hang');
    const ms = await mention('EvChaosLocale', '1700400008.000001');
    expect(replies('1700400008.000001')).toHaveLength(1);
    expect(ms).toBeLessThan(2_000);
  });

  it('still answers while auth.test fails, and learns the identity later', async () => {
    await h.close();
    // warm-up and the first request each use 3 attempts
    const failures = Array.from({ length: 6 }, () => ({ status: 500 }));
    h = await startHarness({ prepare: (fake) => fake.script('auth.test', ...failures) });
    await h.fake.waitFor(() => h.fake.attempts('auth.test').length >= 3);
    await mention('EvChaosAuth1', '1700400009.000001');
    expect(replies('1700400009.000001')).toHaveLength(1);
    expect(h.fake.attempts('auth.test')).toHaveLength(6);
    await mention('EvChaosAuth2', '1700400010.000001');
    expect(replies('1700400010.000001')).toHaveLength(1);
    expect(h.fake.delivered('auth.test')).toHaveLength(1);
  });

  describe('response_url', () => {
    const commandTo = async (hook: string): Promise<void> => {
      await h.sendForm(commandFields(h.fake, '53003', hook));
      await h.mount.idle();
    };
    const hookAttempts = (hook: string) =>
      h.fake.attempts('response_url').filter((c) => c.hook === hook);
    const hookDelivered = (hook: string) =>
      h.fake.delivered('response_url').filter((c) => c.hook === hook);

    it('honours 429 Retry-After', async () => {
      h.fake.script('response_url', { status: 429, retryAfter: 1 });
      const started = Date.now();
      await commandTo('r-429');
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(hookAttempts('r-429')).toHaveLength(2);
      expect(hookDelivered('r-429')).toHaveLength(1);
    });

    it('retries 500 a bounded number of times', async () => {
      h.fake.script(
        'response_url',
        { status: 500 },
        { status: 500 },
        { status: 500 },
        { status: 500 },
      );
      await commandTo('r-500');
      expect(hookAttempts('r-500')).toHaveLength(3);
      expect(hookDelivered('r-500')).toHaveLength(0);
    });

    it('does not retry a 404 (expired response_url)', async () => {
      h.fake.script('response_url', { status: 404 });
      await commandTo('r-404');
      expect(hookAttempts('r-404')).toHaveLength(1);
    });

    it('does not post again after a timeout when Slack had shown the answer: one answer', async () => {
      h.fake.script('response_url', 'accepted-hang');
      await commandTo('r-hang');
      expect(hookAttempts('r-hang')).toHaveLength(1);
      expect(hookDelivered('r-hang')).toHaveLength(1);
    });

    it('retries a dropped connection and answers once', async () => {
      h.fake.script('response_url', 'reset');
      await commandTo('r-reset');
      expect(hookAttempts('r-reset')).toHaveLength(2);
      expect(hookDelivered('r-reset')).toHaveLength(1);
    });
  });
});
