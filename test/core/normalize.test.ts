import { describe, expect, it } from 'vitest';
import {
  capInput,
  decodeEntities,
  stripTerminalColours,
  unescapeSlack,
  unescapeTeamsHtml,
} from '../../src/core/extract/normalize.js';

describe('unescapeSlack', () => {
  it('decodes the three entities Slack escapes, once', () => {
    expect(unescapeSlack('a &lt;b&gt; &amp;lt;')).toBe('a <b> &lt;');
  });

  it('turns links into label and target', () => {
    expect(unescapeSlack('<https://login.microsoftonline.com/error?code=53003|lookup>')).toBe(
      'lookup (https://login.microsoftonline.com/error?code=53003)',
    );
    expect(unescapeSlack('<https://example.com>')).toBe('https://example.com');
    expect(unescapeSlack('<https://x.test|https://x.test>')).toBe('https://x.test');
  });

  it('keeps mention and channel labels', () => {
    expect(unescapeSlack('hi <@U024BE7LH> in <#C024BE91L|helpdesk> <!here>')).toBe(
      'hi @U024BE7LH in helpdesk !here',
    );
  });

  it('leaves a stray < alone', () => {
    expect(unescapeSlack('a < b <https://x.test|x>')).toBe('a < b x (https://x.test)');
    expect(unescapeSlack('<<<<')).toBe('<<<<');
  });
});

describe('unescapeTeamsHtml', () => {
  it('turns list items into bullet lines', () => {
    const lines = unescapeTeamsHtml('<p>codes:</p><ul><li>50126</li><li><p>50053</p></li></ul>')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines).toEqual(['codes:', '• 50126', '• 50053']);
  });

  it('turns a table into tab-separated rows, with the blocks inside a cell as blanks', () => {
    const html =
      '<table><tbody><tr><th><p>Error</p></th><th><p>Count</p></th></tr>' +
      '<tr><td><p>50126</p></td><td><p>1,284</p></td></tr></tbody></table><p>after</p>';
    const lines = unescapeTeamsHtml(html)
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines).toEqual([' Error \t Count \t', ' 50126 \t 1,284 \t', 'after']);
  });

  it('turns block tags into line breaks and drops inline tags', () => {
    expect(unescapeTeamsHtml('<p>one</p><p>two<br>three</p><b>x</b>')).toBe(
      '\none\n\ntwo\nthree\nx',
    );
  });

  it('keeps link targets so lookup URLs are still seen', () => {
    expect(
      unescapeTeamsHtml('<a href="https://login.microsoftonline.com/error?code=50058">page</a>'),
    ).toBe('https://login.microsoftonline.com/error?code=50058 page');
  });

  it('decodes named and numeric entities', () => {
    expect(unescapeTeamsHtml('&lt;x&gt;&nbsp;&quot;&#39;&#x41;&#66;&amp;amp;')).toBe(
      '<x> "\'AB&amp;',
    );
  });

  it('does not mistake a comparison for a tag', () => {
    expect(unescapeTeamsHtml('a < b and c > d')).toBe('a < b and c > d');
  });

  it('leaves unknown or invalid entities as they are', () => {
    expect(decodeEntities('&bogus; &#xD800; &#0;')).toBe('&bogus; &#xD800; &#0;');
  });
});

describe('capInput', () => {
  it('keeps short text and cuts long text', () => {
    expect(capInput('abc', 5)).toEqual({ text: 'abc', truncated: false });
    expect(capInput('abcdef', 5)).toEqual({ text: 'abcde', truncated: true });
  });

  it('never splits a surrogate pair', () => {
    const text = `abcd${'😀'}`;
    expect(capInput(text, 5)).toEqual({ text: 'abcd', truncated: true });
  });
});

describe('stripTerminalColours', () => {
  const ESC = '\u001b';

  it('removes colour codes with their ESC, of any letter', () => {
    expect(stripTerminalColours(`${ESC}[32;1mErrorCode : ${ESC}[0m50126${ESC}[K`)).toBe(
      'ErrorCode : 50126',
    );
  });

  it('removes style codes whose ESC was lost in a copy', () => {
    expect(stripTerminalColours('[32;1mCorrelationId : [0m1b9752c4')).toBe(
      'CorrelationId : 1b9752c4',
    );
  });

  it('leaves brackets that are not style codes', () => {
    const text = '"error_codes":[50126] [INFO] [1] [12ms] [x;1m] [1m]';
    expect(stripTerminalColours(text)).toBe(text);
    // a timing is not a style even where colour codes are removed
    expect(stripTerminalColours('[0m[12ms] [1mdone')).toBe('[12ms] [1mdone');
  });

  it('looks for colour codes in the head only, then cleans the whole text', () => {
    const tail = `${'X'.repeat(100)}[0m50126`;
    expect(stripTerminalColours(tail, 50)).toBe(tail);
    expect(stripTerminalColours(`[0m${tail}`, 50)).toBe(`${'X'.repeat(100)}50126`);
  });
});
