import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/reply.js';
import { toAdaptiveCard } from '../../src/render/adaptive-card.js';
import { labels } from '../../src/render/i18n/labels.js';
import { type BrowserPage, chromiumOrSkip, openPage, renderCards } from './browser-page.js';
import { explainReply, fixtureCatalog, knownCode, unknownCode } from './helpers.js';

const available = chromiumOrSkip('the card browser tests');

const catalog = fixtureCatalog();
const ca = catalog.codes['53003']!;
const mfa = catalog.codes['50076']!;

describe.skipIf(!available)(
  'cards in a real browser (adaptivecards renderer, headless Chromium)',
  () => {
    let browser: BrowserPage;
    beforeAll(async () => {
      browser = await openPage();
    });
    afterAll(() => browser?.close());

    for (const locale of ['en', 'zh-CN'] as Locale[]) {
      const l = labels(locale);
      it(`${locale}: the explanation card shows code, severity, contact and the first next step`, async () => {
        const code = knownCode(ca, locale);
        await renderCards(browser.page, [
          { id: 'card', card: toAdaptiveCard(explainReply([code], locale)) },
        ]);
        const shown = await browser.text('card');
        expect(shown).toContain('AADSTS53003');
        expect(shown).toContain(l.severity.error);
        expect(shown).toContain(l.contact['tenant-admin']);
        expect(shown).toContain(code.nextSteps[0]!);
        expect(shown).toContain('4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11');
        // the ticket details open inline with every id an admin needs
        await browser.page.getByRole('button', { name: l.actions.detailsForTicket }).click();
        const ticket = await browser.text('card');
        expect(ticket).toContain(`${l.context.code}: AADSTS53003`);
        expect(ticket).toContain(`${l.context.requestId}: 9e1f6c3a-2d4b-4c8e-a1f0-3b2d5e6f7a80`);
      });

      it(`${locale}: several-codes, unknown-code and help cards show their essentials`, async () => {
        const several = explainReply(
          [knownCode(ca, locale), knownCode(mfa, locale), unknownCode(12345)],
          locale,
        );
        await renderCards(browser.page, [
          { id: 'several', card: toAdaptiveCard(several) },
          {
            id: 'unknown',
            card: toAdaptiveCard(explainReply([unknownCode(53004, knownCode(ca, locale))], locale)),
          },
          { id: 'help', card: toAdaptiveCard({ kind: 'help', locale, reason: 'welcome' }) },
        ]);
        const s = await browser.text('several');
        for (const t of [
          'AADSTS53003',
          'AADSTS50076',
          'AADSTS12345',
          l.severity.error,
          l.severity.warning,
        ]) {
          expect(s).toContain(t);
        }
        expect(s).toContain(l.contact['tenant-admin']);
        expect(s).toContain(knownCode(ca, locale).nextSteps[0]!);
        const u = await browser.text('unknown');
        expect(u).toContain('AADSTS53004');
        expect(u).toContain(l.headings.didYouMean);
        expect(u).toContain('AADSTS53003');
        const h = await browser.text('help');
        expect(h).toContain(l.help.welcomeTitle);
        expect(h).toContain('AADSTS50076');
      });
    }

    it('renders pasted Markdown, mentions and pings as inert text', async () => {
      const reply = explainReply([knownCode(ca, 'en')], 'en', {
        context: {
          correlationId: '[Reset password](https://evil.example)',
          requestId: '**bold** _it_ <at>IT</at> <!channel>',
          timestamp: `a${'\n'.repeat(5000)}b`,
        },
      });
      await renderCards(browser.page, [{ id: 'hostile', card: toAdaptiveCard(reply) }]);
      await browser.page.getByRole('button', { name: 'Details for a ticket' }).click();
      const frame = browser.page.locator('#hostile');
      expect(await frame.locator('a[href*="evil"]').count()).toBe(0);
      expect(await frame.locator('a').count()).toBe(0);
      expect(await frame.locator('at, strong, em').count()).toBe(0);
      const shown = await frame.innerText();
      expect(shown).toContain('Reset password');
      expect(shown).toContain('‹at›IT‹/at›');
      expect((await frame.boundingBox())?.height ?? 0).toBeLessThan(2000);
    });

    it('would catch a live link: the same paste concatenated into a TextBlock does link', async () => {
      const unsafe = {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: 'Correlation ID: [Reset password](https://evil.example)' },
        ],
      };
      await renderCards(browser.page, [{ id: 'control', card: unsafe }]);
      expect(await browser.page.locator('#control a[href="https://evil.example"]').count()).toBe(1);
    });
  },
);
