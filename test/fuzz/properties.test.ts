/**
 * The key safety properties in one place, run hard by `npm run fuzz` (FUZZ_RUNS=10000) and lightly
 * by `npm test` (100 runs): the extractor never throws and finds planted codes; escaping never lets a
 * link or a mention through; a pasted token or client secret is never echoed by any renderer; every
 * rendered reply stays within the platform's size limits.
 */
import fc from 'fast-check';
import markdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { extract } from '../../src/core/extract/extract.js';
import { handleMessage } from '../../src/core/handle.js';
import { knowledgeOf } from '../../src/core/knowledge.js';
import type { Reply, Surface } from '../../src/core/reply.js';
import { statsReply } from '../../src/core/stats.js';
import {
  type RenderableReply,
  toAdaptiveCard,
  toCardPreview,
} from '../../src/render/adaptive-card.js';
import { toBlockKit } from '../../src/render/block-kit.js';
import { toPlainText } from '../../src/render/plain-text.js';
import { inertFragment, inertText } from '../../src/render/safe-text.js';
import { codeSpan, escapeSlack, LIMITS, mrkdwnText } from '../../src/render/slack-text.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 100);
// rendering a card costs about a millisecond; give long runs the time they need
const timeout = Math.max(20_000, numRuns * 10);

const catalog = loadCatalog();
const knowledge = knowledgeOf(catalog);
const catalogCodes = catalog.codes();

/** text without digits, so it cannot form a code by itself */
const filler = fc.string({
  unit: fc.constantFrom(...'abcdefghij XYZ:,.-_"\'()[]{}\n\t<>&|*`#@!~'.split('')),
  maxLength: 120,
});
const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json(),
);
const encoding = fc.constantFrom('plain', 'slack', 'teams-html') as fc.Arbitrary<
  'plain' | 'slack' | 'teams-html'
>;
const surface = fc.constantFrom(
  'direct',
  'mention',
  'passive',
  'command',
  'message-action',
) as fc.Arbitrary<Surface>;
const locale = fc.constantFrom('en', 'zh-CN', 'zh-Hans', 'fr-FR', undefined);
const anyCode = fc.oneof(
  fc.constantFrom(...catalogCodes),
  fc.integer({ min: 10_000, max: 9_999_999 }),
);

// pieces of hostile pastes: links, mentions, template syntax, Markdown, Slack and Teams markup
const HOSTILE = fc.constantFrom(
  '[Reset password](https://evil.example)',
  '<https://evil.example|click>',
  'https://evil.example/x',
  'www.evil.example',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U024BE7LH>',
  '<!subteam^S012345>',
  '<at>IT</at>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the attack under test
  '${$root.secret}',
  '**bold**',
  '_it_',
  '`code`',
  '&lt;!channel&gt;',
  '&amp;',
  '\n',
  ' ',
  'AADSTS',
  'Correlation ID: ',
);
const hostileText = fc
  .array(fc.oneof(HOSTILE, filler), { maxLength: 30 })
  .map((parts) => parts.join(''));

const md = markdownIt({ linkify: true });

function rendered(reply: RenderableReply): string[] {
  return [
    JSON.stringify(toAdaptiveCard(reply)),
    JSON.stringify(toBlockKit(reply, { share: { value: 'x' } })),
    toPlainText(reply),
    toPlainText(reply, { color: true }),
    JSON.stringify(toCardPreview(reply)),
  ];
}

function expectWithinLimits(reply: RenderableReply): void {
  const card = JSON.stringify(toAdaptiveCard(reply));
  expect(Buffer.byteLength(card)).toBeLessThan(80 * 1024);
  expect(card).not.toContain('${');
  const message = toBlockKit(reply);
  expect(message.text.trim()).not.toBe('');
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(JSON.stringify(message).length).toBeLessThan(LIMITS.message);
  for (const raw of message.blocks) {
    const block = raw as { type: string; text?: { text: string }; fields?: unknown[] };
    if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.header);
    if (block.type === 'section') {
      expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.text);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    }
  }
}

describe('extractor', () => {
  it('never throws and returns well-formed, de-duplicated codes', { timeout }, () => {
    fc.assert(
      fc.property(anyText, encoding, fc.boolean(), (text, enc, addressed) => {
        const found = extract(text, { encoding: enc, knowledge, addressed });
        for (const c of found.codes) expect(String(c.code)).toMatch(/^[1-9]\d{4,6}$/);
        expect(new Set(found.codes.map((c) => c.code)).size).toBe(found.codes.length);
      }),
      { numRuns },
    );
  });

  it('finds every planted code, in order', { timeout }, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 10_000, max: 9_999_999 }), { minLength: 1, maxLength: 5 }),
        filler,
        fc.constantFrom('AADSTS', 'aadsts', 'AADSTS: ', 'AADSTS：', 'Error Code: '),
        (codes, gap, spelling) => {
          const text = codes.map((n) => `${spelling}${n}`).join(` ${gap} `);
          expect(extract(text).codes.map((c) => c.code)).toEqual(codes);
        },
      ),
      { numRuns },
    );
  });
});

describe('escaping', () => {
  it('card text never renders a link or formatting, nor keeps template syntax', { timeout }, () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const fragment = inertFragment(text);
        expect(md.render(fragment)).not.toMatch(/<(a|em|strong|code|img|h\d|ol|ul)\b/);
        expect(fragment).not.toContain('${');
        expect(fragment).not.toMatch(/[<>@]/);
        const words = inertText(text);
        expect(words).not.toContain('](');
        expect(words).not.toContain('${');
        expect(words).not.toMatch(/[<>]/);
      }),
      { numRuns },
    );
  });

  it('Slack text never carries a mention or a link, and is escaped exactly once', {
    timeout,
  }, () => {
    fc.assert(
      fc.property(hostileText, fc.integer({ min: 1, max: 3000 }), (text, max) => {
        for (const out of [mrkdwnText(text, max), codeSpan(text, max), escapeSlack(text)]) {
          expect(out).not.toMatch(/[<>]/);
          expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
        const unescaped = escapeSlack(text)
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&amp;', '&');
        expect(unescaped).toBe(text);
      }),
      { numRuns },
    );
  });
});

const base64url = fc.string({
  unit: fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''),
  ),
  minLength: 12,
  maxLength: 60,
});
const jwt = fc.tuple(base64url, base64url, base64url).map(([h, p, s]) => `eyJ${h}.eyJ${p}.${s}`);
const secretChar = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.'.split(''),
);
const clientSecret = fc
  .tuple(
    fc.string({ unit: secretChar, minLength: 3, maxLength: 3 }),
    fc.integer({ min: 0, max: 9 }),
    fc.string({ unit: secretChar, minLength: 31, maxLength: 34 }),
  )
  .map(([head, digit, tail]) => `${head}${digit}Q~${tail}`);

/** the letters and digits of a value; a renderer may swap punctuation for look-alikes */
const core = (value: string): string => value.replace(/[^A-Za-z0-9]/g, '');

describe('redaction', () => {
  it('a planted token or client secret is never echoed by any renderer', { timeout }, () => {
    fc.assert(
      fc.property(
        fc.oneof(jwt, clientSecret),
        anyCode,
        filler,
        filler,
        fc.constantFrom('', 'Correlation ID: ', 'Trace ID: ', 'Authorization: Bearer ', 'secret='),
        encoding,
        surface,
        locale,
        (secret, code, before, after, label, enc, surf, tag) => {
          const text = `${before} AADSTS${code} ${label}${secret} ${after}`;
          const reply: Reply = handleMessage(
            { text, encoding: enc, surface: surf, locale: tag },
            { catalog },
          );
          // Teams HTML may hide the code (and the secret) inside a tag; then there is less to say
          if (enc === 'plain') expect(reply.kind).toBe('explain');
          if (reply.kind === 'none') return;
          if (reply.kind === 'explain' && enc === 'plain') {
            expect(reply.secrets.length).toBeGreaterThan(0);
          }
          const needle = core(secret).slice(0, 24);
          for (const out of rendered(reply)) {
            expect(out).not.toContain(secret);
            expect(core(out)).not.toContain(needle);
          }
        },
      ),
      { numRuns },
    );
  });
});

describe('size limits', () => {
  it('every explain reply fits the Adaptive Card and Block Kit limits', { timeout }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyCode, hostileText), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('plain', 'slack', 'teams-html') as fc.Arbitrary<'plain' | 'slack'>,
        locale,
        (pieces, enc, tag) => {
          const text = pieces.map(([code, noise]) => `${noise} AADSTS${code} ${noise}`).join('\n');
          const reply = handleMessage(
            { text, encoding: enc, surface: 'direct', locale: tag },
            { catalog },
          );
          if (reply.kind === 'none') throw new Error('an addressed message always gets a reply');
          expectWithinLimits(reply);
        },
      ),
      { numRuns },
    );
  });

  it('every stats reply fits the limits', { timeout }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ code: anyCode, count: fc.nat() }), { maxLength: 40 }),
        fc.nat({ max: 400 }),
        fc.constantFrom('en', 'zh-CN') as fc.Arbitrary<'en' | 'zh-CN'>,
        (top, days, loc) => {
          const reply = statsReply({ days, total: top.length, top }, catalog, loc);
          if (reply.kind === 'none') throw new Error('stats always reply');
          expectWithinLimits(reply);
        },
      ),
      { numRuns },
    );
  });
});
