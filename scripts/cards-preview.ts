/**
 * npm run cards:preview — renders every card type in English and Chinese with the official Adaptive
 * Cards renderer in headless Chromium and writes PNG screenshots (default .tmp/previews/).
 *   --out DIR   write somewhere else
 *   --docs      also refresh the README images docs/card-explanation.png and docs/card-several.png
 * Needs /usr/bin/chromium; Chinese text and emoji need fonts-noto-cjk and fonts-noto-color-emoji.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { handleMessage, type InboundMessage, loadCatalog, type Reply } from '../src/core/index.js';
import { toAdaptiveCard } from '../src/render/adaptive-card.js';
import {
  CHROMIUM,
  chromiumAvailable,
  launchChromium,
  renderCards,
} from '../test/render/browser-page.js';

const CORRELATION =
  'Trace ID: 0b2f7a1c-5d3e-4f60-9a8b-7c6d5e4f3a21\nCorrelation ID: 4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11\nTimestamp: 2026-11-23 09:12:44Z';

/** sample pastes, one per card type, as an on-call engineer would get them */
const SAMPLES: { name: string; text: string; open?: 'ticket' }[] = [
  {
    name: 'explanation',
    text: `AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\n${CORRELATION}`,
  },
  {
    name: 'explanation-ticket',
    text: `AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.\n${CORRELATION}`,
    open: 'ticket',
  },
  {
    name: 'several',
    text: `Sign-ins keep failing: AADSTS50076, then AADSTS53003, AADSTS700016 and AADSTS7000215. ${CORRELATION}`,
  },
  { name: 'unknown', text: 'What is AADSTS700096?' },
  {
    name: 'secret',
    text: `AADSTS7000215 with token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVlLWhlcmU ${CORRELATION}`,
  },
  {
    name: 'hostile',
    text: 'AADSTS50126 Correlation ID: [Reset password](https://evil.example) <at>IT</at> <!channel>',
  },
];

/** the core only accepts well-formed ids; the renderer must cope anyway, so the preview feeds it junk */
function withHostileIds(reply: Reply): Reply {
  if (reply.kind !== 'explain') return reply;
  return {
    ...reply,
    context: {
      correlationId: '[Reset password](https://evil.example)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the junk
      requestId: '**urgent** <at>IT</at> <!channel> ${$root.secret}',
      timestamp: `2026-11-23${'\n'.repeat(5000)}09:12:44Z`,
    },
  };
}

const LOCALES = [
  ['en', 'en-US'],
  ['zh-CN', 'zh-CN'],
] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: '.tmp/previews' }, docs: { type: 'boolean' } },
  });
  if (!chromiumAvailable()) {
    console.error(`cards:preview needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`);
    process.exitCode = 1;
    return;
  }
  const out = values.out;
  mkdirSync(out, { recursive: true });
  const catalog = loadCatalog();
  const orgContacts = { 'tenant-admin': { name: 'Identity team', channel: '#identity-oncall' } };
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: 600, height: 900 },
      deviceScaleFactor: 2,
    });
    for (const [locale, tag] of LOCALES) {
      const jobs: { name: string; reply: Reply; open?: 'ticket' }[] = SAMPLES.map((s) => {
        const msg: InboundMessage = { text: s.text, locale: tag, surface: 'direct' };
        const reply = handleMessage(msg, { catalog, orgContacts });
        return {
          name: s.name,
          reply: s.name === 'hostile' ? withHostileIds(reply) : reply,
          ...(s.open ? { open: s.open } : {}),
        };
      });
      jobs.push({ name: 'welcome', reply: { kind: 'help', locale, reason: 'welcome' } });
      for (const job of jobs) {
        if (job.reply.kind === 'none') throw new Error(`sample ${job.name} produced no reply`);
        await renderCards(page, [{ id: 'card', card: toAdaptiveCard(job.reply) }]);
        if (job.open === 'ticket') await page.locator('#card .ac-pushButton').nth(1).click();
        const file = join(out, `${job.name}.${locale}.png`);
        await page.locator('#card').screenshot({ path: file });
        console.log(file);
      }
    }
  } finally {
    await browser.close();
  }
  if (values.docs) {
    copyFileSync(join(out, 'explanation.en.png'), 'docs/card-explanation.png');
    copyFileSync(join(out, 'several.en.png'), 'docs/card-several.png');
    console.log('docs/card-explanation.png docs/card-several.png');
  }
}

await main();
