/** Turns a found number into a reply entry, with catalog text resolved to the reply's locale. */
import type { Catalog } from './catalog/load.js';
import type { CatalogEntry } from './catalog/schema.js';
import type { FoundCode, KnownCode, Locale, UnknownCode } from './reply.js';

/** Microsoft's live lookup page for a code */
export function lookupUrl(code: number): string {
  return `https://login.microsoftonline.com/error?code=${code}`;
}

/** a known code with its text in `locale`; zh-CN falls back to English field by field */
export function knownCode(entry: CatalogEntry, locale: Locale, match: 'code' | 'text'): KnownCode {
  const zh = locale === 'zh-CN' ? entry.zh : undefined;
  const security = zh?.security ?? entry.security;
  return {
    known: true,
    code: entry.code,
    match,
    ...(entry.name !== undefined ? { name: entry.name } : {}),
    summary: zh?.summary ?? entry.summary,
    description: zh?.description ?? entry.description,
    severity: entry.severity,
    contacts: [...entry.contacts],
    nextSteps: [...(zh?.nextSteps ?? entry.nextSteps)],
    ...(security !== undefined ? { security } : {}),
    tags: [...entry.tags],
    lookupUrl: lookupUrl(entry.code),
    translation: zh ? zh.origin : 'none',
  };
}

/** a number the catalog does not know, with the one code a digit away if there is exactly one */
export function unknownCode(code: number, catalog: Catalog, locale: Locale): UnknownCode {
  const near = catalog.nearest(code);
  const nearEntry = near === undefined ? undefined : catalog.get(near);
  return {
    known: false,
    code,
    match: 'code',
    lookupUrl: lookupUrl(code),
    ...(nearEntry
      ? {
          didYouMean: {
            code: nearEntry.code,
            ...(nearEntry.name !== undefined ? { name: nearEntry.name } : {}),
            summary: locale === 'zh-CN' ? nearEntry.zh.summary : nearEntry.summary,
          },
        }
      : {}),
  };
}

/** the reply entry for a code found in text */
export function toFoundCode(
  code: number,
  match: 'code' | 'text',
  catalog: Catalog,
  locale: Locale,
): FoundCode {
  const entry = catalog.get(code);
  return entry ? knownCode(entry, locale, match) : unknownCode(code, catalog, locale);
}
