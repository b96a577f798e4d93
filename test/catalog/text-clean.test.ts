import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, decodeEntities, stripMarkdownLinks } from '../../scripts/catalog/text-clean.js';

describe('cleanText', () => {
  it('keeps the words of a relative link and the address of a self-labelled link', () => {
    expect(
      stripMarkdownLinks('[Open a support ticket](~/fundamentals/how-to-get-support.md) now'),
    ).toBe('Open a support ticket now');
    expect(stripMarkdownLinks('[https://aka.ms/x](https://aka.ms/x)')).toBe('https://aka.ms/x');
    expect(stripMarkdownLinks('see [https://aka.ms/certCreds](./certificate-credentials.md)')).toBe(
      'see https://aka.ms/certCreds',
    );
  });

  it('turns an HTML list into one sentence and keeps the text after it', () => {
    expect(
      cleanText(
        'Failed for these reasons:<ul><li>one</li><li>two.</li></ul>Contact the tenant admin.',
      ),
    ).toBe('Failed for these reasons: one; two. Contact the tenant admin.');
  });

  it('joins Chinese list items with full-width punctuation', () => {
    expect(cleanText('原因之一。<ul><li>甲</li><li>乙。</li></ul> 请联系所有者。')).toBe(
      '原因之一。甲；乙。请联系所有者。',
    );
  });

  it('removes line breaks, bold, code spans, embeds and entities', () => {
    expect(cleanText('a </br>b<br />**c** `d` {% embed url="https://x" %} e&#x20;&amp; f')).toBe(
      'a b c d e & f',
    );
  });

  it('flattens bullet lines of the page-text copy and drops the space before a stop', () => {
    expect(cleanText('reasons:\n  • first\n  • second\nNext sentence, see users .')).toBe(
      'reasons: first; second. Next sentence, see users.',
    );
  });

  it('decodes numeric and named entities', () => {
    expect(decodeEntities('&#39;x&#x27; &lt;y&gt; &unknown;')).toBe("'x' <y> &unknown;");
  });

  it('never leaves markup, bullets or doubled spaces behind', () => {
    const piece = fc.constantFrom(
      'word',
      '<br>',
      '<ul><li>item</li></ul>',
      '**bold**',
      '•',
      '&amp;',
      '[t](u)',
      ' ',
      '\n',
      '.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const out = cleanText(pieces.join(''));
        expect(out).not.toMatch(/<[a-z/]|•|\*\*|&amp;|\]\(|\s{2}/i);
        expect(out).toBe(out.trim());
      }),
    );
  });
});
