import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from './fake-slack.js';
import { commandFields, fixture, type Harness, startHarness, stringsIn } from './harness.js';

interface ButtonElement {
  type: string;
  action_id?: string;
  value?: string;
}

/** the share button inside a message's blocks, if any */
function shareButton(blocks: unknown): ButtonElement | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks as Array<{ type?: string; elements?: ButtonElement[] }>) {
    for (const element of block.elements ?? [])
      if (element.action_id === 'share_in_channel') return element;
  }
  return undefined;
}

/** blocks with the share button removed (and its actions block, when it held nothing else) */
function withoutShare(blocks: unknown): unknown[] {
  const out: unknown[] = [];
  for (const block of blocks as Array<{ elements?: ButtonElement[] }>) {
    if (!Array.isArray(block.elements)) {
      out.push(block);
      continue;
    }
    const elements = block.elements.filter((e) => e.action_id !== 'share_in_channel');
    if (elements.length > 0) out.push({ ...block, elements });
  }
  return out;
}

describe('slash command, message shortcut and share button over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { locales: { U0000ZH: 'zh-CN' } } });
  });
  afterAll(() => h?.close());

  const hookCalls = (hook: string): RecordedCall[] =>
    h.fake.delivered('response_url').filter((c) => c.hook === hook);
  const command = async (text: string, hook: string, extra: Record<string, string> = {}) => {
    const started = Date.now();
    const res = await h.sendForm({ ...commandFields(h.fake, text, hook), ...extra });
    const ackMs = Date.now() - started;
    await h.mount.idle();
    return { res, ackMs, calls: hookCalls(hook) };
  };

  it('acks /aadsts 53003 at once and answers ephemerally with a share button', async () => {
    const { res, ackMs, calls } = await command('53003', 'c-53003');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(ackMs).toBeLessThan(3_000);
    expect(calls).toHaveLength(1);
    const body = calls[0]!.body;
    expect(body.response_type).toBe('ephemeral');
    expect(String(body.text)).toContain('53003');
    const button = shareButton(body.blocks);
    expect(button?.type).toBe('button');
    expect(button?.value?.length ?? 0).toBeLessThanOrEqual(2000);
  });

  it('answers pasted error text, as Slack escapes it', async () => {
    const pasted =
      'AADSTS50076: Due to a configuration change &amp; policy, you must use MFA &lt;x&gt;';
    const { calls } = await command(pasted, 'c-paste');
    expect(String(calls[0]!.body.text)).toContain('50076');
  });

  it('answers /aadsts help with help and no share button', async () => {
    const { calls } = await command('help', 'c-help');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.response_type).toBe('ephemeral');
    expect(shareButton(calls[0]!.body.blocks)).toBeUndefined();
    expect(String(calls[0]!.body.text).length).toBeGreaterThan(0);
  });

  it('answers a bare /aadsts with usage: the same help, not "no code found"', async () => {
    const { calls } = await command('   ', 'c-bare');
    const help = hookCalls('c-help');
    expect(calls).toHaveLength(1);
    expect(shareButton(calls[0]!.body.blocks)).toBeUndefined();
    expect(calls[0]!.body.blocks).toEqual(help[0]!.body.blocks);
    // "hello" has no code either, but it is not a request for usage
    const { calls: noCode } = await command('hello', 'c-hello');
    expect(noCode[0]!.body.blocks).not.toEqual(help[0]!.body.blocks);
  });

  it('answers a zh user in Chinese', async () => {
    const { calls } = await command('53003', 'c-zh', { user_id: 'U0000ZH' });
    expect(stringsIn(calls[0]!.body).join(' ')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shares the same answer in the channel and removes the private copy', async () => {
    const { calls } = await command('53003', 'c-share');
    const privateAnswer = calls[0]!.body;
    const button = shareButton(privateAnswer.blocks)!;
    const action = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
      'block-actions-share.json',
    );
    const payload = {
      ...action,
      response_url: h.fake.responseUrl('a-share'),
      actions: [{ ...action.actions[0], value: button.value }],
    };
    const res = await h.sendInteraction(payload);
    expect(res.status).toBe(200);
    await h.mount.idle();
    const posts = hookCalls('a-share');
    expect(posts).toHaveLength(2);
    const shared = posts[0]!.body;
    expect(shared.response_type).toBe('in_channel');
    expect(shared.replace_original).toBe(false);
    expect(shared.text).toBe(privateAnswer.text);
    expect(shareButton(shared.blocks)).toBeUndefined();
    // the same blocks as the private answer, without the share button
    expect(shared.blocks).toEqual(withoutShare(privateAnswer.blocks));
    expect(posts[1]!.body.delete_original).toBe(true);
  });

  it('shares a zh answer in Chinese, with the sign-in IDs of the paste', async () => {
    const pasted =
      'AADSTS53003: Access has been blocked by Conditional Access policies.\nTrace ID: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\nCorrelation ID: 11111111-2222-3333-4444-555555555555';
    const { calls } = await command(pasted, 'c-zh-share', { user_id: 'U0000ZH' });
    const privateAnswer = calls[0]!.body;
    const action = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
      'block-actions-share.json',
    );
    await h.sendInteraction({
      ...action,
      user: { id: 'U0000ZH', username: 'li', name: 'li', team_id: 'T0000TEST' },
      container: {
        type: 'message',
        message_ts: '1700000888.000888',
        channel_id: 'C0000HELP',
        is_ephemeral: true,
      },
      response_url: h.fake.responseUrl('a-zh-share'),
      actions: [{ ...action.actions[0], value: shareButton(privateAnswer.blocks)!.value }],
    });
    await h.mount.idle();
    const shared = hookCalls('a-zh-share')[0]!.body;
    expect(stringsIn(shared).join(' ')).toMatch(/[\u4e00-\u9fff]/);
    expect(stringsIn(shared).join(' ')).toContain('11111111-2222-3333-4444-555555555555');
    expect(shared.blocks).toEqual(withoutShare(privateAnswer.blocks));
  });

  it('shares once when the button is clicked twice', async () => {
    const action = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
      'block-actions-share.json',
    );
    const payload = {
      ...action,
      container: {
        type: 'message',
        message_ts: '1700000777.000777',
        channel_id: 'C0000HELP',
        is_ephemeral: true,
      },
      response_url: h.fake.responseUrl('a-twice'),
    };
    await Promise.all([h.sendInteraction(payload), h.sendInteraction(payload)]);
    await h.mount.idle();
    expect(hookCalls('a-twice').filter((c) => c.body.response_type === 'in_channel')).toHaveLength(
      1,
    );
  });

  it('ignores a share button whose value is not ours', async () => {
    const action = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
      'block-actions-share.json',
    );
    for (const value of [
      'not json',
      '{"v":1,"l":"en","c":[]}',
      '{"v":2,"l":"en","c":[53003]}',
      'x'.repeat(2100),
    ]) {
      const payload = {
        ...action,
        response_url: h.fake.responseUrl('a-bad'),
        actions: [{ ...action.actions[0], value }],
      };
      expect((await h.sendInteraction(payload)).status).toBe(200);
    }
    await h.mount.idle();
    expect(h.fake.attempts('response_url').filter((c) => c.hook === 'a-bad')).toHaveLength(0);
  });

  it('acks a click on the "look up on Microsoft" link button at once, posting nothing', async () => {
    const action = fixture<Record<string, unknown> & { actions: Array<Record<string, unknown>> }>(
      'block-actions-share.json',
    );
    const before = h.fake.calls.length;
    const started = Date.now();
    const res = await h.sendInteraction({
      ...action,
      response_url: h.fake.responseUrl('a-lookup'),
      actions: [
        {
          action_id: 'lookup_on_microsoft',
          block_id: 'actions',
          type: 'button',
          text: { type: 'plain_text', text: 'Look up on Microsoft' },
          url: 'https://login.microsoftonline.com/error?code=53003',
          action_ts: '1700000601.000701',
        },
      ],
    });
    // unacknowledged interactions get an error status only after Bolt's 3 s wait
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    await h.mount.idle();
    expect(h.fake.calls.length).toBe(before);
  });

  it('explains a message through the explain_error shortcut, ephemerally', async () => {
    const shortcut = {
      ...fixture('shortcut-explain-error.json'),
      response_url: h.fake.responseUrl('s-explain'),
    };
    const res = await h.sendInteraction(shortcut);
    expect(res.status).toBe(200);
    await h.mount.idle();
    const calls = hookCalls('s-explain');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.response_type).toBe('ephemeral');
    expect(String(calls[0]!.body.text)).toContain('53003');
    expect(shareButton(calls[0]!.body.blocks)).toBeDefined();
    // nothing is posted in the channel by the shortcut itself
    expect(h.fake.attempts('chat.postMessage')).toHaveLength(0);
  });

  it('answers the shortcut on a message without a code with help', async () => {
    const base = fixture<Record<string, unknown> & { message: Record<string, unknown> }>(
      'shortcut-explain-error.json',
    );
    const shortcut = {
      ...base,
      message: { ...base.message, text: 'lunch at noon?' },
      response_url: h.fake.responseUrl('s-nocode'),
    };
    await h.sendInteraction(shortcut);
    await h.mount.idle();
    expect(hookCalls('s-nocode')).toHaveLength(1);
    expect(shareButton(hookCalls('s-nocode')[0]!.body.blocks)).toBeUndefined();
  });

  it('keeps the pasted text and sign-in IDs out of the logs', () => {
    const all = h.logs.join('');
    expect(all).toContain('"event":"slack.command"');
    expect(all).toContain('"event":"slack.shortcut"');
    expect(all).toContain('"event":"slack.share"');
    expect(all).not.toContain('Outlook');
    expect(all).not.toContain('0b1c2d3e-4f50');
    expect(all).not.toContain('hooks.slack.com');
  });
});
