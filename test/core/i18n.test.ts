import { describe, expect, it } from 'vitest';
import { format, messages } from '../../src/core/i18n/messages.js';
import { resolveLocale } from '../../src/core/i18n/resolve-locale.js';
import { LOCALES } from '../../src/core/reply.js';

function shape(value: unknown): unknown {
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }
  return typeof value;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('resolveLocale', () => {
  it.each([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'en'],
    ['en-US', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (tag, locale) => {
    expect(resolveLocale(tag)).toBe(locale);
  });
});

describe('interface strings', () => {
  it('have the same keys in every locale and no empty text', () => {
    const en = messages('en');
    for (const locale of LOCALES) {
      expect(shape(messages(locale))).toEqual(shape(en));
      for (const text of strings(messages(locale))) expect(text.trim()).not.toBe('');
    }
  });

  it('keep their placeholders in translation', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    const en = strings(messages('en'));
    const zh = strings(messages('zh-CN'));
    en.forEach((text, i) => {
      expect(placeholders(zh[i] ?? '')).toEqual(placeholders(text));
    });
  });

  it('fill placeholders', () => {
    expect(format(messages('en').unknownSummary, { code: 12345 })).toMatch(
      /^AADSTS12345 is not in the catalog/,
    );
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
