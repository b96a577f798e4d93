import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/reply.js';
import type { RenderableReply } from '../../src/render/adaptive-card.js';
import { SHARE_ACTION_ID, type SlackMessage, toBlockKit } from '../../src/render/block-kit.js';
import {
  codeSpan,
  escapeSlack,
  escapeWithin,
  LIMITS,
  plainWithin,
} from '../../src/render/slack-text.js';
import { explainReply, fixtureCatalog, knownCode, testCatalog, unknownCode } from './helpers.js';

type Block = Record<string, unknown> & { type: string };
type TextObj = { type: string; text: string };

/** asserts every documented Block Kit limit on a message */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.trim()).not.toBe('');
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(JSON.stringify(message).length).toBeLessThan(LIMITS.message);
  expect(LIMITS.message).toBeLessThan(12_000);
  for (const raw of message.blocks) {
    const block = raw as Block;
    if (block.type === 'header') {
      const text = block.text as TextObj;
      expect(text.type).toBe('plain_text');
      expect(text.text.length).toBeLessThanOrEqual(LIMITS.header);
    }
    if (block.type === 'section') {
      expect((block.text as TextObj).text.length).toBeLessThanOrEqual(LIMITS.text);
      const fields = (block.fields ?? []) as TextObj[];
      expect(fields.length).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (block.type === 'context') {
      const elements = block.elements as TextObj[];
      expect(elements.length).toBeGreaterThan(0);
      expect(elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const e of elements) expect(e.text.length).toBeLessThanOrEqual(LIMITS.text);
    }
    if (block.type === 'actions') {
      const elements = block.elements as { text: TextObj; value?: string; url?: string }[];
      expect(elements.length).toBeLessThanOrEqual(LIMITS.actionElements);
      for (const e of elements) {
        expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        if (e.value !== undefined) expect(e.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
    }
  }
}

const fixture = fixtureCatalog();
const ca = fixture.codes['53003']!;

describe('escaping', () => {
  it('escapes & < > once and nothing else', () => {
    expect(escapeSlack('a & b <!channel> c > d "e"')).toBe(
      'a &amp; b &lt;!channel&gt; c &gt; d "e"',
    );
    expect(escapeSlack('&amp;')).toBe('&amp;amp;');
  });
  it('keeps text of exactly the limit and cuts one past it, never splitting an entity', () => {
    expect(escapeWithin('a'.repeat(10), 10)).toBe('a'.repeat(10));
    expect(escapeWithin('a'.repeat(11), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(escapeWithin(`${'a'.repeat(7)}&`, 12)).toBe(`${'a'.repeat(7)}&amp;`);
    expect(escapeWithin(`${'a'.repeat(7)}&`, 11)).toBe(`${'a'.repeat(7)}…`);
  });
  it('puts fragments in code spans that cannot be closed early', () => {
    expect(codeSpan('x`<@U1>`y', 100)).toBe('`xˋ&lt;@U1&gt;ˋy`');
  });
  it('cuts plain text at the header limit', () => {
    expect(plainWithin('h'.repeat(150), LIMITS.header)).toHaveLength(150);
    expect(plainWithin('h'.repeat(151), LIMITS.header)).toBe(`${'h'.repeat(149)}…`);
  });
});

describe('messages', () => {
  it('has a header, sections with fields, context and the lookup button', () => {
    const message = toBlockKit(explainReply([knownCode(ca, 'en')], 'en'));
    const types = message.blocks.map((b) => (b as Block).type);
    expect(types[0]).toBe('header');
    expect(types).toContain('context');
    expect(types.at(-1)).toBe('actions');
    const section = message.blocks.find((b) => (b as Block).fields !== undefined) as Block;
    expect(JSON.stringify(section.fields)).toContain('Tenant admin');
    const json = JSON.stringify(message);
    expect(json).toContain('https://login.microsoftonline.com/error?code=53003');
    expect(json).toContain('`4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11`');
    expect(message.text).toContain('AADSTS53003');
    expectWithinLimits(message);
  });

  it('adds the share button with its value up to exactly 2000 characters, and drops it past that', () => {
    const reply = explainReply([knownCode(ca, 'en')], 'en');
    const at = JSON.stringify(toBlockKit(reply, { share: { value: 'v'.repeat(2000) } }));
    expect(at).toContain(`"action_id":"${SHARE_ACTION_ID}"`);
    const over = JSON.stringify(toBlockKit(reply, { share: { value: 'v'.repeat(2001) } }));
    expect(over).not.toContain(SHARE_ACTION_ID);
    expect(JSON.stringify(toBlockKit(reply))).not.toContain(SHARE_ACTION_ID);
  });

  it('cuts a 150+ character header and huge catalog texts to the limits', () => {
    const base = knownCode(ca, 'en');
    const huge = {
      ...base,
      name: 'N'.repeat(400),
      summary: 's & '.repeat(5000),
      description: '<d>'.repeat(10_000),
      nextSteps: Array.from({ length: 5 }, () => 'step '.repeat(2000)),
      security: '!'.repeat(50_000),
    };
    const message = toBlockKit(
      explainReply([huge], 'en', {
        orgContacts: { 'tenant-admin': { name: 'o'.repeat(5000) } },
        context: { correlationId: 'c'.repeat(10_000), requestId: `a${'\n'.repeat(5000)}b` },
      }),
    );
    const header = (message.blocks[0] as Block).text as TextObj;
    expect(header.text).toHaveLength(LIMITS.header);
    expect(header.text.endsWith('…')).toBe(true);
    expectWithinLimits(message);
  });

  it('lists 200 codes within 50 blocks, with "+k more"', () => {
    const codes = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? knownCode(ca, 'en') : unknownCode(10_000 + i),
    );
    const message = toBlockKit(explainReply(codes, 'en', { secrets: ['jwt', 'client-secret'] }));
    expectWithinLimits(message);
    expect(JSON.stringify(message)).toContain('+195 more');
    expect(JSON.stringify(message)).toContain('A token was pasted');
  });

  it('renders unknown codes with "did you mean" and the help kinds', () => {
    const unknown = toBlockKit(explainReply([unknownCode(53004, knownCode(ca, 'en'))], 'en'));
    expect(JSON.stringify(unknown)).toContain('Did you mean');
    expectWithinLimits(unknown);
    for (const locale of LOCALES) {
      for (const reason of ['asked', 'no-code', 'welcome'] as const) {
        const reply: RenderableReply = { kind: 'help', locale, reason };
        expectWithinLimits(toBlockKit(reply));
      }
    }
  });

  const { data } = testCatalog();
  for (const locale of LOCALES) {
    it(`keeps every catalog code within the limits in ${locale}`, () => {
      for (const entry of Object.values(data.codes)) {
        const reply = explainReply([knownCode(entry, locale)], locale, {
          secrets: ['jwt'],
          truncated: true,
        });
        expectWithinLimits(toBlockKit(reply, { share: { value: 'x'.repeat(2000) } }));
      }
    });
  }
});
