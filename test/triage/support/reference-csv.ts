/**
 * The reference reader for differential tests: CSV rows read by csv-parse with the options the
 * tokenizer reproduces (csvParseOptions), turned into rows by buildRow and folded with add(), as
 * the triage read CSV before it had its own tokenizer. On a record csv-parse rejects (an unclosed
 * quote, over the size cap) or one whose quote ran over line ends with the wrong column count, a
 * fresh parser resumes on the line after that record's first line, and the record counts once.
 * Two slips of that earlier reader are fixed here, as the tokenizer fixes them: empty lines before a
 * bad record made it count twice, and when the bad record's first line ended in a later chunk the
 * rest of that line was read as another record.
 */
import { type Parser, parse } from 'csv-parse';
import type { Catalog } from '../../../src/core/catalog/load.js';
import { TriageAggregator } from '../../../src/core/triage/aggregate.js';
import {
  buildRow,
  type ColumnMap,
  mapColumns,
  normalizeHeader,
  shapeOf,
} from '../../../src/core/triage/columns.js';
import { csvParseOptions, sniffDelimiter } from '../../../src/core/triage/csv-reader.js';
import { summarize } from '../../../src/core/triage/summary.js';
import type { TriageSummary } from '../../../src/core/triage/types.js';

// thrown from csv-parse's callbacks to stop it at a bad record
const STOP = new Error('stop at a malformed record');

class ReferenceReader {
  private parser: Parser;
  private map: ColumnMap | undefined;
  private width = 0;
  /** the header has no result column */
  fatal = false;
  /** the current parser's whole input (the tests' inputs are small) */
  private input = Buffer.alloc(0);
  /** offset just past the last record csv-parse emitted */
  private lastGoodEnd = 0;
  private stopped = false;
  /** the bad record's first line goes on into the next chunks: drop bytes up to its end */
  private skipLine = false;
  readonly names = new Set<string>();

  constructor(
    private readonly agg: TriageAggregator,
    private readonly delimiter: string,
  ) {
    this.parser = this.createParser();
  }

  private createParser(): Parser {
    const parser = parse({
      ...csvParseOptions(this.delimiter),
      on_record: (record: string[], info: { bytes: number }) => {
        const spansLines = record.some((cell) => cell.includes('\n'));
        if (this.map !== undefined && record.length !== this.width && spansLines) {
          this.stopped = true;
          throw STOP;
        }
        this.lastGoodEnd = info.bytes;
        this.onRecord(record);
        return null;
      },
      on_skip: () => {
        this.stopped = true;
        throw STOP;
      },
    });
    parser.on('error', () => undefined);
    parser.resume();
    return parser;
  }

  write(chunk: Buffer): void {
    let next: Buffer | undefined = chunk;
    if (this.skipLine) {
      const newline = chunk.indexOf(0x0a);
      if (newline < 0) return;
      this.skipLine = false;
      next = chunk.subarray(newline + 1);
    }
    while (next !== undefined && next.length > 0) {
      this.input = Buffer.concat([this.input, next]);
      this.parser.write(next);
      if (!this.stopped) return;
      next = this.restart();
    }
  }

  async end(): Promise<void> {
    for (;;) {
      const parser = this.parser;
      await new Promise<void>((resolve, reject) => {
        parser.once('end', resolve);
        parser.once('error', (error: unknown) => (error === STOP ? resolve() : reject(error)));
        parser.end();
      });
      if (!this.stopped) return;
      const rest = this.restart();
      if (rest !== undefined) this.write(rest);
    }
  }

  // count the bad record once, then resume after its first line with a fresh parser
  private restart(): Buffer | undefined {
    this.stopped = false;
    this.agg.addMalformed();
    let from = this.lastGoodEnd;
    // skipped empty lines lie between the last good record and the bad one
    while (this.input[from] === 0x0a || this.input[from] === 0x0d) from++;
    const newline = this.input.indexOf(0x0a, from);
    const rest = newline >= 0 ? this.input.subarray(newline + 1) : undefined;
    this.skipLine = newline < 0;
    this.parser.destroy();
    this.parser = this.createParser();
    this.input = Buffer.alloc(0);
    this.lastGoodEnd = 0;
    return rest;
  }

  private onRecord(record: string[]): void {
    if (this.fatal) return;
    const map = this.map;
    if (map === undefined) {
      const header = mapColumns(record);
      for (const cell of record) {
        const name = normalizeHeader(cell);
        if (name !== '') this.names.add(name);
      }
      if (header.code === undefined && header.status === undefined) this.fatal = true;
      this.map = header;
      this.width = record.length;
      return;
    }
    if (record.length !== this.width) {
      this.agg.addMalformed();
      return;
    }
    const cell = (index: number | undefined) => (index === undefined ? undefined : record[index]);
    this.agg.add(
      buildRow({
        code: cell(map.code),
        status: cell(map.status),
        time: cell(map.time),
        user: cell(map.user),
        ip: cell(map.ip),
        app: cell(map.app),
        clientApp: cell(map.clientApp),
      }),
    );
  }
}

/** the summary the reference reader gives for UTF-8 CSV pieces (undefined: no result column) */
export async function referenceCsvSummary(
  pieces: readonly (string | Buffer)[],
  catalog: Catalog,
  showIdentities = false,
): Promise<TriageSummary | undefined> {
  const chunks = pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p));
  const head = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  const delimiter = sniffDelimiter(head);
  const agg = new TriageAggregator(showIdentities);
  const reader = new ReferenceReader(agg, delimiter);
  for (const chunk of chunks) reader.write(chunk);
  await reader.end();
  if (reader.fatal) return undefined;
  return summarize(agg, catalog, { format: 'csv', shape: shapeOf(reader.names), delimiter });
}
