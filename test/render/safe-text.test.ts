import fc from 'fast-check';
import markdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { inertFragment, inertText, oneLine } from '../../src/render/safe-text.js';

// Teams renders TextBlock Markdown and turns bare URLs into links; linkify mimics that
const md = markdownIt({ linkify: true });
const FORMATTING = /<(a|em|strong|code|img|s|del|h\d|ol|ul|li|blockquote|pre)\b/;

// building blocks of hostile pastes
const PIECES = fc.constantFrom(
  '[',
  ']',
  '(',
  ')',
  '*',
  '_',
  '`',
  '<',
  '>',
  '~',
  '#',
  '!',
  '\\',
  '\n',
  ' ',
  '.',
  ':',
  '/',
  '@',
  'https://evil.example',
  'www.evil.com',
  'a',
  '1',
  '${',
  '}',
  '&',
  'amp;',
  '-',
  '+',
  '|',
  '=',
);

describe('oneLine', () => {
  it('collapses every whitespace run, newlines included, and drops controls and bidi overrides', () => {
    expect(oneLine('a\n\n\tb\r\nc\u0000d\u202ee', 100)).toBe('a b cde');
  });
  it('keeps text at the limit and cuts one past it', () => {
    expect(oneLine('x'.repeat(10), 10)).toBe('x'.repeat(10));
    expect(oneLine('x'.repeat(11), 10)).toBe(`${'x'.repeat(9)}…`);
  });
  it('bounds 5,000 newlines and a megabyte of text', () => {
    expect(oneLine(`a${'\n'.repeat(5000)}b`, 100)).toBe('a b');
    expect(oneLine('y'.repeat(1_000_000), 120)).toHaveLength(120);
  });
});

describe('inertText (our own catalog text)', () => {
  it('turns link, emphasis, code and HTML syntax into look-alikes', () => {
    const out = inertText('[Reset password](https://evil.example) **bold** `x` <at>IT</at> ~~s~~');
    expect(out).toBe('［Reset password］(https://evil.example) ∗∗bold∗∗ ˋxˋ ‹at›IT‹/at› ∼∼s∼∼');
    expect(md.render(out)).not.toMatch(/<(em|strong|code|s)\b/);
    expect(md.render(out)).not.toContain('<at>');
  });
  it('keeps identifiers with inner underscores as they are', () => {
    expect(inertText('Use prompt=select_account and invalid_grant.')).toBe(
      'Use prompt=select_account and invalid_grant.',
    );
    expect(inertText('_italic_')).toBe('＿italic＿');
  });
  it('removes template syntax and entity tricks', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal template syntax is the attack under test
    expect(inertText('${$root.secret}')).toBe('＄{$root.secret}');
    expect(inertText('&lt;b&gt;')).toBe('＆lt;b＆gt;');
  });
  it('never formats, whatever the input (property; bare URLs in our own text may still link)', () => {
    fc.assert(
      fc.property(fc.array(PIECES, { maxLength: 40 }), (parts) => {
        const html = md.render(inertText(parts.join('')));
        expect(html).not.toMatch(/<(em|strong|code|img|s|del|h\d|ol|ul|li|blockquote|pre)\b/);
      }),
      { numRuns: 2000 },
    );
  });
  it('stops a leading "1. " or "# " from becoming a list or a heading', () => {
    expect(md.render(inertText('1. Fix it'))).not.toContain('<ol');
    expect(md.render(inertText('# Title'))).not.toContain('<h1');
    expect(md.render(inertText('- item'))).not.toContain('<ul');
  });
});

describe('inertFragment (text from a paste)', () => {
  it('leaves GUIDs and timestamps unchanged', () => {
    for (const id of [
      '4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11',
      '2026-11-23 09:12:44Z',
      '2026-11-23T09:12:44.1234567Z',
    ]) {
      expect(inertFragment(id)).toBe(id);
    }
  });
  it('defangs URLs, domains and addresses so nothing can link', () => {
    const out = inertFragment(
      '[Reset password](https://evil.example) www.evil.example a@b.example',
    );
    expect(out).not.toContain('evil.example');
    expect(out).not.toContain('://');
    expect(md.render(out)).not.toContain('<a');
  });
  it('does not leave a protocol-relative "//host" for a linkifier', () => {
    // found by the property below: markdown-it's linkify made <a href="//+.1"> of it
    const out = inertFragment('//+.1');
    expect(out).not.toContain('//');
    expect(md.render(out)).not.toContain('<a');
    expect(md.render(inertFragment('see //evil.example/x'))).not.toContain('<a');
  });
  it('never renders as a link or formatting, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.array(PIECES, { maxLength: 40 }), (parts) => {
        const html = md.render(inertFragment(parts.join('')));
        expect(html).not.toMatch(FORMATTING);
        expect(inertFragment(parts.join(''))).not.toContain('${');
      }),
      { numRuns: 2000 },
    );
  });
  it('takes its shortcut for plain ids only where the full treatment changes nothing (property)', () => {
    // the full treatment, spelled out: catalog-text hygiene, then the defanging steps
    const full = (value: string, max: number): string =>
      inertText(value, max)
        .replaceAll('//', '\u2215\u2215')
        .replace(/(?<=\S)\.(?=\p{L})/gu, '\u2024')
        .replaceAll('@', '\uff20');
    const idLike = fc.string({
      unit: fc.constantFrom(...'aZ09:-_. #@/+=)>*~`\n'.split('')),
      maxLength: 12,
    });
    fc.assert(
      fc.property(idLike, fc.integer({ min: 1, max: 14 }), (value, max) => {
        expect(inertFragment(value, max)).toBe(full(value, max));
      }),
      { numRuns: 3000 },
    );
  });
});
