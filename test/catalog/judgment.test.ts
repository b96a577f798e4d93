/**
 * Spot checks of curated judgment against the sources' own words. The phrases are found in the raw
 * source rows here, not taken from the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogData } from '../../src/core/catalog/schema.js';
import { CATALOG_DIR, readSource, tableRows } from './source-scan.js';

const catalog = JSON.parse(readFileSync(join(CATALOG_DIR, 'catalog.json'), 'utf8')) as CatalogData;
const entry = (code: number) => catalog.codes[String(code)];
const rows = [
  ...tableRows(readSource('entra-reference-current.md')),
  ...tableRows(readSource('signin-report-2019.md')),
];

/** remedies other than a support ticket that a row may offer */
const OTHER_REMEDY =
  /\b(retry|try|check|make sure|ensure|contact|fix|have the user|verify|sign in again|assign|add|enable|update|generate)\b/i;

/** the current row's text for a code (links reduced to their words), falling back to the 2019 row */
function officialRow(code: number): string | undefined {
  // link targets such as how-to-get-support.md hold dots that would break the sentence split below
  return rows.find((row) => row.code === code)?.row.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

describe('curated judgment', () => {
  it('sends every code whose text says "Contact your IDP" to the identity provider', () => {
    const codes = [
      ...new Set(rows.filter((r) => /contact your idp/i.test(r.row)).map((r) => r.code)),
    ];
    expect(codes.length).toBeGreaterThan(5);
    const wrong = codes.filter((code) => !entry(code)?.contacts.includes('idp'));
    expect(wrong).toEqual([]);
  });

  it('sends codes whose only remedy is a support ticket to Microsoft support', () => {
    const codes = [...new Set(rows.map((r) => r.code))].filter((code) => {
      const text = officialRow(code) ?? '';
      if (!/open a support ticket/i.test(text)) return false;
      const rest = text.replace(/[^.]*open a support ticket[^.|]*\.?/gi, ' ');
      return !OTHER_REMEDY.test(rest) && entry(code)?.severity !== 'info';
    });
    expect(codes).toEqual(expect.arrayContaining([50000, 50007, 90036]));
    expect(codes).not.toContain(70012);
    const wrong = codes.filter((code) => !entry(code)?.contacts.includes('microsoft-support'));
    expect(wrong).toEqual([]);
  });

  it('sends the WS-Federation 20xxx codes to the identity provider', () => {
    const codes = Object.values(catalog.codes).filter((e) => /^20\d{3}$/.test(String(e.code)));
    expect(codes.length).toBeGreaterThan(0);
    for (const e of codes) expect(e.contacts[0], String(e.code)).toBe('idp');
  });

  it('sends a Conditional Access block to the tenant admin', () => {
    expect(entry(53003)?.contacts[0]).toBe('tenant-admin');
  });

  it('treats the expected interrupts as info', () => {
    for (const code of [50140, 16000, 81012])
      expect(entry(code)?.severity, String(code)).toBe('info');
  });

  it('does not blame Microsoft for an MFA requirement', () => {
    expect(entry(50076)?.contacts).not.toContain('microsoft-support');
    expect(entry(50076)?.severity).not.toBe('critical');
  });

  it('flags the watchlist attack patterns as security notes', () => {
    for (const code of [500121, 50053]) expect(entry(code)?.security, String(code)).toBeTruthy();
  });
});
