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

/** feeds CSV text or bytes to csv-parse and folds every row into the aggregator */
export class CsvRowReader {
  private readonly parser: Parser;
  private map: ColumnMap | undefined;
  private width = 0;
  /** a fatal problem found in the header; the caller stops feeding */
  fatal: TriageError | undefined;
  /** normalized names of the recognized header columns */
  readonly names = new Set<string>();

  constructor(
    private readonly agg: TriageAggregator,
    delimiter: string,
  ) {
    this.parser = parse({
      ...csvParseOptions(delimiter),
      on_record: (record: string[]) => {
        this.onRecord(record);
        return null;
      },
      on_skip: () => {
        this.agg.addMalformed();
      },
    });
    this.parser.resume();
  }

  /** writes one chunk, waiting when the parser asks for it */
  async write(chunk: Buffer | string): Promise<void> {
    if (!this.parser.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: unknown) => reject(error);
        this.parser.once('error', onError);
        this.parser.once('drain', () => {
          this.parser.off('error', onError);
          resolve();
        });
      });
    }
  }

  /** ends the input and waits for the last record */
  async end(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.parser.once('error', reject);
      this.parser.once('end', resolve);
      this.parser.end();
    });
  }

  /** stops parsing (after a fatal header problem) */
  destroy(): void {
    this.parser.destroy();
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
