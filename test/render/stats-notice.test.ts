import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/core/catalog/load.js';
import { slowDownReply } from '../../src/core/notice.js';
import { LOCALES, type Locale, type Reply } from '../../src/core/reply.js';
import { statsReply } from '../../src/core/stats.js';
import { toAdaptiveCard, toCardPreview } from '../../src/render/adaptive-card.js';
import { type SlackMessage, toBlockKit } from '../../src/render/block-kit.js';
import { labels } from '../../src/render/i18n/labels.js';
import { toPlainText } from '../../src/render/plain-text.js';
import { LIMITS } from '../../src/render/slack-text.js';
import { fixtureCatalog, schemaErrors, sdkIssues, strings } from './helpers.js';

type StatsReply = Extract<Reply, { kind: 'stats' }>;

const catalog = createCatalog(fixtureCatalog());
const codes = catalog.codes();

function stats(locale: Locale, n = 3): StatsReply {
  const top = codes.slice(0, n).map((code, i) => ({ code, count: 40 - i }));
  const reply = statsReply({ days: 7, total: 123, top }, catalog, locale);
  if (reply.kind !== 'stats') throw new Error('expected a stats reply');
  return reply;
}

function expectValidCard(card: unknown): void {
  const json = JSON.stringify(card);
  expect(sdkIssues(card)).toEqual([]);
  expect(schemaErrors(card)).toEqual([]);
  expect(json).not.toContain('${');
  expect(json).not.toMatch(/"(entities|mention|msteams)"/);
  expect(Buffer.byteLength(json)).toBeLessThan(80 * 1024);
  for (const { key, value } of strings(card)) {
    if (key === 'text' || key === 'title') expect(value.trim()).not.toBe('');
  }
}

function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.trim()).not.toBe('');
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(JSON.stringify(message).length).toBeLessThan(LIMITS.message);
  for (const { key, value } of strings(message.blocks)) {
    if (key === 'text') expect(value.length).toBeLessThanOrEqual(LIMITS.text);
  }
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the attack under test
const TEMPLATE = '${$root.secret}';

// a stats reply whose words come from somewhere hostile (the renderers must not trust them)
const hostile: StatsReply = {
  kind: 'stats',
  locale: 'en',
  days: 7,
  total: 5,
  top: [
    {
      code: 50126,
      name: `<!channel> [Reset](https://evil.example) ${TEMPLATE}`,
      summary: '<@U123> **bold** <https://evil.example|click> @here',
      severity: 'error',
      count: 5,
    },
  ],
};

describe('stats card', () => {
  for (const locale of LOCALES) {
    it(`is SDK-clean and schema-valid in ${locale}, with codes, counts, names and severity`, () => {
      const reply = stats(locale);
      const card = toAdaptiveCard(reply);
      expectValidCard(card);
      const json = JSON.stringify(card);
      const l = labels(locale);
      for (const row of reply.top) {
        expect(json).toContain(`"AADSTS${row.code}"`);
        expect(json).toContain(`"${row.count}"`);
        if (row.severity) expect(json).toContain(`"${l.severity[row.severity]}"`);
      }
      const first = reply.top[0];
      if (first?.name) expect(json).toContain(first.name);
    });
  }

  it('says so when nothing was counted, and stays valid', () => {
    const reply = statsReply({ days: 7, total: 0, top: [] }, catalog, 'en');
    if (reply.kind !== 'stats') throw new Error('expected stats');
    const card = toAdaptiveCard(reply);
    expectValidCard(card);
    expect(JSON.stringify(card)).toContain(labels('en').stats.empty);
  });

  it('shows an unknown code with its count and without a severity', () => {
    const reply = statsReply(
      { days: 7, total: 2, top: [{ code: 4242424, count: 2 }] },
      catalog,
      'en',
    );
    if (reply.kind !== 'stats') throw new Error('expected stats');
    const card = toAdaptiveCard(reply);
    expectValidCard(card);
    expect(JSON.stringify(card)).toContain('"AADSTS4242424"');
  });

  it('neutralizes hostile words', () => {
    const json = JSON.stringify(toAdaptiveCard(hostile));
    expect(json).not.toContain('${');
    expect(json).not.toContain('](https://');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
  });

  it('has a preview with the top codes', () => {
    const preview = toCardPreview(stats('en'));
    expect(preview.title).toBe(labels('en').stats.title.replace('{n}', '7'));
    expect(preview.text).toContain(`AADSTS${codes[0]}`);
  });
});

describe('stats in Block Kit', () => {
  for (const locale of LOCALES) {
    it(`lists codes, counts and severity within the limits in ${locale}`, () => {
      const reply = stats(locale, codes.length);
      const message = toBlockKit(reply);
      expectWithinLimits(message);
      const json = JSON.stringify(message);
      for (const row of reply.top) expect(json).toContain(`*AADSTS${row.code}*`);
      expect(json).toContain(`*${reply.top[0]?.count}*`);
      expect(message.text).toContain(`AADSTS${codes[0]}`);
    });
  }

  it('stays within the limits with the most rows and long words', () => {
    const long = 'x'.repeat(5000);
    const reply: StatsReply = {
      ...hostile,
      top: Array.from({ length: 50 }, (_, i) => ({
        code: 100_000 + i,
        name: long,
        summary: long,
        severity: 'critical' as const,
        count: 1000 - i,
      })),
    };
    expectWithinLimits(toBlockKit(reply));
  });

  it('escapes hostile words so nothing pings or links', () => {
    const json = JSON.stringify(toBlockKit(hostile));
    expect(json).not.toMatch(/<!channel>|<@U123>|<https?:/);
    expect(json).not.toContain(TEMPLATE);
    expect(json).not.toContain('](https://');
    expect(json).not.toContain('&amp;lt;');
  });
});

describe('stats as terminal text', () => {
  it('prints codes, counts, names and severity', () => {
    const reply = stats('en');
    const text = toPlainText(reply);
    for (const row of reply.top) {
      expect(text).toMatch(new RegExp(`${row.count} × AADSTS${row.code}`));
      if (row.severity) expect(text).toContain(`[${labels('en').severity[row.severity]}]`);
    }
    expect(text).toContain(labels('en').stats.privacy);
    expect(text).not.toContain('\u001b[');
  });
});

describe('slow-down notice', () => {
  for (const locale of LOCALES) {
    it(`renders in every format in ${locale}`, () => {
      const reply = slowDownReply(locale);
      if (reply.kind === 'none') throw new Error('expected a notice');
      const l = labels(locale);
      const card = toAdaptiveCard(reply);
      expectValidCard(card);
      expect(JSON.stringify(card)).toContain(l.notice.slowDownTitle);
      const message = toBlockKit(reply);
      expectWithinLimits(message);
      expect(message.blocks).toHaveLength(1);
      expect(toPlainText(reply)).toContain(l.notice.slowDown);
      expect(toCardPreview(reply).title).toBe(l.notice.slowDownTitle);
    });
  }
});
