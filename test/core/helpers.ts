/** Shared test helpers: the small hand-built catalog and the paste corpus. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Catalog, loadCatalog } from '../../src/core/catalog/load.js';
import type { SignInContext } from '../../src/core/reply.js';

export const FIXTURE_CATALOG = fileURLToPath(
  new URL('../fixtures/core/catalog.json', import.meta.url),
);
export const PASTES_DIR = fileURLToPath(new URL('../fixtures/pastes/', import.meta.url));

/** the ~10-code catalog under test/fixtures/core */
export function fixtureCatalog(): Catalog {
  return loadCatalog(FIXTURE_CATALOG);
}

export interface Paste {
  name: string;
  text: string;
  note: string;
  encoding: 'plain' | 'slack' | 'teams-html';
  codes: number[];
  context: SignInContext;
}

/** every paste in test/fixtures/pastes with its expectations */
export function pastes(): Paste[] {
  return readdirSync(PASTES_DIR)
    .filter((f) => f.endsWith('.expect.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.expect.json'.length);
      const body = readdirSync(PASTES_DIR).find(
        (g) => g.startsWith(`${name}.`) && !g.endsWith('.expect.json'),
      );
      if (!body) throw new Error(`no paste next to ${f}`);
      const expect = JSON.parse(readFileSync(`${PASTES_DIR}${f}`, 'utf8')) as Omit<
        Paste,
        'name' | 'text'
      >;
      return { name, text: readFileSync(`${PASTES_DIR}${body}`, 'utf8'), ...expect };
    });
}

/** Slack's escaping of message text (the inverse of unescapeSlack for plain text) */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** HTML escaping as Teams applies it to typed text */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
