import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/catalog/load.js';
import { handleMessage } from '../../src/core/handle.js';
import type { InboundMessage, KnownCode, Reply, UnknownCode } from '../../src/core/reply.js';
import { fixtureCatalog } from './helpers.js';

const catalog = fixtureCatalog();
const ask = (text: string, more: Partial<InboundMessage> = {}): Reply =>
  handleMessage({ text, surface: 'direct', ...more }, { catalog });

function explained(reply: Reply): Extract<Reply, { kind: 'explain' }> {
  if (reply.kind !== 'explain') throw new Error(`expected an explanation, got ${reply.kind}`);
  return reply;
}

describe('handleMessage intents', () => {
  it.each(['help', 'HELP', ' help! ', '/help', '?', '帮助', 'aadsts'])(
    '"%s" asks for help',
    (text) => {
      expect(ask(text)).toEqual({ kind: 'help', locale: 'en', reason: 'asked' });
    },
  );

  it('understands "aadsts 53003", a bare "53003" and a pasted error', () => {
    for (const text of [
      'aadsts 53003',
      '53003',
      'AADSTS53003: Access has been blocked by Conditional Access policies.',
    ]) {
      expect(explained(ask(text)).codes.map((c) => c.code)).toEqual([53003]);
    }
  });

  it('helps when addressed with nothing to explain', () => {
    for (const surface of ['direct', 'mention', 'command', 'message-action'] as const) {
      expect(ask('my laptop is broken', { surface })).toEqual({
        kind: 'help',
        locale: 'en',
        reason: 'no-code',
      });
    }
  });

  it('stays silent on a passive channel message without a code, even "help"', () => {
    expect(ask('lunch at 12:30?', { surface: 'passive' })).toEqual({ kind: 'none' });
    expect(ask('help', { surface: 'passive' })).toEqual({ kind: 'none' });
  });

  it('answers a passive channel message that has a code', () => {
    expect(explained(ask('we got AADSTS50126 again', { surface: 'passive' })).codes).toHaveLength(
      1,
    );
  });

  it('does not treat a lone unknown number in a channel as a code', () => {
    expect(ask('12345', { surface: 'passive' })).toEqual({ kind: 'none' });
    expect(explained(ask('12345')).codes[0]).toMatchObject({ known: false, code: 12345 });
  });
});

describe('handleMessage replies', () => {
  it('resolves known codes from the catalog', () => {
    const code = explained(ask('AADSTS53003')).codes[0] as KnownCode;
    expect(code).toMatchObject({
      known: true,
      code: 53003,
      match: 'code',
      name: 'BlockedByConditionalAccess',
      severity: 'error',
      contacts: ['tenant-admin'],
      lookupUrl: 'https://login.microsoftonline.com/error?code=53003',
      translation: 'none',
    });
    expect(code.nextSteps.length).toBeGreaterThan(0);
  });

  it('explains unknown-only codes with a lookup link and a "did you mean"', () => {
    const reply = explained(ask('AADSTS53004'));
    const code = reply.codes[0] as UnknownCode;
    expect(code).toEqual({
      known: false,
      code: 53004,
      match: 'code',
      lookupUrl: 'https://login.microsoftonline.com/error?code=53004',
      didYouMean: {
        code: 53003,
        name: 'BlockedByConditionalAccess',
        summary: 'A Conditional Access policy blocked this sign-in.',
      },
    });
  });

  it('gives no "did you mean" when no single code is one digit away', () => {
    expect((explained(ask('AADSTS99999')).codes[0] as UnknownCode).didYouMean).toBeUndefined();
  });

  it('marks codes found through their message text', () => {
    const reply = explained(
      ask(
        'failureReason: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      ),
    );
    expect(reply.codes[0]).toMatchObject({ code: 53003, match: 'text' });
  });

  it('carries context, truncation, secrets and the organization contacts', () => {
    const reply = handleMessage(
      {
        text: `AADSTS7000215 Correlation ID: 11111111-2222-4333-8444-555555555555 secret abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456 ${'x'.repeat(70_000)}`,
        surface: 'mention',
      },
      { catalog, orgContacts: { 'app-owner': { name: 'Identity team', channel: '#identity' } } },
    );
    const r = explained(reply);
    expect(r.context).toEqual({ correlationId: '11111111-2222-4333-8444-555555555555' });
    expect(r.truncated).toBe(true);
    expect(r.secrets).toEqual(['client-secret']);
    expect(r.orgContacts).toEqual({ 'app-owner': { name: 'Identity team', channel: '#identity' } });
  });

  it('reads Slack and Teams encodings', () => {
    expect(explained(ask('&lt;AADSTS50058&gt;', { encoding: 'slack' })).codes[0]?.code).toBe(50058);
    expect(
      explained(ask('<p>help me: AADSTS50058</p>', { encoding: 'teams-html' })).codes[0]?.code,
    ).toBe(50058);
    expect(ask('<p>help</p>', { encoding: 'teams-html' })).toMatchObject({
      kind: 'help',
      reason: 'asked',
    });
  });
});

describe('localization', () => {
  it('answers zh-CN for zh, zh-CN, zh-Hans and zh-SG platform locales', () => {
    for (const locale of ['zh', 'zh-CN', 'zh-Hans', 'zh-SG', 'ZH-cn']) {
      expect(explained(ask('AADSTS50126', { locale })).locale).toBe('zh-CN');
    }
    expect(explained(ask('AADSTS50126', { locale: 'fr-FR' })).locale).toBe('en');
    expect(ask('help', { locale: 'zh-CN' })).toMatchObject({ kind: 'help', locale: 'zh-CN' });
  });

  it('uses the Chinese fields and says which translation they are', () => {
    const code = explained(ask('AADSTS50126', { locale: 'zh-CN' })).codes[0] as KnownCode;
    expect(code.summary).toBe('用户名或密码错误。');
    expect(code.description).toBe('用户名或密码无效，或者本地用户名或密码无效。');
    expect(code.translation).toBe('official');
  });

  it('falls back to English field by field', () => {
    // 50058 has a project translation without a Chinese description
    const code = explained(ask('AADSTS50058', { locale: 'zh-CN' })).codes[0] as KnownCode;
    expect(code.summary).toBe('静默登录未找到可用会话；用户需要交互式登录。');
    expect(code.description).toMatch(/^Session information/);
    expect(code.translation).toBe('project');
    // 50126 has an English security note and no Chinese one
    const sec = explained(ask('AADSTS50126', { locale: 'zh-CN' })).codes[0] as KnownCode;
    expect(sec.security).toMatch(/password spraying/);
  });

  it('localizes the "did you mean" summary', () => {
    const code = explained(ask('AADSTS53004', { locale: 'zh-CN' })).codes[0] as UnknownCode;
    expect(code.didYouMean?.summary).toBe('条件访问策略阻止了此次登录。');
  });
});

describe('robustness', () => {
  it('never throws, even with a broken catalog', () => {
    const broken = {
      get: () => {
        throw new Error('boom');
      },
      size: 1,
      codes: () => [1],
      nearest: () => undefined,
      oauthError: () => undefined,
    } as unknown as Catalog;
    expect(handleMessage({ text: 'AADSTS53003', surface: 'passive' }, { catalog: broken })).toEqual(
      { kind: 'none' },
    );
    expect(
      handleMessage({ text: 'AADSTS53003', surface: 'direct' }, { catalog: broken }),
    ).toMatchObject({
      kind: 'help',
    });
    expect(ask(null as unknown as string)).toMatchObject({ kind: 'help', reason: 'no-code' });
  });
});
