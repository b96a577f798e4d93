/**
 * Property tests for the extractor. Runs default to 200; `npm run fuzz` raises FUZZ_RUNS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract/extract.js';
import { unescapeSlack, unescapeTeamsHtml } from '../../src/core/extract/normalize.js';
import { knowledgeOf } from '../../src/core/knowledge.js';
import { escapeHtml, escapeSlack, fixtureCatalog } from './helpers.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 200);
const knowledge = knowledgeOf(fixtureCatalog());

/** text that cannot form a code on its own: no digits */
const filler = fc.string({
  unit: fc.constantFrom(...'abcdefghij XYZ:,.-_"\'()[]{}\n\t<>&|*`'.split('')),
});
const code = fc.integer({ min: 10_000, max: 9_999_999 });
const anyText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json(),
);
const spellings = [
  'AADSTS',
  'aadsts',
  'AADSTS:',
  'AADSTS ',
  'AADSTS：',
  'Error Code: ',
  '"errorCode": ',
];

describe('extract properties', () => {
  it('never throws and returns well-formed results', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom('plain', 'slack', 'teams-html') as fc.Arbitrary<
          'plain' | 'slack' | 'teams-html'
        >,
        fc.boolean(),
        (text, encoding, addressed) => {
          const found = extract(text, { encoding, knowledge, addressed });
          for (const c of found.codes) {
            expect(Number.isInteger(c.code)).toBe(true);
            expect(String(c.code)).toMatch(/^[1-9]\d{4,6}$/);
          }
          expect(new Set(found.codes.map((c) => c.code)).size).toBe(found.codes.length);
        },
      ),
      { numRuns },
    );
  });

  it('finds a code planted in random text', () => {
    fc.assert(
      fc.property(
        filler,
        filler,
        code,
        fc.constantFrom(...spellings),
        (before, after, n, spelling) => {
          // a separator keeps the planted code from gluing to letters around it
          const text = `${before} ${spelling}${n} ${after}`;
          expect(extract(text).codes.map((c) => c.code)).toContain(n);
        },
      ),
      { numRuns },
    );
  });

  it('finds planted codes in order of appearance', () => {
    fc.assert(
      fc.property(fc.uniqueArray(code, { minLength: 1, maxLength: 6 }), filler, (codes, gap) => {
        const text = codes.map((n) => `AADSTS${n}`).join(` ${gap} `);
        expect(extract(text).codes.map((c) => c.code)).toEqual(codes);
      }),
      { numRuns },
    );
  });

  it('round-trips Slack and HTML escaping', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(unescapeSlack(escapeSlack(text))).toBe(text);
        expect(unescapeTeamsHtml(escapeHtml(text))).toBe(text);
      }),
      { numRuns },
    );
  });

  it('finds the same codes in a message however the platform escaped it', () => {
    fc.assert(
      fc.property(filler, code, filler, (a, n, b) => {
        const text = `${a} AADSTS${n} ${b}`;
        const plain = extract(text).codes.map((c) => c.code);
        expect(extract(escapeSlack(text), { encoding: 'slack' }).codes.map((c) => c.code)).toEqual(
          plain,
        );
        expect(
          extract(escapeHtml(text), { encoding: 'teams-html' }).codes.map((c) => c.code),
        ).toEqual(plain);
      }),
      { numRuns },
    );
  });

  it('finds nothing in text without digits', () => {
    fc.assert(
      fc.property(filler, (text) => {
        expect(extract(text, { knowledge, addressed: true }).codes).toEqual([]);
      }),
      { numRuns },
    );
  });
});
