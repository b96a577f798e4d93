/**
 * CSV rows into the aggregator through csv-parse's streaming parser. Records are consumed inside
 * `on_record` (which returns null), so no record object is queued between parser and consumer.
 * The first record is the header; rows with another column count and records the parser rejects
 * (bad quoting, oversized) are counted as malformed and skipped.
 * See https://csv.js.org/parse/options/
 */
import { type Parser, parse } from 'csv-parse';
import type { TriageAggregator } from './aggregate.js';
import { type ColumnMap, mapColumns, normalizeHeader, rowFromCells } from './columns.js';
import { TRIAGE_LIMITS } from './constants.js';
import { TriageError } from './errors.js';

const CANDIDATES = [',', '\t', ';'] as const;
const SNIFF_CHARS = 65_536;

/** the delimiter of the first line: the most frequent of comma, tab and semicolon outside quotes */
export function sniffDelimiter(head: string): string {
  const counts = [0, 0, 0];
  let quoted = false;
  const end = Math.min(head.length, SNIFF_CHARS);
  for (let i = 0; i < end; i++) {
    const ch = head[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted) {
      const k = CANDIDATES.indexOf(ch as (typeof CANDIDATES)[number]);
      if (k >= 0) counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if ((counts[k] ?? 0) > (counts[best] ?? 0)) best = k;
  return CANDIDATES[best] ?? ',';
}

/** the options shared by the triage and the benchmark's bare parse, so both parse alike */
export function csvParseOptions(delimiter: string) {
  return {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: TRIAGE_LIMITS.csvRecordChars,
  };
}

// thrown from on_skip to stop csv-parse at the first bad record: after an error it does not find
// its way back (an opening quote that never closes swallows the rest of the input as one field)
const STOP = new Error('stop at a malformed record');

/**
 * Feeds CSV bytes to csv-parse and folds every row into the aggregator. The bytes since the end of
 * the last good record are kept (at most one record-size cap plus a chunk); at a malformed record
 * the parser is stopped, the record counted, and a fresh parser resumes on the next line.
 */
export class CsvRowReader {
  private parser: Parser;
  private map: ColumnMap | undefined;
  private width = 0;
  /** chunks fed to the current parser that may still be needed for a restart */
  private pending: Buffer[] = [];
  /** offset (in the current parser's input) of pending[0] */
  private pendingStart = 0;
  /** offset just past the last complete record, from csv-parse's info.bytes */
  private lastGoodEnd = 0;
  private stopped = false;
  /** a fatal problem found in the header; the caller stops feeding */
  fatal: TriageError | undefined;
  /** normalized names of the recognized header columns */
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
        if (this.map !== undefined && record.length !== this.width && spansLines(record)) {
          // a quote that opened by mistake ran over line ends and swallowed good rows
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
    // the STOP error surfaces as an 'error' event once the parser is already replaced
    parser.on('error', () => undefined);
    parser.resume();
    return parser;
  }

  /** writes one chunk, waiting when the parser asks for it */
  async write(input: Buffer | string): Promise<void> {
    let chunk: Buffer | undefined = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    while (chunk !== undefined && chunk.length > 0) {
      this.pending.push(chunk);
      const parser = this.parser;
      const ready = parser.write(chunk);
      if (!this.stopped) {
        if (!ready) await drained(parser);
        if (!this.stopped) {
          this.trimPending();
          return;
        }
      }
      chunk = this.restart();
    }
  }

  /** ends the input and waits for the last record */
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
      if (rest !== undefined) await this.write(rest);
    }
  }

  /** stops parsing (after a fatal header problem) */
  destroy(): void {
    this.parser.destroy();
  }

  // forget the chunks that lie wholly before the end of the last good record
  private trimPending(): void {
    while (this.pending.length > 1) {
      const first = this.pending[0] as Buffer;
      if (this.pendingStart + first.length > this.lastGoodEnd) break;
      this.pendingStart += first.length;
      this.pending.shift();
    }
  }

  // count the bad record, start a fresh parser, and return the bytes after the record's first line
  private restart(): Buffer | undefined {
    this.stopped = false;
    this.agg.addMalformed();
    const data = Buffer.concat(this.pending);
    const from = Math.max(0, this.lastGoodEnd - this.pendingStart);
    const newline = data.indexOf(0x0a, from + 1);
    this.parser.destroy();
    this.parser = this.createParser();
    this.pending = [];
    this.pendingStart = 0;
    this.lastGoodEnd = 0;
    return newline >= 0 ? data.subarray(newline + 1) : undefined;
  }

  private onRecord(record: string[]): void {
    if (this.fatal !== undefined) return;
    const map = this.map;
    if (map === undefined) {
      this.readHeader(record);
      return;
    }
    if (record.length !== this.width) {
      this.agg.addMalformed();
      return;
    }
    this.agg.add(rowFromCells(record, map));
  }

  private readHeader(record: string[]): void {
    const map = mapColumns(record);
    for (const header of record) {
      const name = normalizeHeader(header);
      if (name !== '') this.names.add(name);
    }
    if (map.code === undefined && map.status === undefined) {
      const known = Object.keys(map).length;
      this.fatal =
        known === 0
          ? new TriageError(
              'UNKNOWN_FORMAT',
              'not a sign-in log export: the first line has none of the known column names',
            )
          : new TriageError(
              'NO_SIGNIN_COLUMNS',
              'the header has no result column (ResultType, Sign-in error code, errorCode or Status)',
            );
      return;
    }
    this.map = map;
    this.width = record.length;
  }
}

function spansLines(record: readonly string[]): boolean {
  return record.some((cell) => cell.includes('\n'));
}

function drained(parser: Parser): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: unknown) => (error === STOP ? resolve() : reject(error));
    parser.once('error', onError);
    parser.once('drain', () => {
      parser.off('error', onError);
      resolve();
    });
  });
}
