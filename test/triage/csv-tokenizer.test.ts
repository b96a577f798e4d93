import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvParseOptions } from '../../src/core/triage/csv-reader.js';
import { type CsvFields, CsvTokenizer } from '../../src/core/triage/csv-tokenizer.js';
import { triageStream } from '../../src/core/triage/triage.js';
import { testCatalog } from './support/catalog.js';
import { referenceCsvSummary } from './support/reference-csv.js';

const catalog = testCatalog();
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

interface Tokenized {
  records: string[][];
  broken: number;
  tokenizer: CsvTokenizer;
}

/** the records of `pieces`; `reject` may turn a record down as broken */
function tokenize(
  pieces: readonly (string | Buffer)[],
  options: { delimiter?: string; max?: number; reject?: (f: CsvFields) => boolean } = {},
): Tokenized {
  const out: Tokenized = { records: [], broken: 0, tokenizer: undefined as never };
  out.tokenizer = new CsvTokenizer(
    (options.delimiter ?? ',').charCodeAt(0),
    {
      record(fields) {
        if (options.reject?.(fields)) return false;
        out.records.push(fields.texts());
        return true;
      },
      broken() {
        out.broken++;
      },
    },
    options.max ?? 1_000_000,
  );
  for (const p of pieces) out.tokenizer.push(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  out.tokenizer.end();
  return out;
}

/** the bytes of `text` cut at the given points (which may fall inside a UTF-8 sequence) */
function cut(text: string | Buffer, cuts: readonly number[]): Buffer[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** what csv-parse reads, or undefined when it reports a bad record */
function csvParse(text: string, delimiter = ','): string[][] | undefined {
  let errors = 0;
  const records = parse(text, {
    ...csvParseOptions(delimiter),
    on_skip: () => {
      errors++;
    },
  }) as string[][];
  return errors === 0 ? records : undefined;
}

describe('CSV tokenizer against csv-parse', () => {
  const piece = fc.constantFrom('a', 'b', 'é', '日', ' ', ',', ';', '\t', '"', '""', '\n', '\n\n');

  it('reads every record csv-parse reads, with LF or CRLF, however the bytes are cut', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (pieces, eol, delimiter, bom, cuts) => {
          const text = `${bom ? '\ufeff' : ''}${pieces.join('').replaceAll('\n', eol)}`;
          const expected = csvParse(text, delimiter);
          if (expected === undefined) return;
          compared++;
          const got = tokenize(cut(text, cuts), { delimiter });
          expect(got.broken).toBe(0);
          expect(got.records).toEqual(expected);
        },
      ),
      { numRuns: RUNS * 3 },
    );
    // most generated inputs are readable, so the comparison is not vacuous
    expect(compared).toBeGreaterThan(RUNS);
  });

  it('reads quoted fields, doubled quotes and early closing quotes as csv-parse does', () => {
    const text =
      'a,"b,c","d""e",f\n"multi\nline",x,"",y\n"a""b"c,"x"y"z,"q"" ",end\nplain"quote,x""y,"",\n';
    expect(tokenize([text]).records).toEqual(csvParse(text));
    expect(tokenize([text]).records[2]).toEqual(['"a"b"c', '"x"y"z', 'q" ', 'end']);
  });
});

describe('CSV tokenizer', () => {
  it('ends records at CRLF, LF and CR alike, and skips empty lines', () => {
    const got = tokenize(['a,b\r\nc,d\ne,f\rg,h\n\n\r\n\r\ni,j']);
    expect(got.records).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
      ['i', 'j'],
    ]);
  });

  it('marks a record whose quoted field holds a line break of any kind', () => {
    const flags = (text: string) => {
      const seen: boolean[] = [];
      tokenize([text], { reject: (f) => seen.push(f.multiline) < 0 });
      return seen;
    };
    expect(flags('"a\nb",c\n"a\r\nb",c\n"a\rb",c\n"a b",c\n"a""\n",c\n')).toEqual([
      true,
      true,
      true,
      false,
      true,
    ]);
  });

  it('reads records wider than its first field table', () => {
    const wide = Array.from({ length: 1000 }, (_, i) => (i % 3 ? `f${i}` : `"q,${i}"`));
    const expected = wide.map((cell) => cell.replaceAll('"', ''));
    expect(tokenize([`${wide.join(',')}\nx\n${wide.join(',')}`]).records).toEqual([
      expected,
      ['x'],
      expected,
    ]);
  });

  it('keeps a line of one quoted empty field and a line of spaces', () => {
    expect(tokenize(['a\n""\n  \n']).records).toEqual([['a'], [''], ['  ']]);
  });

  it('reads a trailing delimiter as an empty last field, with or without a final line break', () => {
    expect(tokenize(['a,\nb,']).records).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
  });

  it('drops a BOM only at the start, even when it arrives byte by byte', () => {
    const bytes = Buffer.from('\ufeffa,b\n\ufeffc,d\n', 'utf8');
    const got = tokenize(cut(bytes, [1, 2, 3, 4]));
    expect(got.records).toEqual([
      ['a', 'b'],
      ['\ufeffc', 'd'],
    ]);
    expect(tokenize([Buffer.from([0xef])]).records).toEqual([['\ufffd']]);
  });

  it('reads every record the same when fed one byte at a time', () => {
    const text = '"x""y",é,"日\r\n本"\r\n"a"b,c\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const oneByOne = tokenize([...bytes].map((b) => Buffer.from([b])));
    expect(oneByOne.records).toEqual(tokenize([text]).records);
    expect(oneByOne.records).toEqual([
      ['x"y', 'é', '日\r\n本'],
      ['"a"b', 'c'],
    ]);
  });

  it('costs an unclosed quote at the end its first line only', () => {
    const got = tokenize(['a,b\n"x,y\nc,d\n']);
    expect(got.records).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(got.broken).toBe(1);
    // the line that follows may arrive in a later chunk than the broken record's first bytes
    const later = tokenize(['a,b\n"x,', 'y', '\nc,d']);
    expect(later.records).toEqual(got.records);
    expect(later.broken).toBe(1);
  });

  it('resumes after the first line of a record the handler rejects', () => {
    const got = tokenize(['h1,h2\n"one\ntwo\nthree",x,y\nlast,row\n'], {
      reject: (f) => f.multiline && f.count !== 2,
    });
    expect(got.records).toEqual([['h1', 'h2'], ['two'], ['three"', 'x', 'y'], ['last', 'row']]);
    expect(got.broken).toBe(1);
  });

  it('breaks a record over the size cap and resumes on its next line, in one chunk or many', () => {
    const long = `a,${'x'.repeat(150)}`;
    const text = `h1,h2\n${long}\nb,c\n"${'y'.repeat(150)}\nq",r\n`;
    for (const pieces of [[text], cut(text, [10, 50, 100, 170, 200, 260])]) {
      const got = tokenize(pieces, { max: 100 });
      expect(got.records).toEqual([
        ['h1', 'h2'],
        ['b', 'c'],
        ['q"', 'r'],
      ]);
      expect(got.broken).toBe(2);
    }
    // at the cap itself a record is still read
    expect(tokenize([`${'z'.repeat(100)}\n`], { max: 100 }).records).toEqual([['z'.repeat(100)]]);
  });

  it('keeps memory bounded by the cap while a line never ends', () => {
    const max = 10_000;
    const chunk = Buffer.alloc(1024, 0x61);
    const got: string[][] = [];
    let broken = 0;
    const tokenizer = new CsvTokenizer(
      0x2c,
      { record: (f) => got.push(f.texts()) > 0, broken: () => broken++ },
      max,
    );
    let peak = 0;
    for (let i = 0; i < 1000; i++) {
      tokenizer.push(chunk);
      peak = Math.max(peak, tokenizer.retainedBytes);
    }
    tokenizer.push(Buffer.from('\nnext,row\n'));
    tokenizer.end();
    expect(peak).toBeLessThanOrEqual(2 * (max + chunk.length));
    expect(broken).toBe(1);
    expect(got).toEqual([['next', 'row']]);
  });

  it('scans a long record cut into one-byte chunks in linear time', () => {
    const field = 'v'.repeat(200_000);
    const bytes = Buffer.from(`"${field}",w\n`, 'utf8');
    const pieces = [...bytes].map((b) => Buffer.from([b]));
    const got = tokenize(pieces);
    expect(got.records).toEqual([[field, 'w']]);
    expect(got.tokenizer.scannedBytes).toBeLessThan(4 * bytes.length);
  });

  it('refuses a quote or a line break as the delimiter', () => {
    const handler = { record: () => true, broken: () => undefined };
    for (const d of ['"', '\n', '\r']) {
      expect(() => new CsvTokenizer(d.charCodeAt(0), handler, 100)).toThrow(/delimiter/);
    }
  });
});

describe('CSV triage against the csv-parse reference reader', () => {
  const HEADER = [
    'TimeGenerated [UTC]',
    'UserPrincipalName',
    'IPAddress',
    'AppDisplayName',
    'ResultType',
    'ClientAppUsed',
  ];
  const quoteIfNeeded = (value: string, delimiter: string) =>
    value.includes('"') || value.includes(delimiter) || value.includes('\n')
      ? `"${value.replaceAll('"', '""')}"`
      : value;
  const time = fc.constantFrom(
    '2026-11-20T08:15:30Z',
    '2026-11-21 23:59:59',
    '11/20/2026, 8:15:30.123 PM',
    ' 2026-11-20T08:00:00.5Z ',
    'yesterday',
    '',
  );
  const user = fc.constantFrom(
    'Megan@Contoso.example',
    'megan@contoso.example',
    ' megan@contoso.example ',
    'jürgen@contoso.example',
    'JÜRGEN@contoso.example',
    '\u00a0alex@contoso.example\u00a0',
    'o"brien@contoso.example',
    '',
  );
  const ip = fc.constantFrom('192.0.2.1', '192.0.2.2', ' 192.0.2.1', '2001:db8::1', '');
  const app = fc.constantFrom('Microsoft Teams', 'App, "quoted"', 'Azure Portal ', '门户', '');
  const code = fc.constantFrom('0', '0', '50126', '53003', '50053', '500121', ' 50074 ', '-1');
  const codeMore = fc.constantFrom('abc', '', '1234567890', '0050126');
  const client = fc.constantFrom('Browser', 'IMAP4', ' imap4 ', 'Exchange ActiveSync', '');
  const goodRow = fc.tuple(time, user, ip, app, fc.oneof(code, codeMore), client);
  const garbage = fc.oneof(
    fc.constantFrom('x,"y', '"', 'a,"b,"c', 'a"b,c"d', ',,,,,,', '"a"b"', 'only,three,cells'),
    fc
      .array(fc.constantFrom('a', ',', '"', ' ', '\n', 'é'), { minLength: 1, maxLength: 12 })
      .map((p) => p.join('')),
  );
  const line = fc.oneof(
    { weight: 8, arbitrary: goodRow.map((cells) => ({ cells })) },
    { weight: 2, arbitrary: garbage.map((text) => ({ text })) },
    { weight: 1, arbitrary: fc.constant({ text: '' }) },
  );

  it('gives the same summary on exports with broken lines, however they are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 40 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (lines, delimiter, eol, bom, identities, cuts) => {
          const rows = lines.map((l) =>
            'cells' in l
              ? l.cells.map((c) => quoteIfNeeded(c, delimiter)).join(delimiter)
              : l.text.replaceAll(',', delimiter),
          );
          const text = `${bom ? '\ufeff' : ''}${[HEADER.join(delimiter), ...rows].join('\n')}\n`;
          const pieces = cut(text.replaceAll('\n', eol), cuts);
          const expected = await referenceCsvSummary(pieces, catalog, identities);
          const got = await triageStream(pieces, { catalog, showIdentities: identities });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('gives the same summary around records near and over the size cap', async () => {
    const head = `${HEADER.join(',')}\n2026-11-20T08:00:00Z,a@contoso.example,192.0.2.1,Teams,0,Browser\n`;
    const big = `2026-11-20T08:01:00Z,b@contoso.example,192.0.2.2,"${'n'.repeat(900_000)}",50126,Browser\n`;
    const huge = `2026-11-20T08:02:00Z,c@contoso.example,192.0.2.3,${'h'.repeat(1_200_000)},53003,Browser\n`;
    const tail = '2026-11-20T08:03:00Z,d@contoso.example,192.0.2.4,Teams,50053,IMAP4\n';
    const text = `${head}${big}${huge}${tail}`;
    const pieces = cut(text, [100_000, 500_000, 1_000_000, 1_500_000, 2_000_000]);
    const got = await triageStream(pieces, { catalog });
    expect(got.totals).toMatchObject({ rows: 3, malformed: 1, failures: 2 });
    expect(got.applications.map((a) => a.name.length).sort((a, b) => a - b)).toEqual([5, 900_000]);
    expect(got).toEqual(await referenceCsvSummary(pieces, catalog));
  });
});
