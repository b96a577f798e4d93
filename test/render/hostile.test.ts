import markdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { toAdaptiveCard } from '../../src/render/adaptive-card.js';
import { toBlockKit } from '../../src/render/block-kit.js';
import { LIMITS } from '../../src/render/slack-text.js';
import {
  explainReply,
  fixtureCatalog,
  knownCode,
  schemaErrors,
  sdkIssues,
  strings,
} from './helpers.js';

const LINK = '[Reset password](https://evil.example)';
// biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the attack under test
const TEMPLATE = '${$root.secret}';
const MENTION = '<at>IT</at>';
const CHANNEL = '<!channel>';
const NEWLINES = `a${'\n'.repeat(5000)}b`;
// the same tricks inside catalog text, with their own markers so the assertions can tell them apart
const CATALOG_LINK = '[Reset password](https://catalog.example)';
// biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the attack under test
const CATALOG_TEMPLATE = '${$root.catalog}';

const catalog = fixtureCatalog();

/** every pasted value in every slot a paste can reach */
function hostileReply(locale: 'en' | 'zh-CN'): Extract<Reply, { kind: 'explain' }> {
  const entry = knownCode(catalog.codes['53003']!, locale);
  return explainReply(
    [
      {
        ...entry,
        // catalog text is ours, but the renderer must not trust it either
        summary: `${CATALOG_LINK} ${CATALOG_TEMPLATE}`,
        nextSteps: [`${MENTION} ${CHANNEL}`, NEWLINES],
      },
    ],
    locale,
    {
      context: {
        correlationId: LINK,
        requestId: TEMPLATE,
        timestamp: MENTION,
        traceId: CHANNEL,
        appId: NEWLINES,
      },
      secrets: ['jwt'],
      orgContacts: { 'tenant-admin': { name: `${MENTION} ${CHANNEL} <@U024BE7LH>` } },
    },
  );
}

// Teams renders TextBlock and FactSet values as Markdown with bare URLs linked
const md = markdownIt({ linkify: true });

describe('hostile input in the Adaptive Card', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    const card = toAdaptiveCard(hostileReply(locale));
    const json = JSON.stringify(card);

    it(`${locale}: stays a valid card`, () => {
      expect(sdkIssues(card)).toEqual([]);
      expect(schemaErrors(card)).toEqual([]);
    });
    it(`${locale}: leaves no template expression, mention or channel ping`, () => {
      expect(json).not.toContain('${');
      expect(json).not.toContain('<at>');
      expect(json).not.toContain('<!channel>');
      expect(json).not.toContain('<@U');
      expect(json).not.toMatch(/"(entities|mention)"/);
    });
    it(`${locale}: keeps no Markdown link syntax and no clickable pasted URL`, () => {
      expect(json).not.toContain('](');
      expect(json).not.toContain('https://evil.example');
      for (const { key, value } of strings(card)) {
        if (key === 'url') continue;
        const html = md.render(value);
        expect(html).not.toContain('href="https://evil');
        expect(html).not.toMatch(/<(strong|em|code|img)\b/);
      }
    });
    it(`${locale}: bounds 5,000 newlines`, () => {
      for (const { value } of strings(card)) expect(value).not.toContain('\n\n');
      expect(json.length).toBeLessThan(20_000);
    });
  }
});

describe('hostile input in Block Kit', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    const message = toBlockKit(hostileReply(locale));
    const json = JSON.stringify(message);
    const texts = strings(message).filter((s) => s.key === 'text');

    it(`${locale}: nothing pasted can ping, mention or link`, () => {
      for (const { value } of texts) {
        // Slack reads <…> as links and mentions; every < must arrive escaped
        expect(value).not.toContain('<');
        expect(value).not.toContain('>');
      }
      expect(json).not.toContain('<!channel>');
      expect(json).toContain('&lt;!channel&gt;');
      expect(json).not.toContain('<@U');
    });
    it(`${locale}: echoes pasted ids only inside code spans`, () => {
      for (const { value } of texts) {
        const outside = value.replace(/`[^`]*`/g, '');
        expect(outside).not.toContain('evil.example');
        expect(outside).not.toContain('$root.secret');
      }
      expect(json).toContain('`&lt;at&gt;IT&lt;/at&gt;`');
    });
    it(`${locale}: escapes & < > exactly once`, () => {
      expect(json).not.toContain('&amp;lt;');
      expect(json).not.toContain('&amp;amp;');
    });
    it(`${locale}: stays within the size budget with 5,000 newlines`, () => {
      expect(json.length).toBeLessThan(LIMITS.message);
      for (const { value } of texts) expect(value).not.toMatch(/\n{3,}/);
    });
  }
});
