/**
 * A streaming CSV tokenizer over UTF-8 bytes for the triage's hot path. It finds each record's
 * fields as byte ranges and decodes nothing itself: the reader turns into strings only the few
 * columns it needs, and reads codes, users and addresses straight from the bytes.
 *
 * The grammar is RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180) with the relaxations real
 * exports and pastes need, matching csv-parse with `relax_quotes`, `relax_column_count`,
 * `skip_empty_lines` and `bom` (https://csv.js.org/parse/options/):
 * - fields are separated by one delimiter byte (comma, tab or semicolon); a record ends at CRLF,
 *   LF or CR, so files with any line ending (or a mix) read alike;
 * - a field that starts with a quote is quoted: delimiters and line breaks inside it are data and
 *   a doubled quote is one quote; a quote anywhere else is data;
 * - a closing quote followed by anything but a delimiter or a line break does not close: from its
 *   opening quote on, the field is read as literal text up to the next delimiter or line break;
 * - empty lines are skipped, a UTF-8 byte order mark at the start is dropped.
 *
 * A record is broken when its quote is still open at the end of the input, when it is longer than
 * the size cap, or when the handler rejects it. A broken record costs its first line only: reading
 * resumes on the next line, so one stray quote cannot swallow the rest of the file. Memory stays
 * bounded: only the bytes of an unfinished record are kept between chunks (at most the cap, plus
 * the chunks that arrive while it waits).
 */

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const EMPTY = Buffer.alloc(0);

/** how a field's bytes become its value */
export const FieldKind = {
  /** the bytes as they are */
  plain: 0,
  /** quoted, without doubled quotes: the bytes between the quotes */
  quoted: 1,
  /** quoted with doubled quotes inside: those become single quotes */
  escaped: 2,
  /** a quote closed early: the opening quote, the unescaped text up to the early quote, the rest as is */
  broken: 3,
} as const;

/**
 * The fields of the current record as byte ranges of `buf` (valid only during the call that
 * receives it). Field i spans starts[i]..ends[i]; for a quoted field that range excludes the quotes.
 */
export class CsvFields {
  buf: Buffer = EMPTY;
  count = 0;
  /** a quoted field of this record holds a line break */
  multiline = false;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  kinds = new Uint8Array(64);
  /** for a broken field: where the early closing quote is */
  marks = new Int32Array(64);

  /** the value of field i, decoded as UTF-8 */
  text(i: number): string {
    const buf = this.buf;
    const start = this.starts[i] as number;
    const end = this.ends[i] as number;
    const kind = this.kinds[i];
    if (kind === FieldKind.plain || kind === FieldKind.quoted)
      return buf.toString('utf8', start, end);
    if (kind === FieldKind.escaped) return buf.toString('utf8', start, end).replaceAll('""', '"');
    const mark = this.marks[i] as number;
    const head = buf.toString('utf8', start, mark).replaceAll('""', '"');
    return `"${head}${buf.toString('utf8', mark, end)}`;
  }

  /** every field's value */
  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.text(i));
    return out;
  }

  grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const marks = new Int32Array(size);
    marks.set(this.marks);
    this.marks = marks;
  }
}

/** receives the records */
export interface CsvRecordHandler {
  /** one record; return false to reject it as broken */
  record(fields: CsvFields): boolean;
  /** a broken record (unclosed quote at the end, over the size cap, or rejected) */
  broken(): void;
}

/** splits a stream of UTF-8 bytes into records; see the module comment for the grammar */
export class CsvTokenizer {
  private readonly fields = new CsvFields();
  /** the bytes of an unfinished record (a copy) */
  private carry: Buffer | undefined;
  /** chunks that arrived while a long unfinished record waits for more */
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  private bomChecked = false;
  /** after a broken record whose first line did not end in the data seen so far */
  private skipLine = false;
  private ended = false;
  private scanned = 0;

  constructor(
    private readonly delimiter: number,
    private readonly handler: CsvRecordHandler,
    private readonly maxRecordBytes: number,
  ) {
    if (delimiter === QUOTE || delimiter === LF || delimiter === CR) {
      throw new Error('the delimiter cannot be a quote or a line break');
    }
  }

  /** bytes kept between chunks: an unfinished record and the chunks waiting behind it */
  get retainedBytes(): number {
    return (this.carry?.length ?? 0) + this.waitingBytes;
  }

  /** bytes scanned so far, counting rescans of unfinished records */
  get scannedBytes(): number {
    return this.scanned;
  }

  /** feeds one chunk; records it completes are handed over before this returns */
  push(chunk: Buffer): void {
    if (this.ended) throw new Error('push after end');
    if (chunk.length === 0) return;
    const carry = this.carry;
    if (carry === undefined) {
      this.feed(chunk, false);
      return;
    }
    // an unfinished record is scanned again from its start: wait until the new bytes are at least
    // as many as the carried ones, so that a long record costs linear time, not quadratic
    if (this.waitingBytes === 0 && chunk.length >= carry.length && this.bomChecked) {
      // usually the chunk's first line finishes the record: join just that line to it and scan
      // the rest of the chunk where it lies, rather than copying the whole chunk
      const lineEnd = lineBreak(chunk, 0) + 1;
      if (lineEnd > 0) {
        this.carry = undefined;
        this.feed(Buffer.concat([carry, chunk.subarray(0, lineEnd)]), false);
        if (this.carry === undefined) this.feed(chunk.subarray(lineEnd), false);
        else this.wait(this.carry, chunk.subarray(lineEnd));
        return;
      }
    }
    this.wait(carry, chunk);
  }

  /** ends the input: the last record needs no line break */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const carry = this.carry;
    this.feed(carry === undefined ? EMPTY : this.takeCarry(carry), true);
  }

  private wait(carry: Buffer, chunk: Buffer): void {
    if (chunk.length > 0) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
    }
    if (this.waitingBytes >= carry.length) this.feed(this.takeCarry(carry), false);
  }

  private takeCarry(carry: Buffer): Buffer {
    const buf = Buffer.concat([carry, ...this.waiting]);
    this.carry = undefined;
    this.waiting = [];
    this.waitingBytes = 0;
    return buf;
  }

  private feed(input: Buffer, final: boolean): void {
    let buf = input;
    if (!this.bomChecked) {
      if (buf.length < 3 && !final) {
        this.carry = Buffer.from(buf);
        return;
      }
      this.bomChecked = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let from = 0;
    if (this.skipLine) {
      const at = lineBreak(buf, 0);
      if (at < 0) return;
      this.skipLine = false;
      from = at + 1;
    }
    this.scan(buf, from, final);
  }

  // the hot loop: one pass over the bytes, records handed over as they end
  private scan(buf: Buffer, from: number, final: boolean): void {
    const n = buf.length;
    this.scanned += n - from;
    const d = this.delimiter;
    const max = this.maxRecordBytes;
    const f = this.fields;
    f.buf = buf;
    let p = from;
    while (p < n) {
      const first = buf[p];
      if (first === LF || first === CR) {
        p++;
        continue;
      }
      const start = p;
      let count = 0;
      let multiline = false;
      let complete = true;
      let broken = false;
      for (;;) {
        if (count === f.starts.length) f.grow();
        if (p < n && buf[p] === QUOTE) {
          const s = p + 1;
          let q = s;
          let kind: number = FieldKind.quoted;
          for (;;) {
            while (q < n) {
              const b = buf[q];
              if (b === QUOTE) break;
              if (b === LF || b === CR) multiline = true;
              q++;
            }
            if (q + 1 >= n && !final) {
              complete = false; // the quote (or its follower) is not here yet
              break;
            }
            if (q >= n) {
              broken = true; // the quote never closes
              break;
            }
            const next = q + 1 < n ? buf[q + 1] : LF;
            if (next === QUOTE) {
              kind = FieldKind.escaped;
              q += 2;
              continue;
            }
            if (next === d || next === LF || next === CR) {
              f.starts[count] = s;
              f.ends[count] = q;
              f.kinds[count] = kind;
              p = q + 1;
              break;
            }
            // an early closing quote: literal text from the opening quote to the field's end
            let e = q + 1;
            while (e < n) {
              const b = buf[e];
              if (b === d || b === LF || b === CR) break;
              e++;
            }
            if (e >= n && !final) {
              complete = false;
              break;
            }
            f.starts[count] = s;
            f.ends[count] = e;
            f.kinds[count] = FieldKind.broken;
            f.marks[count] = q;
            p = e;
            break;
          }
          if (!complete || broken) break;
        } else {
          const s = p;
          while (p < n) {
            const b = buf[p];
            if (b === d || b === LF || b === CR) break;
            p++;
          }
          if (p >= n && !final) {
            complete = false;
            break;
          }
          f.starts[count] = s;
          f.ends[count] = p;
          f.kinds[count] = FieldKind.plain;
        }
        count++;
        if (p - start > max) {
          broken = true;
          break;
        }
        if (p >= n) break;
        const b = buf[p++];
        if (b !== d) break; // a line break ends the record
      }
      if (!complete) {
        if (n - start > max) broken = true;
        else {
          this.carry = Buffer.from(buf.subarray(start));
          return;
        }
      }
      if (!broken) {
        f.count = count;
        f.multiline = multiline;
        if (this.handler.record(f)) continue;
      }
      // resume on the line after the broken record's first line
      this.handler.broken();
      const at = lineBreak(buf, start);
      if (at < 0) {
        this.skipLine = !final;
        return;
      }
      p = at + 1;
    }
  }
}

function lineBreak(buf: Buffer, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const b = buf[i];
    if (b === LF || b === CR) return i;
  }
  return -1;
}
