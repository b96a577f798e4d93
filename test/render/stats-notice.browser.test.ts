import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/core/catalog/load.js';
import { slowDownReply } from '../../src/core/notice.js';
import { LOCALES } from '../../src/core/reply.js';
import { statsReply } from '../../src/core/stats.js';
import { type RenderableReply, toAdaptiveCard } from '../../src/render/adaptive-card.js';
import { labels } from '../../src/render/i18n/labels.js';
import { type BrowserPage, chromiumOrSkip, openPage, renderCards } from './browser-page.js';
import { fixtureCatalog } from './helpers.js';

const available = chromiumOrSkip('the stats and notice browser tests');

const catalog = createCatalog(fixtureCatalog());

describe.skipIf(!available)('stats and notice cards in a real browser', () => {
  let browser: BrowserPage;
  beforeAll(async () => {
    browser = await openPage();
  });
  afterAll(() => browser?.close());

  for (const locale of LOCALES) {
    it(`${locale}: the stats card shows codes, counts, names and severity; the notice its words`, async () => {
      const l = labels(locale);
      const stats = statsReply(
        {
          days: 7,
          total: 15,
          top: [
            { code: 50126, count: 11 },
            { code: 53003, count: 4 },
          ],
        },
        catalog,
        locale,
      ) as RenderableReply;
      await renderCards(browser.page, [
        { id: 'stats', card: toAdaptiveCard(stats) },
        { id: 'notice', card: toAdaptiveCard(slowDownReply(locale) as RenderableReply) },
      ]);
      const shown = await browser.text('stats');
      expect(shown).toContain('AADSTS50126');
      expect(shown).toContain('11');
      expect(shown).toContain(catalog.get(53003)?.name ?? '');
      expect(shown).toContain(l.severity.error);
      expect(shown).toContain(l.stats.privacy);
      expect(await browser.text('notice')).toContain(l.notice.slowDownTitle);
    });
  }
});
