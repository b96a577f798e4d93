import { describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/reply.js';
import { LOCALES } from '../../src/core/reply.js';
import {
  type AdaptiveCard,
  toAdaptiveCard,
  toCardPreview,
} from '../../src/render/adaptive-card.js';
import {
  explainReply,
  fixtureCatalog,
  knownCode,
  schemaErrors,
  sdkIssues,
  strings,
  testCatalog,
  unknownCode,
} from './helpers.js';

const MAX_BYTES = 80 * 1024;

/** the checks every card must pass */
function expectValidCard(card: AdaptiveCard): void {
  const json = JSON.stringify(card);
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(sdkIssues(card)).toEqual([]);
  expect(schemaErrors(card)).toEqual([]);
  expect(Buffer.byteLength(json)).toBeLessThan(MAX_BYTES);
  expect(json).not.toContain('${');
  expect(json).not.toMatch(/"(entities|mention|msteams)"/);
  for (const { key, value } of strings(card)) {
    if (key === 'text' || key === 'value' || key === 'title') expect(value.trim()).not.toBe('');
  }
}

const { data, real } = testCatalog();
const entries = Object.values(data.codes);

describe(`explanation card for every ${real ? 'catalog' : 'fixture'} code`, () => {
  it('has codes to loop over', () => {
    expect(entries.length).toBeGreaterThan(0);
  });
  for (const locale of LOCALES) {
    it(`renders ${entries.length} codes in ${locale}: SDK-clean, schema-valid, < 80 KB`, () => {
      for (const entry of entries) {
        const code = knownCode(entry, locale);
        const card = toAdaptiveCard(explainReply([code], locale));
        try {
          expectValidCard(card);
        } catch (error: unknown) {
          throw new Error(`AADSTS${entry.code} (${locale}): ${String(error)}`);
        }
        const json = JSON.stringify(card);
        expect(json).toContain(`"AADSTS${entry.code}"`);
      }
    });
  }
});

describe('card content', () => {
  const fixture = fixtureCatalog();
  const mfa = fixture.codes['50076']!;
  const ca = fixture.codes['53003']!;
  const secret = fixture.codes['7000215']!;

  it('shows code, name, severity, contacts, numbered steps, ids and both actions', () => {
    const card = toAdaptiveCard(explainReply([knownCode(ca, 'en')], 'en'));
    const json = JSON.stringify(card);
    for (const text of ['AADSTS53003', 'BlockedByConditionalAccess', 'Error', 'Tenant admin']) {
      expect(json).toContain(text);
    }
    expect(json).toContain('"1."');
    expect(json).toContain('"3."');
    expect(json).toContain('"FactSet"');
    expect(json).toContain('4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11');
    expect(json).toContain('Security');
    const actions = card.actions as { type: string; title: string; url?: string; card?: unknown }[];
    expect(actions.map((a) => a.title)).toEqual(['Look up on Microsoft', 'Details for a ticket']);
    // the official description sits in a hidden section that a toggle opens
    expect(json).toContain('"Action.ToggleVisibility"');
    expect(json).toContain('"id":"description","isVisible":false');
    expect(json).toContain(ca.description.slice(0, 40));
    expect(actions[0]?.url).toBe('https://login.microsoftonline.com/error?code=53003');
    const ticket = JSON.stringify(actions[1]?.card);
    expect(ticket).toContain('Error code: AADSTS53003');
    expect(ticket).toContain('Correlation ID: 4b3c9a51');
    expect(ticket).toContain('Timestamp: 2026-11-23 09:12:44Z');
  });

  it('binds the code as a string, never as a number', () => {
    const card = toAdaptiveCard(explainReply([knownCode(mfa, 'en')], 'en'));
    for (const { key, value } of strings(card))
      if (key === 'text') expect(typeof value).toBe('string');
    expect(JSON.stringify(card)).not.toMatch(/"text":\s*\d/);
  });

  it('uses the zh-CN labels and notes a project translation', () => {
    const card = toAdaptiveCard(explainReply([knownCode(mfa, 'zh-CN')], 'zh-CN'));
    const json = JSON.stringify(card);
    expect(json).toContain('由谁处理');
    expect(json).toContain('警告');
    expect(json).toContain('由本项目翻译');
  });

  it("puts the organization's own contact next to the role, as plain text", () => {
    const reply = explainReply([knownCode(ca, 'en')], 'en', {
      orgContacts: { 'tenant-admin': { name: 'Identity team', channel: '#identity-oncall' } },
    });
    const json = JSON.stringify(toAdaptiveCard(reply));
    expect(json).toContain('Identity team · #identity-oncall');
  });

  it('warns about pasted secrets and notes truncation', () => {
    const reply = explainReply([knownCode(secret, 'en')], 'en', {
      secrets: ['jwt', 'client-secret'],
      truncated: true,
    });
    const card = toAdaptiveCard(reply);
    const json = JSON.stringify(card);
    expect(json).toContain('A token was pasted');
    expect(json).toContain('Rotate it now');
    expect(json).toContain('only its beginning was read');
    expectValidCard(card);
  });

  it('says so when there are no ids', () => {
    const json = JSON.stringify(
      toAdaptiveCard(explainReply([knownCode(mfa, 'en')], 'en', { context: {} })),
    );
    expect(json).not.toContain('"FactSet"');
    expect(json).toContain('No correlation or request ID');
  });

  it('lists several codes compactly with the first ones expanded and "+k more"', () => {
    const codes = [
      knownCode(ca, 'en'),
      knownCode(mfa, 'en'),
      unknownCode(12345),
      knownCode(secret, 'en'),
      unknownCode(99999),
      unknownCode(88888),
      unknownCode(77777),
    ];
    const card = toAdaptiveCard(explainReply(codes, 'en'));
    expectValidCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('Sign-in errors found (7)');
    expect(json).toContain('+2 more');
    expect(JSON.stringify(card.body)).not.toContain('AADSTS88888');
    // the ticket text still names every code
    expect(JSON.stringify(card.actions)).toContain('AADSTS88888');
    // most severe first: the critical and the error code are expanded, the warning is a compact row
    const body = JSON.stringify(card.body);
    expect(body.indexOf('AADSTS7000215')).toBeLessThan(body.indexOf('AADSTS53003'));
    expect(body.indexOf('AADSTS53003')).toBeLessThan(body.indexOf('AADSTS50076'));
    expect(json).toContain(secret.summary);
    expect(json).toContain(ca.nextSteps[0]!);
    expect(json).not.toContain(mfa.summary);
  });

  it('explains an unknown code with the lookup link and "did you mean"', () => {
    for (const locale of ['en', 'zh-CN'] as Locale[]) {
      const card = toAdaptiveCard(
        explainReply([unknownCode(53004, knownCode(ca, locale))], locale),
      );
      expectValidCard(card);
      const json = JSON.stringify(card);
      expect(json).toContain('AADSTS53004');
      expect(json).toContain('AADSTS53003');
      expect(json).toContain('https://login.microsoftonline.com/error?code=53004');
    }
    const plain = JSON.stringify(toAdaptiveCard(explainReply([unknownCode(11111)], 'en')));
    expect(plain).not.toContain('Did you mean');
  });

  it('renders help, no-code and welcome cards in both languages', () => {
    for (const locale of LOCALES) {
      for (const reason of ['asked', 'no-code', 'welcome'] as const) {
        const card = toAdaptiveCard({ kind: 'help', locale, reason });
        expectValidCard(card);
        expect(JSON.stringify(card)).toContain('AADSTS50076');
      }
    }
    expect(
      JSON.stringify(toAdaptiveCard({ kind: 'help', locale: 'en', reason: 'no-code' })),
    ).toContain('I found no AADSTS code');
  });

  it('gives a short preview for message-extension results', () => {
    expect(toCardPreview(explainReply([knownCode(ca, 'en')], 'en'))).toEqual({
      title: 'AADSTS53003 BlockedByConditionalAccess',
      text: `Error · ${ca.summary}`,
    });
    expect(toCardPreview(explainReply([unknownCode(12345), knownCode(ca, 'en')], 'en')).title).toBe(
      'AADSTS12345 (+1)',
    );
    expect(toCardPreview({ kind: 'help', locale: 'zh-CN', reason: 'asked' }).title).toBe(
      'AADSTS 错误解释器',
    );
  });
});

describe('the card checks themselves', () => {
  it('reject a numeric TextBlock text and an unknown element', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 50076 },
        { type: 'Marquee', text: 'x' },
      ],
    };
    expect(schemaErrors(bad).length).toBeGreaterThan(0);
    expect(sdkIssues(bad).join('\n')).toContain('Marquee');
  });
});
