/**
 * A guard against catastrophic patterns, not a benchmark: every input is ~40 KB and built to hurt
 * a backtracking regex or a recursive parser. The budget is generous on purpose.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/core/extract/extract.js';
import { handleMessage } from '../../src/core/handle.js';
import { knowledgeOf } from '../../src/core/knowledge.js';
import { fixtureCatalog } from './helpers.js';

const SIZE = 40_000;
const BUDGET_MS = 1_000;
const catalog = fixtureCatalog();
const knowledge = knowledgeOf(catalog);
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const INPUTS: Record<string, string> = {
  'a × 40000': fill('a'),
  'AADSTS repeated': fill('AADSTS'),
  'AADSTS: repeated': fill('AADSTS: '),
  'Trace ID: repeated': fill('Trace ID: '),
  'Correlation ID: with half a GUID': fill('Correlation ID: 0b5c6f1e-2f4a-'),
  'deeply nested brackets': `${'['.repeat(SIZE / 2)}${']'.repeat(SIZE / 2)}`,
  'deeply nested objects': `${'{"a":'.repeat(SIZE / 6)}1${'}'.repeat(SIZE / 6)}`,
  'unclosed braces': fill('{"errorCode":'),
  'quotes and braces': fill(`{'"`),
  'error code labels': fill('Error code: '),
  'error_codes lists': fill('"error_codes":[5012,'),
  'ResultType in (': fill('ResultType in ('),
  digits: fill('1234567890'),
  'digits and commas': fill('50126, '),
  'html tags': fill('<p><a href="'),
  'lone angle brackets': fill('<'),
  entities: fill('&#x41;&amp;'),
  'CSV header then rows': `ResultType,b,c\n${fill('"50126,",x,"y\n')}`,
  'tab key/value lines without codes': fill('ResultType\tx\n'),
  'CSV headers without codes': fill('ResultType,a\n'),
  'table headers and rulers without codes': fill('ResultType  A\n----------  -\n'),
  'fixed-width tables': fill('ErrorCode Note\n--------- ----\n    50126 x\n'),
  'terminal colour codes': fill('\u001b[32;1mErrorCode : \u001b[0m'),
  'colour codes without ESC': fill('[32;1m[0m[1;'),
  'timestamped list lines': `"error_codes": [${fill('\n2025-09-30T11:08:20.4275724Z   |  ')}`,
  'eyJ repeated': fill('eyJ.'),
  'Q~ repeated': fill('abc1Q~'),
  'invalid_request: repeated': fill('invalid_request: 5'),
  'sign-in words and numbers': fill('login 50126 '),
  'long message-like text': fill('access has been blocked by '),
};

describe('adversarial inputs finish quickly', () => {
  for (const [name, text] of Object.entries(INPUTS)) {
    it(name, () => {
      for (const encoding of ['plain', 'slack', 'teams-html'] as const) {
        const start = performance.now();
        extract(text, { encoding, knowledge, addressed: true });
        handleMessage({ text, surface: 'passive', encoding }, { catalog });
        expect(performance.now() - start).toBeLessThan(BUDGET_MS);
      }
    });
  }
});

/**
 * The CLI reads up to 1 MB: a rule that reads ahead from every anchor is quadratic and shows it
 * only at that size (at 40 KB it can stay under the budget).
 */
describe('CLI-sized adversarial inputs finish quickly', () => {
  const BIG = 400_000;
  const big = (unit: string) => unit.repeat(Math.ceil(BIG / unit.length)).slice(0, BIG);
  const inputs: Record<string, string> = {
    'table headers and rulers without codes': big('ResultType  A\n----------  -\n'),
    'CSV headers without codes': big('ResultType,a\n'),
    'tab key/value lines without codes': big('ResultType\tx\n'),
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(name, () => {
      const start = performance.now();
      extract(text, { knowledge, addressed: true, maxChars: BIG });
      expect(performance.now() - start).toBeLessThan(BUDGET_MS);
    });
  }
});
