import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksUrlEncoded, urlDecoded } from '../../src/core/extract/url-decoded.js';

describe('urlDecoded', () => {
  it('decodes form encoding: "+" and %XX escapes, in either case', () => {
    expect(urlDecoded('Trace+ID%3a+x%0D%0AEnd')).toBe('Trace ID: x\r\nEnd');
    expect(urlDecoded('caf%C3%A9 %E2%82%AC')).toBe('café €');
  });

  it('keeps escapes that are not two hex digits and marks bytes that are not UTF-8', () => {
    expect(urlDecoded('100%+%zz%4')).toBe('100% %zz%4');
    expect(urlDecoded('a%e2%28%a1b')).toBe('a\ufffd(\ufffdb');
  });

  it('decodes long runs of escapes', () => {
    expect(urlDecoded('%41'.repeat(5000))).toBe('A'.repeat(5000));
    expect(urlDecoded('%C3%A9'.repeat(5000))).toBe('é'.repeat(5000));
  });

  it('inverts encodeURIComponent, spaces written as %20 or +', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const encoded = encodeURIComponent(text);
        expect(urlDecoded(encoded)).toBe(text);
        expect(urlDecoded(encoded.replaceAll('%20', '+'))).toBe(text);
      }),
    );
  });

  it('never throws and never grows the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'%+0aAfFgz9 é'.split('')) }), (text) => {
        expect(urlDecoded(text).length).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});

describe('looksUrlEncoded', () => {
  it('recognizes an encoded error response and nothing else', () => {
    expect(looksUrlEncoded('?error=x&error_description=aadsts50105%3a+x')).toBe(true);
    expect(looksUrlEncoded('aadsts50105%3a+x.%0d%0atrace+id%3a+y')).toBe(true);
    expect(looksUrlEncoded('correlation%20id%3a%20y')).toBe(true);
    expect(looksUrlEncoded('aadsts50105: x. trace id: y, 100% sure')).toBe(false);
    expect(looksUrlEncoded("aad_error_handler: error_description='aadsts700082: x'")).toBe(false);
  });
});
