import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../src/core/handle.js';
import type { Reply } from '../../src/core/reply.js';
import { type RenderableReply, toPlainText } from '../../src/render/plain-text.js';
import { fixtureCatalog } from '../core/helpers.js';
import { ANSI } from './fake-io.js';

const catalog = fixtureCatalog();

function render(text: string, locale?: string, color = false): string {
  const reply: Reply = handleMessage({ text, surface: 'direct', locale }, { catalog });
  if (reply.kind === 'none') throw new Error('no reply');
  return toPlainText(reply, { color });
}

describe('toPlainText', () => {
  it('shows title, severity, meaning, who acts, steps, security and the lookup link', () => {
    const out = render('AADSTS50126 Correlation ID: 11111111-2222-4333-8444-555555555555');
    expect(out).toContain('AADSTS50126  InvalidUserNameOrPassword  [Warning]');
    expect(out).toContain('The user name or password was wrong.');
    expect(out).toContain('What it means\n  Error validating credentials');
    expect(out).toContain('Who has to act\n  • User');
    expect(out).toContain('Next steps\n  1. Check the user name and retype the password.\n  2. ');
    expect(out).toContain('Security\n  A burst of 50126');
    expect(out).toContain(
      'Look up on Microsoft: https://login.microsoftonline.com/error?code=50126',
    );
    expect(out).toContain(
      'Sign-in details\n  Correlation ID: 11111111-2222-4333-8444-555555555555',
    );
    expect(out.endsWith('\n')).toBe(true);
    expect(out).not.toMatch(ANSI);
  });

  it('adds colour only when asked', () => {
    expect(render('AADSTS50126', undefined, true)).toMatch(ANSI);
  });

  it('shows unknown codes with the suggestion', () => {
    const out = render('AADSTS53004');
    expect(out).toContain('AADSTS53004  [Unknown code]');
    expect(out).toContain(
      'Did you mean: AADSTS53003 BlockedByConditionalAccess — A Conditional Access policy',
    );
  });

  it('warns about pasted secrets without echoing them, and about truncation', () => {
    const secret = 'abc8Q~aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456';
    const out = render(`AADSTS7000215 ${secret} ${'x'.repeat(70_000)}`);
    expect(out).toContain('A client secret was pasted');
    expect(out).not.toContain(secret);
    expect(out).toContain('only its beginning was read');
  });

  it('names the organization contact next to the role', () => {
    const reply = handleMessage(
      { text: 'AADSTS53003', surface: 'direct' },
      { catalog, orgContacts: { 'tenant-admin': { name: 'Identity team', channel: '#identity' } } },
    ) as RenderableReply;
    expect(toPlainText(reply)).toContain('• Tenant admin — here: Identity team, #identity');
  });

  it('renders Chinese replies and notes project translations', () => {
    const out = render('AADSTS50058', 'zh-CN');
    expect(out).toContain('[提示]');
    expect(out).toContain('由本项目翻译。');
  });

  it('marks a code recognised from its message text', () => {
    const out = render(
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    );
    expect(out).toContain('(recognised from the message text)');
  });

  it('renders help, with the no-code line when nothing was found', () => {
    const asked = toPlainText({ kind: 'help', locale: 'en', reason: 'asked' });
    expect(asked).toMatch(/^AADSTS error explainer\n/);
    const noCode = toPlainText({ kind: 'help', locale: 'en', reason: 'no-code' });
    expect(noCode).toMatch(/^I found no AADSTS code in that message\.\n/);
    expect(toPlainText({ kind: 'help', locale: 'zh-CN', reason: 'welcome' })).toContain('你好');
  });
});
