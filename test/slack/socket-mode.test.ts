import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSocket, startFakeSocket } from './fake-socket.js';
import { commandFields, eventFrom, fixture, type Harness, startHarness } from './harness.js';

const APP_TOKEN = 'xapp-1-A0000TEST-1111-test';

// Socket Mode (SLACK_APP_TOKEN): the same handlers, reached over an outbound WebSocket
describe('Socket Mode for development', () => {
  let socket: FakeSocket;
  let h: Harness;
  beforeAll(async () => {
    socket = await startFakeSocket();
    h = await startHarness({ fake: { appToken: APP_TOKEN, socketUrl: socket.url } });
    await h.fake.waitFor(() => h.mount.socketMode() === 'connected');
  });
  afterAll(async () => {
    await h.close();
    await socket.close();
  });

  it('connects with the app token when SLACK_APP_TOKEN is set', () => {
    expect(h.mount.socketMode()).toBe('connected');
    expect(socket.connections()).toBe(1);
    expect(h.fake.delivered('apps.connections.open')).toHaveLength(1);
  });

  it('acks an event envelope and answers it in the thread', async () => {
    const body = eventFrom('event-app-mention.json', 'EvSocket1', { ts: '1700600001.000001' });
    const envelope = socket.send('events_api', body);
    await socket.waitFor(() => socket.acks.some((a) => a.envelope_id === envelope));
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700600001.000001');
    expect(replies).toHaveLength(1);
  });

  it('answers a retried envelope once', async () => {
    const body = eventFrom('event-message-channel.json', 'EvSocket2', { ts: '1700600002.000001' });
    socket.send('events_api', body);
    socket.send('events_api', body, 1);
    await socket.waitFor(() => socket.acks.length >= 3);
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700600002.000001');
    expect(replies).toHaveLength(1);
  });

  it('does not answer the same message twice when it also arrives over HTTP', async () => {
    const body = eventFrom('event-message-channel.json', 'EvSocket3', { ts: '1700600003.000001' });
    socket.send('events_api', body);
    await h.sendJson(body);
    await socket.waitFor(() => socket.acks.length >= 4);
    await h.mount.idle();
    const replies = h.fake
      .delivered('chat.postMessage')
      .filter((c) => c.body.thread_ts === '1700600003.000001');
    expect(replies).toHaveLength(1);
  });

  it('handles /aadsts and the shortcut through response_url', async () => {
    const command = commandFields(h.fake, '53003', 'sock-cmd');
    const commandEnvelope = socket.send('slash_commands', command);
    const shortcut = {
      ...fixture('shortcut-explain-error.json'),
      response_url: h.fake.responseUrl('sock-sc'),
    };
    const shortcutEnvelope = socket.send('interactive', shortcut);
    await socket.waitFor(() =>
      [commandEnvelope, shortcutEnvelope].every((id) =>
        socket.acks.some((a) => a.envelope_id === id),
      ),
    );
    await h.mount.idle();
    await h.fake.waitFor(() => h.fake.delivered('response_url').length >= 2);
    const hooks = h.fake.delivered('response_url').map((c) => c.hook);
    expect(hooks).toContain('sock-cmd');
    expect(hooks).toContain('sock-sc');
  });
});

describe('Socket Mode that cannot connect', () => {
  it('reports a rejected app token and keeps HTTP working', async () => {
    const h = await startHarness({
      appToken: 'xapp-wrong',
      fake: { appToken: APP_TOKEN, socketUrl: 'ws://127.0.0.1:9/' },
    });
    try {
      await h.fake.waitFor(() => h.mount.socketMode() === 'failed');
      expect(h.logs.join('')).toContain('"event":"slack.socket"');
      expect(h.logs.join('')).not.toContain('xapp-');
      const res = await h.sendJson(fixture('url-verification.json'));
      expect(res.status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('does not hold up startup or shutdown when the socket is unreachable', async () => {
    const started = Date.now();
    // the token is accepted but nothing listens at the WebSocket URL
    const h = await startHarness({ fake: { appToken: APP_TOKEN, socketUrl: 'ws://127.0.0.1:9/' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.mount.socketMode()).toBe('connecting');
    const res = await h.sendJson(fixture('url-verification.json'));
    expect(res.status).toBe(200);
    const stopping = Date.now();
    await h.close();
    expect(Date.now() - stopping).toBeLessThan(5_000);
  });
});
