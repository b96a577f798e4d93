/**
 * End to end, as a newcomer runs it: `npm run dev` (bot + Agents Playground), then a headless
 * Chromium types a pasted error into the Playground's compose box and waits for the card.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/render/i18n/labels.js';
import { chromiumOrSkip, launchChromium } from '../render/browser-page.js';
import { freePort } from '../state/redis-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CORRELATION_ID = '9f3c2b1a-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const PASTE =
  'AADSTS53003: Access has been blocked by Conditional Access policies. ' +
  `Request Id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d Correlation Id: ${CORRELATION_ID} Timestamp: 2026-11-20T08:14:07Z`;

const hasChromium = chromiumOrSkip('the Agents Playground end-to-end test');

let dev: ChildProcess | undefined;
let browser: Browser | undefined;
const output: string[] = [];

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) {
    dev.kill('SIGKILL');
  }
});

/** starts `scripts/dev.ts` and resolves with the URL it prints */
async function startDev(): Promise<string> {
  const [botPort, playgroundPort] = [await freePort(), await freePort()];
  dev = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dev.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(botPort),
      PLAYGROUND_PORT: String(playgroundPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = dev;
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm run dev printed no URL:\n${output.join('\n')}`)),
      60_000,
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const match = /Open this:\s+(http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`npm run dev exited (${code}):\n${output.join('\n')}`)),
    );
  });
}

describe('npm run dev with the Agents Playground', () => {
  it.skipIf(!hasChromium)(
    'shows the explanation card for a pasted error, then stops cleanly on Ctrl-C',
    async () => {
      const url = await startDev();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(url, { timeout: 30_000 });
      // The Playground installs the app on connect: the welcome card comes first.
      await page
        .locator('.ac-adaptiveCard', { hasText: labels('en').help.welcomeTitle })
        .first()
        .waitFor({ state: 'visible', timeout: 30_000 });
      const compose = page.locator('[data-lexical-editor=true]').first();
      await compose.waitFor({ state: 'visible', timeout: 30_000 });
      await compose.click();
      await page.keyboard.insertText(PASTE);
      await page.keyboard.press('Enter');

      const card = page.locator('.ac-adaptiveCard', { hasText: CORRELATION_ID }).first();
      await card.waitFor({ state: 'visible', timeout: 20_000 });
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('53003');
      expect(text).toContain(CORRELATION_ID);

      await browser.close();
      browser = undefined;

      // Ctrl-C: both children stop and the script exits 0.
      const child = dev!;
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    },
    120_000,
  );
});
