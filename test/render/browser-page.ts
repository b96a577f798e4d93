/**
 * Renders Adaptive Cards with the official JavaScript renderer in headless Chromium (Debian's
 * /usr/bin/chromium driven by playwright-core). Used by the browser tests and by scripts/cards-preview.ts.
 * Markdown goes through markdown-it with linkify on, which is how Teams treats TextBlock text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** where Debian's chromium package puts the browser */
export const CHROMIUM = '/usr/bin/chromium';
/** flags that keep Chromium quiet and offline */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const root = new URL('../../', import.meta.url);
const file = (p: string) => fileURLToPath(new URL(p, root));

/** true when the system browser is installed */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** whether the system browser is installed; says loudly that `what` is skipped when it is not */
export function chromiumOrSkip(what: string): boolean {
  const available = chromiumAvailable();
  if (!available) {
    console.warn(
      `\n*** SKIPPED ${what}: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium). ` +
        '.ci/run installs it, so CI runs them. ***\n',
    );
  }
  return available;
}

/** starts the system Chromium headless */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** a headless Chromium with one page open, for a suite */
export interface BrowserPage {
  page: Page;
  /** the text shown inside the element with this id */
  text(id: string): Promise<string>;
  close(): Promise<void>;
}

/** starts Chromium and opens a page */
export async function openPage(): Promise<BrowserPage> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    return {
      page,
      text: (id) => page.locator(`#${id}`).innerText(),
      close: () => browser.close(),
    };
  } catch (error: unknown) {
    await browser.close();
    throw error;
  }
}

/** a card to render, under an element id */
export interface CardToRender {
  id: string;
  card: unknown;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 24px; background: #ffffff; }
  .frame { width: 520px; margin-bottom: 24px; border: 1px solid #e0e0e0; border-radius: 8px;
           overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,0.08); }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; color: #242424;
    background: #ffffff; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; cursor: pointer; }
  .ac-pushButton.expanded { background: #ebebeb; }
  .ac-textBlock p, .ac-richTextBlock p { margin: 0; }
</style></head><body></body></html>`;

/** loads the renderer into a fresh page and renders each card into its own frame */
export async function renderCards(page: Page, cards: CardToRender[]): Promise<void> {
  await page.setContent(PAGE);
  await page.addScriptTag({ path: file('node_modules/markdown-it/dist/markdown-it.min.js') });
  await page.addScriptTag({ path: file('node_modules/adaptivecards/dist/adaptivecards.min.js') });
  const hostConfig = JSON.parse(readFileSync(file('cards/host-config.json'), 'utf8')) as unknown;
  const failures = await page.evaluate(
    ({ cards, hostConfig }) => {
      const w = window as unknown as {
        AdaptiveCards: {
          AdaptiveCard: {
            new (): {
              hostConfig: unknown;
              parse(card: unknown): void;
              render(): HTMLElement | undefined;
            };
            onProcessMarkdown?: (
              text: string,
              result: { outputHtml?: string; didProcess: boolean },
            ) => void;
          };
          HostConfig: new (config: unknown) => unknown;
        };
        markdownit: (options: { linkify: boolean }) => { render(text: string): string };
      };
      const md = w.markdownit({ linkify: true });
      w.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = md.render(text);
        result.didProcess = true;
      };
      const out: string[] = [];
      for (const { id, card } of cards) {
        const ac = new w.AdaptiveCards.AdaptiveCard();
        ac.hostConfig = new w.AdaptiveCards.HostConfig(hostConfig);
        ac.parse(card);
        const element = ac.render();
        const frame = document.createElement('div');
        frame.className = 'frame';
        frame.id = id;
        if (element) frame.appendChild(element);
        else out.push(id);
        document.body.appendChild(frame);
      }
      return out;
    },
    { cards, hostConfig },
  );
  if (failures.length > 0) throw new Error(`renderer produced nothing for: ${failures.join(', ')}`);
}
