import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctCounter, HashSet53, hash53, hash53Ascii } from '../../src/core/triage/distinct.js';
import { JsonRecordScanner } from '../../src/core/triage/json-scanner.js';
import { looksLikeSignInRows } from '../../src/core/triage/paste.js';
import { parseTimestamp, parseTimestampByPattern } from '../../src/core/triage/time.js';

function scan(pieces: string[]) {
  const records: unknown[] = [];
  let malformed = 0;
  const scanner = new JsonRecordScanner(
    { record: (t) => records.push(JSON.parse(t)), malformed: () => malformed++ },
    1_000_000,
    64,
  );
  for (const p of pieces) scanner.push(p);
  scanner.end();
  return { records, malformed };
}

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

describe('JSON record scanner', () => {
  const record = fc.dictionary(
    fc.string({ maxLength: 8 }).filter((k) => k !== 'value'),
    fc.jsonValue({ maxDepth: 4 }),
    { maxKeys: 6 },
  );

  it('finds the same records however the text is cut (arrays, Graph pages, NDJSON)', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('array', 'page', 'ndjson', 'pretty'),
        (records, cuts, shape) => {
          const text =
            shape === 'array'
              ? JSON.stringify(records)
              : shape === 'page'
                ? JSON.stringify({ '@odata.context': 'c', value: records, '@odata.nextLink': '{[' })
                : shape === 'ndjson'
                  ? records.map((r) => JSON.stringify(r)).join('\n')
                  : records.map((r) => JSON.stringify(r, null, 2)).join('\n');
          const result = scan(split(text, cuts));
          expect(result.malformed).toBe(0);
          expect(result.records).toEqual(JSON.parse(JSON.stringify(records)));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('counts a record beyond the size cap as malformed and keeps going', () => {
    const scanner = new JsonRecordScanner(
      { record: () => undefined, malformed: () => undefined },
      100,
      64,
    );
    const seen: string[] = [];
    let bad = 0;
    const s2 = new JsonRecordScanner(
      { record: (t) => seen.push(t), malformed: () => bad++ },
      100,
      64,
    );
    s2.push(`[{"a":"${'x'.repeat(200)}"},`);
    s2.push('{"b":1}]');
    s2.end();
    scanner.end();
    expect(bad).toBe(1);
    expect(seen).toEqual(['{"b":1}']);
  });
});

describe('distinct counting', () => {
  it('is exact up to the cap', () => {
    const counter = new DistinctCounter(1000);
    for (let i = 0; i < 3000; i++) counter.addHash(hash53(`user${i % 1000}@contoso.example`));
    expect(counter.result()).toEqual({ count: 1000, exact: true });
  });

  it('estimates within 5 % beyond the cap and says so', () => {
    for (const n of [5_000, 50_000, 300_000]) {
      const counter = new DistinctCounter(1000);
      for (let i = 0; i < n; i++)
        counter.addHash(hash53(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`));
      const { count, exact } = counter.result();
      expect(exact).toBe(false);
      expect(Math.abs(count - n) / n).toBeLessThan(0.05);
    }
  });

  it('hashes ASCII bytes as it hashes the decoded (lower-cased) string, and refuses other bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary-ascii', maxLength: 40 }),
        fc.boolean(),
        (text, lower) => {
          const bytes = Buffer.from(`##${text}##`, 'latin1');
          const expected = hash53(lower ? text.toLowerCase() : text);
          expect(hash53Ascii(bytes, 2, bytes.length - 2, lower)).toBe(expected);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
    const bytes = Buffer.from('jürgen@contoso.example', 'utf8');
    expect(hash53Ascii(bytes, 0, bytes.length, true)).toBe(-1);
    expect(hash53Ascii(bytes, 0, 2, true)).toBe(-1);
    expect(hash53Ascii(bytes, 0, 1, true)).toBe(hash53('j'));
  });

  it('keeps a hash set that agrees with a Set, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, 1, 2 ** 32, 2 ** 53 - 1),
            fc.nat(300),
            fc.string({ maxLength: 6 }).map(hash53),
          ),
          { maxLength: 400 },
        ),
        (values) => {
          const set = new HashSet53(4);
          const reference = new Set<number>();
          for (const v of values) expect(set.add(v)).toBe(!reference.has(v) && !!reference.add(v));
          expect(set.size).toBe(reference.size);
          expect([...set.values()].sort((a, b) => a - b)).toEqual(
            [...reference].sort((a, b) => a - b),
          );
          for (const v of values) expect(set.has(v)).toBe(true);
          expect(set.has(2 ** 53 - 2)).toBe(reference.has(2 ** 53 - 2));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('hashes similar strings apart', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(hash53(`192.0.${i >> 8}.${i & 255}`));
    expect(seen.size).toBe(100_000);
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-11-20T08:15:30Z', '2026-11-20T08:15:30.000Z'],
    ['2026-11-20T08:15:30.1234567Z', '2026-11-20T08:15:30.123Z'],
    ['2026-11-20 08:15:30', '2026-11-20T08:15:30.000Z'],
    ['2026-11-20T10:15:30+02:00', '2026-11-20T08:15:30.000Z'],
    ['11/20/2026, 8:15:30.123 AM', '2026-11-20T08:15:30.123Z'],
    ['11/20/2026, 12:05:00.000 AM', '2026-11-20T00:05:00.000Z'],
    ['11/20/2026, 12:05:00 PM', '2026-11-20T12:05:00.000Z'],
    ['11/20/2026, 8:15:30.000 PM', '2026-11-20T20:15:30.000Z'],
  ])('%s', (text, iso) => {
    const ms = parseTimestamp(text);
    expect(ms === undefined ? undefined : new Date(ms).toISOString()).toBe(iso);
  });

  it('rejects what it does not know', () => {
    for (const text of ['yesterday', '', '2026-11-20', `2026-11-20T08:15:30Z${' '.repeat(100)}x`]) {
      expect(parseTimestamp(text)).toBeUndefined();
    }
  });
});

describe('pasted blocks', () => {
  const header = 'Date (UTC)\tUsername\tApplication\tStatus\tSign-in error code';
  const line = (n: number) =>
    `2026-11-20 08:0${n}:00\tu${n}@contoso.example\tTeams\tFailure\t50126`;

  it('needs a result column and enough rows', () => {
    const rows = (n: number) =>
      [header, ...Array.from({ length: n }, (_, i) => line(i))].join('\n');
    expect(looksLikeSignInRows(rows(5))).toBe(true);
    expect(looksLikeSignInRows(rows(4))).toBe(false);
    expect(
      looksLikeSignInRows(
        rows(8).replace('Sign-in error code', 'Comment').replace('Status', 'Note'),
      ),
    ).toBe(false);
    expect(looksLikeSignInRows('AADSTS50126 and AADSTS53003\nplease help\n\n\n\n\n\n')).toBe(false);
  });

  it('finds every code or status column name the exports use, after up to three lines of prose', () => {
    const names = [
      'Sign-in error code',
      'SIGN-IN ERROR CODE',
      'ResultType',
      'resultType',
      'Error Code',
      'error_code',
      'status.errorCode',
      'Status',
      'Result',
      '登录错误代码',
      '错误代码',
      '状态',
    ];
    for (const name of names) {
      const table = [
        'failures since nine:',
        'see below',
        `Date (UTC),Username,${name}`,
        ...Array.from(
          { length: 5 },
          (_, i) => `2026-11-20 08:0${i}:00,u${i}@contoso.example,50126`,
        ),
      ].join('\n');
      expect(looksLikeSignInRows(table), name).toBe(true);
      expect(looksLikeSignInRows(table.replace(name, 'Note')), name).toBe(false);
    }
  });

  it('recognizes pasted JSON records after a byte order mark and blank lines', () => {
    const records = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({ status: { errorCode: 50126 }, n: i }),
    );
    expect(looksLikeSignInRows(`\ufeff\n  [${records.join(',')}]`)).toBe(true);
    expect(looksLikeSignInRows(`note: [${records.join(',')}]`)).toBe(false);
  });

  it('recognizes pasted JSON records', () => {
    const records = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({ status: { errorCode: 50126 }, n: i }),
    );
    expect(looksLikeSignInRows(`[${records.join(',')}]`)).toBe(true);
    expect(looksLikeSignInRows(`[${records.slice(0, 2).join(',')}]`)).toBe(false);
  });
});

describe('timestamp fast paths agree with the full parser', () => {
  it('for every minute of two days in both export formats', () => {
    const start = Date.UTC(2026, 11, 31, 0, 0, 0);
    for (let k = 0; k < 2 * 24 * 60; k += 7) {
      const ms = start + k * 60_000 + (k % 60) * 1000 + (k % 1000);
      const d = new Date(ms);
      const h = d.getUTCHours();
      const pad = (n: number, w = 2) => String(n).padStart(w, '0');
      const us = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
      expect(parseTimestamp(d.toISOString())).toBe(ms);
      expect(parseTimestamp(us)).toBe(ms);
    }
  });

  it('agree with the patterns on generated variants (case, white space, fractions, 12-hour clock)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const space = fc.constantFrom('', ' ', '\u202f', '\u00a0', '\t');
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1999, max: 2031 }),
          mo: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
          h: fc.integer({ min: 0, max: 24 }),
          mi: fc.integer({ min: 0, max: 60 }),
          s: fc.integer({ min: 0, max: 61 }),
          fraction: fc.stringMatching(/^\d{0,10}$/),
          meridiem: fc.constantFrom('', 'AM', 'PM', 'am', 'pm', 'Pm', 'XM', 'A'),
          before: space,
          after: space,
          iso: fc.boolean(),
          zone: fc.constantFrom('', 'Z', 'z'),
          separator: fc.constantFrom('T', ' '),
        }),
        (t) => {
          const fraction = t.fraction === '' ? '' : `.${t.fraction}`;
          const text = t.iso
            ? `${t.before}${t.y}-${two(t.mo)}-${two(t.d)}${t.separator}${two(t.h)}:${two(t.mi)}:${two(t.s)}${fraction}${t.zone}${t.after}`
            : `${t.before}${t.mo}/${t.d}/${t.y}, ${t.h}:${two(t.mi)}:${two(t.s)}${fraction}${t.meridiem === '' ? '' : ` ${t.meridiem}`}${t.after}`;
          const expected = parseTimestampByPattern(text);
          if (expected !== undefined) expect(parseTimestamp(text)).toBe(expected);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('rejects malformed variants', () => {
    for (const text of [
      '2026-13-40T08:15:30Z',
      '2026-11-20T08:15:3xZ',
      '11/20/2026, 8:15 XM',
      '11/20/20x6, 8:15:00 AM',
    ]) {
      expect(parseTimestamp(text)).toBeUndefined();
    }
  });
});

describe('expected interrupts from the shipped catalog', () => {
  it('adds the catalog’s informational interrupts to the fixed list, and only those', async () => {
    const { loadCatalog } = await import('../../src/core/catalog/load.js');
    const { interruptCodes } = await import('../../src/core/triage/summary.js');
    const codes = interruptCodes(loadCatalog());
    for (const code of [50058, 50140, 16000]) expect(codes.has(code)).toBe(true);
    for (const code of [50126, 50053, 53003, 500121, 50074]) expect(codes.has(code)).toBe(false);
  });
});

describe('CSV recovery', () => {
  it('a single broken line never costs the good rows around it, however the input is cut', async () => {
    const { triageStream } = await import('../../src/core/triage/triage.js');
    const { testCatalog } = await import('./support/catalog.js');
    const catalog = testCatalog();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.nat(),
        fc.constantFrom('x,"y', '"', 'a,"b,"c', 'a"b,c"d', ',,,,,,', '"a"b"'),
        fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 6 }),
        async (n, at, garbage, cuts) => {
          const lines = Array.from(
            { length: n },
            (_, i) => `2026-11-20T08:00:00Z,u${i},${i % 3 ? 0 : 50126}`,
          );
          lines.splice(at % (n + 1), 0, garbage);
          const text = `Date,User,ResultType\n${lines.join('\n')}\n`;
          const summary = await triageStream(split(text, cuts), { catalog });
          expect(summary.totals.rows).toBe(n);
          expect(summary.totals.malformed).toBe(1);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});
