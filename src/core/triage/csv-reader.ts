/**
 * CSV rows into the aggregator. The tokenizer (csv-tokenizer.ts) hands over each record as byte
 * ranges; this reader maps the header once, then reads only the columns the triage uses: codes as
 * digits, users and addresses hashed straight from the bytes, the other fields decoded on demand.
 * The first record is the header; a row with another column count is counted as malformed, and a
 * broken record (an unclosed quote, over the size cap, or a quote that ran over line ends) too.
 */
import type { TriageAggregator } from './aggregate.js';
import { type ColumnMap, mapColumns, normalizeHeader, parseCode, readStatus } from './columns.js';
import { TRIAGE_LIMITS } from './constants.js';
import { type CsvFields, CsvTokenizer, FieldKind } from './csv-tokenizer.js';
import { hash53, hash53Ascii } from './distinct.js';
import { TriageError } from './errors.js';
import { parseTimestamp } from './time.js';
import type { Outcome } from './types.js';

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

/**
 * The csv-parse options whose reading the tokenizer reproduces (https://csv.js.org/parse/options/).
 * The benchmark's bare parse and the tests' reference reader use them.
 */
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

// ASCII white space as String.prototype.trim sees it: tab, LF, VT, FF, CR and space
const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** feeds CSV bytes to the tokenizer and folds every row into the aggregator */
export class CsvRowReader {
  private readonly tokenizer: CsvTokenizer;
  /** the header's column count; -1 until the header is read */
  private width = -1;
  // column of each field, -1 when the file has none
  private code = -1;
  private status = -1;
  private time = -1;
  private user = -1;
  private ip = -1;
  private app = -1;
  private clientApp = -1;
  /** a field trimmed by trimRange: its byte range */
  private from = 0;
  private to = 0;
  /** a fatal problem found in the header; the caller stops feeding */
  fatal: TriageError | undefined;
  /** normalized names of the recognized header columns */
  readonly names = new Set<string>();

  constructor(
    private readonly agg: TriageAggregator,
    delimiter: string,
  ) {
    this.tokenizer = new CsvTokenizer(
      delimiter.charCodeAt(0),
      {
        record: (fields) => this.record(fields),
        broken: () => this.agg.addMalformed(),
      },
      TRIAGE_LIMITS.csvRecordChars,
    );
  }

  /** reads one chunk (UTF-8 bytes, or text) */
  write(input: Buffer | string): void {
    if (this.fatal !== undefined) return;
    this.tokenizer.push(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  }

  /** ends the input: reads the last record */
  end(): void {
    if (this.fatal === undefined) this.tokenizer.end();
  }

  // false rejects the record as broken: the tokenizer resumes on its second line
  private record(f: CsvFields): boolean {
    if (this.width < 0) {
      if (this.fatal === undefined) this.readHeader(f.texts());
      return true;
    }
    if (f.count !== this.width) {
      // a quote that opened by mistake ran over line ends and swallowed good rows
      if (f.multiline) return false;
      this.agg.addMalformed();
      return true;
    }
    this.addRow(f);
    return true;
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
    const column = (field: keyof ColumnMap) => map[field] ?? -1;
    this.code = column('code');
    this.status = column('status');
    this.time = column('time');
    this.user = column('user');
    this.ip = column('ip');
    this.app = column('app');
    this.clientApp = column('clientApp');
    this.width = record.length;
  }

  // the same row as buildRow (columns.ts) makes from the decoded cells, without decoding them all
  private addRow(f: CsvFields): void {
    let code = this.code < 0 ? undefined : readCode(f, this.code);
    let outcome: Outcome = 'unknown';
    if (code === undefined && this.status >= 0) {
      const status = readStatus(f.text(this.status));
      code = status.code;
      if (status.outcome !== undefined) outcome = status.outcome;
    }
    if (code !== undefined) outcome = code === 0 ? 'success' : 'failure';
    let time: number | undefined;
    if (this.time >= 0) {
      const text = this.trimmed(f, this.time);
      if (text !== undefined) time = parseTimestamp(text) ?? Number.NaN;
    }
    const keep = this.agg.keepIdentities;
    let userHash = -1;
    let userKey: string | undefined;
    if (this.user >= 0) {
      userHash = keep ? -1 : this.hashAscii(f, this.user, true);
      if (userHash === -1) {
        userKey = this.trimmed(f, this.user)?.toLowerCase();
        if (userKey !== undefined) userHash = hash53(userKey);
      }
    }
    let ipHash = -1;
    let ip: string | undefined;
    if (this.ip >= 0) {
      ipHash = keep ? -1 : this.hashAscii(f, this.ip, false);
      if (ipHash === -1) {
        ip = this.trimmed(f, this.ip);
        if (ip !== undefined) ipHash = hash53(ip);
      }
    }
    const app = this.app < 0 ? undefined : this.trimmed(f, this.app);
    const clientApp = this.clientApp < 0 ? undefined : this.trimmed(f, this.clientApp);
    this.agg.addFields(code, outcome, time, userHash, ipHash, app, clientApp, userKey, ip);
  }

  /**
   * hash53 of field i as trimmed (and lower-cased) text, straight from its bytes; -1 when that
   * takes decoding (quotes inside, a byte that is not ASCII) or when the field is empty, in which
   * case the caller decodes: an empty field decodes to nothing and gets no hash there either
   */
  private hashAscii(f: CsvFields, i: number, lower: boolean): number {
    if (!this.trimRange(f, i)) return -1;
    return this.from === this.to ? -1 : hash53Ascii(f.buf, this.from, this.to, lower);
  }

  /** field i trimmed as String.prototype.trim does, undefined when nothing is left */
  private trimmed(f: CsvFields, i: number): string | undefined {
    let text: string;
    if (this.trimRange(f, i)) {
      if (this.from === this.to) return undefined;
      text = f.buf.toString('utf8', this.from, this.to);
      // white space beyond ASCII (a no-break space) is left for trim() to take
      if (text.charCodeAt(0) < 0x80 && text.charCodeAt(text.length - 1) < 0x80) return text;
    } else text = f.text(i);
    const trimmed = text.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  // sets from/to to field i's bytes without ASCII white space at either end; false when the field
  // has to be decoded first (doubled quotes, an early closing quote)
  private trimRange(f: CsvFields, i: number): boolean {
    const kind = f.kinds[i];
    if (kind !== FieldKind.plain && kind !== FieldKind.quoted) return false;
    const buf = f.buf;
    let start = f.starts[i] as number;
    let end = f.ends[i] as number;
    while (start < end && isSpace(buf[start] as number)) start++;
    while (end > start && isSpace(buf[end - 1] as number)) end--;
    this.from = start;
    this.to = end;
    return true;
  }
}

/** parseCode of field i, reading up to nine plain digits straight from the bytes */
function readCode(f: CsvFields, i: number): number | undefined {
  const kind = f.kinds[i];
  if (kind === FieldKind.plain || kind === FieldKind.quoted) {
    const buf = f.buf;
    const start = f.starts[i] as number;
    const end = f.ends[i] as number;
    if (end > start && end - start <= 9) {
      let code = 0;
      let p = start;
      for (; p < end; p++) {
        const d = (buf[p] as number) - 0x30;
        if (d < 0 || d > 9) break;
        code = code * 10 + d;
      }
      if (p === end) return code;
    }
  }
  return parseCode(f.text(i));
}
