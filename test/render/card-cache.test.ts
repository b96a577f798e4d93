/**
 * The card cache (src/render/template-cache.ts, split-template.ts): whatever the reply, the cached
 * card is byte for byte the card the whole template gives, cache hit or miss; what is kept never
 * holds pasted text; the cache stays bounded.
 */
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAdaptiveCard, toAdaptiveCardUncached } from '../../src/render/adaptive-card.js';
import { cacheKeyOf } from '../../src/render/cache-key.js';
import { PASTED_TEXT_FIELDS, pasteData } from '../../src/render/card-model.js';
import { splitTemplate } from '../../src/render/split-template.js';
import {
  cachedContent,
  cachedExpansions,
  EXPANSION_CACHE_SIZE,
  expandCached,
} from '../../src/render/template-cache.js';
import { knownCode, unknownCode } from './helpers.js';
import { type Explain, entries, explainArbitraries } from './reply-arbitraries.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 150);

// pieces of hostile text: Markdown, links, mentions, template syntax, controls
const PIECE = fc.constantFrom(
  '[x](https://evil.example)',
  'www.evil.example',
  '<at>IT</at>',
  '<!channel>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is part of the attack
  '${$root.h.security}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is part of the attack
  '${facts}',
  '**b**',
  '_i_',
  '# ',
  '1. ',
  '\n',
  '\u202e',
  'a@b.example',
  '5b1c0a7e-2d3f-4a5b-8c9d-0e1f2a3b4c5d',
  '2026-11-20T08:14:07Z',
  ' ',
  '',
);
const text = fc.oneof(
  fc.array(PIECE, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 60 }),
  fc.uuid(),
);
const { locale, paste, orgContacts, codes } = explainArbitraries(text);

const same = (reply: Explain): void => {
  expect(JSON.stringify(toAdaptiveCard(reply))).toBe(JSON.stringify(toAdaptiveCardUncached(reply)));
};

describe('cached explain cards', () => {
  it('are byte for byte the whole-template card, on a miss and on every hit', () => {
    fc.assert(
      fc.property(
        codes,
        locale,
        // two sets of contacts for the same codes: the second must not get the first one's card
        fc.tuple(orgContacts, orgContacts),
        fc.array(paste, { minLength: 1, maxLength: 4 }),
        (found, loc, orgs, pastes) => {
          for (const [p, org] of [...pastes, ...pastes].flatMap((x) =>
            orgs.map((o) => [x, o] as const),
          )) {
            same({ kind: 'explain', locale: loc, codes: found, orgContacts: org, ...p });
          }
        },
      ),
      { numRuns },
    );
  });

  it('keep no pasted text, only what the codes, locale and contacts decide', () => {
    const planted = 'PLANTED-7f3a9c';
    for (const [i, e] of entries.slice(0, 5).entries()) {
      for (const codes of [[knownCode(e, 'en')], [knownCode(e, 'en'), unknownCode(10_100 + i)]]) {
        const reply: Explain = {
          kind: 'explain',
          locale: 'en',
          codes,
          orgContacts: {},
          truncated: true,
          secrets: ['jwt'],
          context: {
            traceId: `${planted}-trace`,
            correlationId: `${planted}-correlation`,
            requestId: `${planted}-request`,
            timestamp: `${planted}-time`,
            appId: `${planted}-app`,
          },
        };
        const card = JSON.stringify(toAdaptiveCard(reply));
        // the card shows the ids; the cache does not keep them
        expect(card).toContain(`${planted}-correlation`);
        expect(cachedContent()).not.toContain(planted);
      }
    }
  });

  it('stay within the cache bound however many keys are seen', () => {
    for (let i = 0; i < EXPANSION_CACHE_SIZE + 40; i++) {
      const reply: Explain = {
        kind: 'explain',
        locale: 'en',
        codes: [unknownCode(20_000 + i)],
        context: {},
        truncated: false,
        secrets: [],
        orgContacts: {},
      };
      same(reply);
    }
    expect(cachedExpansions()).toBeLessThanOrEqual(EXPANSION_CACHE_SIZE);
  });

  it('are separate objects where a message differs, and read-only where they share', () => {
    const base = knownCode(entries[0]!, 'en');
    const reply = (correlationId: string): Explain => ({
      kind: 'explain',
      locale: 'en',
      codes: [base],
      context: { correlationId },
      truncated: false,
      secrets: [],
      orgContacts: {},
    });
    const first = toAdaptiveCard(reply('first-id'));
    const second = toAdaptiveCard(reply('second-id'));
    expect(first).not.toBe(second);
    expect(first.body).not.toBe(second.body);
    expect(JSON.stringify(first)).toContain('first-id');
    expect(JSON.stringify(first)).not.toContain('second-id');
    // the title row is shared between the two cards and cannot be changed through either
    const shared = first.body.find((b) => second.body.includes(b));
    expect(shared).toBeDefined();
    expect(Object.isFrozen(shared)).toBe(true);
  });
});

describe('the paste fields', () => {
  it('carry pasted text only in the fields expanded for every message', () => {
    const planted = 'PLANTED-e21b';
    const built = pasteData(
      'en',
      [50076],
      { traceId: `${planted}-t`, correlationId: `${planted}-c`, appId: `${planted}-a` },
      ['jwt', 'client-secret'],
      true,
      ['note'],
    );
    const pasted = new Set<string>(PASTED_TEXT_FIELDS);
    for (const [field, value] of Object.entries(built)) {
      expect(JSON.stringify(value).includes(planted), field).toBe(pasted.has(field));
    }
  });
});

describe('splitting a template', () => {
  const t = (json: string): unknown => JSON.parse(json.replaceAll('%', '$'));
  const expandWhole = (template: unknown, root: object): string =>
    JSON.stringify(new Template(template).expand({ $root: root }));

  it('gives the engine’s own result for nested, repeated and conditional per-message parts', () => {
    const template = t(`{
      "type": "AdaptiveCard",
      "title": "%{title}",
      "body": [
        { "type": "TextBlock", "text": "%{title}", "%when": "%{show}" },
        { "type": "TextBlock", "%data": "%{rows}", "text": "%{%data} %{%root.title}" },
        { "type": "FactSet", "%when": "%{hasIds}", "facts": [{ "%data": "%{ids}", "title": "%{k}", "value": "%{v}" }] },
        { "type": "Container", "%data": "%{groups}", "items": [{ "type": "TextBlock", "text": "%{name} %{%root.ids[0].v}" }] },
        { "type": "Container", "%when": "%{show}", "items": [
          { "type": "TextBlock", "text": "static %{title}" },
          { "type": "TextBlock", "%data": "%{ids}", "text": "%{v}" },
          { "type": "ActionSet", "selectAction": { "title": "%{ids[0].k}" } }
        ] },
        "%{lines}"
      ]
    }`);
    const perMessage = ['ids', 'hasIds', 'lines'];
    const split = splitTemplate(template, perMessage);
    expect(split?.slotCount).toBe(5);
    fc.assert(
      fc.property(
        fc.record({
          title: text,
          show: fc.boolean(),
          rows: fc.array(text, { maxLength: 3 }),
          groups: fc.array(fc.record({ name: text }), { maxLength: 2 }),
        }),
        fc.array(fc.record({ k: text, v: text }), { maxLength: 3 }),
        fc.array(text, { maxLength: 3 }),
        (fixed, ids, lines) => {
          const message = { ids, hasIds: ids.length > 0, lines };
          const key = cacheKeyOf(fixed);
          const cached = expandCached({
            template: 'test-split',
            load: () => template,
            perMessageFields: perMessage,
            cacheKey: key,
            cacheableData: (source) => source,
            source: fixed,
            perMessageData: message,
          });
          expect(JSON.stringify(cached)).toBe(expandWhole(template, { ...fixed, ...message }));
        },
      ),
      { numRuns },
    );
  });

  it('refuses a template whose root binds a per-message field', () => {
    expect(splitTemplate(t('{ "fallbackText": "%{ticket}", "body": [] }'), ['ticket'])).toBe(
      undefined,
    );
  });
});
