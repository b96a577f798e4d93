/**
 * A table of helpdesk messages about sign-ins, full of numbers: each must give exactly the codes
 * listed (order of appearance), in a channel or addressed to the bot as the row says. Rows marked
 * "# not yet:" are known gaps and are not run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { extract } from '../../src/core/extract/extract.js';
import { knowledgeOf } from '../../src/core/knowledge.js';

const knowledge = knowledgeOf(loadCatalog());
const FILE = new URL('../fixtures/chat/helpdesk-numbers.tsv', import.meta.url);

interface Row {
  line: number;
  text: string;
  encoding: 'plain' | 'slack' | 'teams-html';
  addressed: boolean;
  codes: number[];
  context: Array<[string, string]>;
}

const unescapeCell = (s: string) =>
  s.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));

const rows: Row[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .map((line, i) => ({ line, number: i + 1 }))
  .filter(({ line }) => line.trim() !== '' && !line.startsWith('#'))
  .map(({ line, number }) => {
    const [text = '', encoding = 'plain', addressed = 'false', codes = '', note = ''] =
      line.split('\t');
    return {
      line: number,
      text: unescapeCell(text),
      encoding: encoding as Row['encoding'],
      addressed: addressed === 'true',
      codes: codes
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
        .map(Number),
      context: note.startsWith('ctx:')
        ? note
            .slice(4)
            .split(';')
            .filter(Boolean)
            .map((pair) => pair.split('=') as [string, string])
        : [],
    };
  });

describe('helpdesk chat full of numbers', () => {
  it('has both kinds of rows', () => {
    expect(rows.filter((r) => r.codes.length === 0).length).toBeGreaterThan(50);
    expect(rows.filter((r) => r.codes.length > 0).length).toBeGreaterThan(50);
  });

  it.each(rows)('line $line: $text', (row) => {
    const found = extract(row.text, {
      knowledge,
      addressed: row.addressed,
      encoding: row.encoding,
    });
    expect(found.codes.map((c) => c.code)).toEqual(row.codes);
    for (const [field, value] of row.context) {
      expect((found.context as Record<string, string | undefined>)[field] ?? '').toBe(value ?? '');
    }
  });
});
