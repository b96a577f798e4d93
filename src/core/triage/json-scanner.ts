/**
 * An incremental JSON scanner that finds record objects without parsing the whole document: the
 * elements of a top-level array, of a Graph page's "value" array (`{"@odata.context":…,"value":[…]}`),
 * or a sequence of top-level objects (NDJSON or concatenated, e.g. `jq '.value[]'` output).
 * It tracks only nesting depth and string state, so memory is one record at a time; each record's
 * text is handed to the sink, which parses it. Records above a size or depth cap are counted as
 * malformed instead (JSON.parse accepts any depth, later recursion does not).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const MAX_KEY = 64;

/** receives each record's text and each malformed record */
export interface JsonRecordSink {
  record(text: string): void;
  malformed(): void;
}

/** splits a JSON stream into record texts, chunk by chunk */
export class JsonRecordScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  /** depth at which "{" opens a record; -1 while no record can start (rest of a Graph page) */
  private recordLevel = 0;
  private inRecord = false;
  private recordDepth = 0;
  private recordStart = 0;
  private parts: string[] = [];
  private partsChars = 0;
  private oversized = false;
  private tooDeep = false;
  /** a top-level object that may still turn out to be a Graph page envelope */
  private candidate = false;
  private expectKey = false;
  private keyStart = -1;
  private keyText = '';
  private lastKey = '';
  private afterColon = false;
  private scalarCounted = false;
  private skipLine = false;
  /** the previous character was a newline (column 0) */
  private lineStart = true;
  private topValues = 0;
  private firstRecordMultiline = true;
  /** true once the input is known to be one object per line */
  ndjson = false;
  /** true when a Graph page envelope was found */
  graphPage = false;
  records = 0;

  constructor(
    private readonly sink: JsonRecordSink,
    private readonly maxRecordChars: number,
    private readonly maxDepth: number,
  ) {}

  /** scans the next piece of text */
  push(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    if (this.inRecord) this.recordStart = 0;
    if (this.keyStart >= 0) this.keyStart = 0;
    while (i < n) {
      if (this.skipLine) {
        const nl = chunk.indexOf('\n', i);
        if (nl < 0) {
          this.keepPart(chunk);
          return;
        }
        this.skipLine = false;
        this.lineStart = true;
        i = nl + 1;
        continue;
      }
      if (this.inString) {
        i = this.scanString(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      const atLineStart = this.lineStart;
      this.lineStart = c === NEWLINE;
      if (c === QUOTE) this.openString(i);
      else if (c === LBRACE) {
        // NDJSON: a record starting in column 0 while the previous one is unfinished means that line was cut
        if (atLineStart && this.ndjson && this.depth > 0) this.breakLine();
        this.openObject(i);
      } else if (c === LBRACKET) this.openArray();
      else if (c === RBRACE || c === RBRACKET) this.close(chunk, i, c);
      else if (c === COMMA) {
        if (this.depth === 1) this.expectKey = true;
        this.afterColon = false;
        this.scalarCounted = false;
      } else if (c === COLON) {
        if (this.depth === 1) this.afterColon = true;
      } else if (c !== NEWLINE && c !== SPACE && c !== TAB && c !== CR && c !== 0xfeff)
        this.scalar();
      i++;
    }
    this.keepPart(chunk);
  }

  /** the input ended; an unfinished record is malformed */
  end(): void {
    if (this.inRecord || this.depth > 0 || this.inString) this.sink.malformed();
    this.reset();
  }

  private keepPart(chunk: string): void {
    if (this.inString && this.keyStart >= 0) {
      this.keyText = (this.keyText + chunk.slice(this.keyStart)).slice(0, MAX_KEY);
    }
    if (!this.inRecord || this.oversized) return;
    const part = this.recordStart === 0 ? chunk : chunk.slice(this.recordStart);
    this.partsChars += part.length;
    if (this.partsChars > this.maxRecordChars) {
      // stop buffering; keep scanning to find where the record ends
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(part);
  }

  private scanString(chunk: string, from: number): number {
    let i = from;
    if (this.escape) {
      this.escape = false;
      i++;
    }
    const n = chunk.length;
    for (;;) {
      const q = chunk.indexOf('"', i);
      // a raw newline is invalid inside a JSON string: in NDJSON it means the line was cut
      if (this.ndjson) {
        const nl = chunk.indexOf('\n', i);
        if (nl >= 0 && (q < 0 || nl < q)) {
          this.breakLine();
          this.lineStart = true;
          return nl + 1;
        }
      }
      if (q < 0) {
        this.escape = trailingBackslashes(chunk, n, i) % 2 === 1;
        return n;
      }
      if (trailingBackslashes(chunk, q, i) % 2 === 1) {
        i = q + 1;
        continue;
      }
      this.inString = false;
      if (this.keyStart >= 0) {
        this.lastKey = (this.keyText + chunk.slice(this.keyStart, q)).slice(0, MAX_KEY);
        this.keyStart = -1;
        this.keyText = '';
      }
      return q + 1;
    }
  }

  private openString(i: number): void {
    this.inString = true;
    if (this.candidate && this.depth === 1 && this.expectKey) {
      this.keyStart = i + 1;
      this.keyText = '';
      this.expectKey = false;
      return;
    }
    this.afterColon = false;
    if (this.depth === 0) {
      this.topLevelGarbage();
      this.inString = false;
    } else if (!this.inRecord && this.depth === this.recordLevel) this.sink.malformed();
  }

  private openObject(i: number): void {
    this.afterColon = false;
    if (this.depth === 0) this.startTopValue();
    if (!this.inRecord && this.depth === this.recordLevel) {
      this.inRecord = true;
      this.recordDepth = this.depth;
      this.recordStart = i;
      this.parts = [];
      this.partsChars = 0;
      this.oversized = false;
      this.tooDeep = false;
      this.candidate = this.depth === 0;
    }
    this.depth++;
    if (this.depth === 1) this.expectKey = true;
    if (this.inRecord && this.depth - this.recordDepth > this.maxDepth) this.tooDeep = true;
  }

  private openArray(): void {
    if (this.depth === 0) {
      this.startTopValue();
      this.recordLevel = 1;
    } else if (this.candidate && this.depth === 1 && this.afterColon && this.lastKey === 'value') {
      // a Graph page: forget the buffered envelope, the records are this array's elements
      this.inRecord = false;
      this.candidate = false;
      this.parts = [];
      this.graphPage = true;
      this.recordLevel = 2;
    } else if (!this.inRecord && this.depth === this.recordLevel) this.sink.malformed();
    this.afterColon = false;
    this.depth++;
    if (this.inRecord && this.depth - this.recordDepth > this.maxDepth) this.tooDeep = true;
  }

  private close(chunk: string, i: number, c: number): void {
    this.afterColon = false;
    this.scalarCounted = false;
    if (this.depth === 0) {
      this.sink.malformed();
      return;
    }
    this.depth--;
    if (this.inRecord && this.depth === this.recordDepth) this.emit(chunk, i);
    if (this.recordLevel === 2 && this.depth === 1 && c === RBRACKET) this.recordLevel = -1;
    if (this.depth === 0) {
      this.recordLevel = 0;
      this.candidate = false;
    }
  }

  private emit(chunk: string, i: number): void {
    this.inRecord = false;
    const tail = chunk.slice(this.recordStart, i + 1);
    const bad =
      this.oversized || this.tooDeep || this.partsChars + tail.length > this.maxRecordChars;
    const text = bad ? '' : this.parts.length > 0 ? this.parts.join('') + tail : tail;
    this.parts = [];
    this.partsChars = 0;
    if (this.recordDepth === 0 && this.topValues === 1)
      this.firstRecordMultiline = text.includes('\n');
    if (bad) {
      this.sink.malformed();
      return;
    }
    this.records++;
    this.sink.record(text);
  }

  private startTopValue(): void {
    this.topValues++;
    // the first record fitted on one line: treat the input as NDJSON, where a cut line can be recovered
    if (this.topValues === 2 && !this.firstRecordMultiline) this.ndjson = true;
  }

  private scalar(): void {
    this.afterColon = false;
    if (this.depth === 0) {
      this.topLevelGarbage();
      return;
    }
    if (!this.inRecord && this.depth === this.recordLevel && !this.scalarCounted) {
      this.scalarCounted = true;
      this.sink.malformed();
    }
  }

  // text outside any value: count the line once and skip to its end
  private topLevelGarbage(): void {
    this.sink.malformed();
    this.skipLine = true;
  }

  // an NDJSON line that ended inside a value: count it and start afresh
  private breakLine(): void {
    this.sink.malformed();
    this.reset();
  }

  private reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.inRecord = false;
    this.parts = [];
    this.partsChars = 0;
    this.recordLevel = 0;
    this.candidate = false;
    this.keyStart = -1;
    this.keyText = '';
  }
}

// backslashes immediately before `end`, not looking before `start`
function trailingBackslashes(chunk: string, end: number, start: number): number {
  let count = 0;
  for (let j = end - 1; j >= start && chunk.charCodeAt(j) === BACKSLASH; j--) count++;
  return count;
}
