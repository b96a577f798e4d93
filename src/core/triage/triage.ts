/**
 * Entry points of the triage: a byte stream (file, stdin, a chat upload) or a pasted text in, a
 * summary out. The format is sniffed from the first meaningful character ("{" or "[" is JSON,
 * anything else CSV); bytes are counted against an optional cap; memory stays bounded throughout.
 */
import type { Catalog } from '../catalog/load.js';
import { TriageAggregator } from './aggregate.js';
import { rowFromObject, shapeOf } from './columns.js';
import { TRIAGE_LIMITS } from './constants.js';
import { CsvRowReader, sniffDelimiter } from './csv-reader.js';
import { TriageError } from './errors.js';
import { JsonRecordScanner } from './json-scanner.js';
import { summarize } from './summary.js';
import type { TriageSummary } from './types.js';

/** how to read and what to keep */
export interface TriageOptions {
  catalog: Catalog;
  /** "auto" (default) sniffs the first character */
  format?: 'auto' | 'csv' | 'json';
  /** stop with TOO_LARGE beyond this many bytes */
  maxBytes?: number;
  /** keep the top failing users and IPs (CLI only; chat never asks) */
  showIdentities?: boolean;
}

type Format = 'csv' | 'json';
type Encoding = 'utf-8' | 'utf-16le';

// bytes of a CSV input enough to sniff the delimiter even when the header line goes on
const SNIFF_BYTES = 65_536;

// records read before giving up on a JSON input whose objects carry no result field
const JSON_PROBE_RECORDS = 1000;

function sniff(head: Buffer): { format: Format; encoding: Encoding } | 'undecided' {
  let i = 0;
  let encoding: Encoding = 'utf-8';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  else if (head[0] === 0xff && head[1] === 0xfe) {
    encoding = 'utf-16le';
    i = 2;
  } else if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new TriageError(
      'UNKNOWN_FORMAT',
      'this is a ZIP or XLSX file; download the sign-in log as CSV or JSON instead',
    );
  }
  const step = encoding === 'utf-16le' ? 2 : 1;
  for (; i < head.length; i += step) {
    const c = head[i];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x00) {
      throw new TriageError('UNKNOWN_FORMAT', 'this looks like a binary file, not CSV or JSON');
    }
    return { format: c === 0x7b || c === 0x5b ? 'json' : 'csv', encoding };
  }
  return 'undecided';
}

interface Sink {
  write(chunk: Buffer): Promise<void>;
  finish(): Promise<TriageSummary['input']>;
}

function csvSink(agg: TriageAggregator, encoding: Encoding, head: Buffer): Sink {
  const decoder = encoding === 'utf-8' ? undefined : new TextDecoder(encoding);
  const firstText =
    decoder === undefined ? head.toString('utf8') : new TextDecoder(encoding).decode(head);
  const delimiter = sniffDelimiter(firstText.replace(/^\ufeff/, ''));
  const reader = new CsvRowReader(agg, delimiter);
  const check = () => {
    if (reader.fatal !== undefined) throw reader.fatal;
  };
  return {
    async write(chunk) {
      // the tokenizer reads UTF-8 bytes (and drops the BOM); other encodings are decoded first
      reader.write(decoder === undefined ? chunk : decoder.decode(chunk, { stream: true }));
      check();
    },
    async finish() {
      if (decoder !== undefined) reader.write(decoder.decode());
      reader.end();
      check();
      return { format: 'csv', shape: shapeOf(reader.names), delimiter };
    },
  };
}

function jsonSink(agg: TriageAggregator, encoding: Encoding): Sink {
  const decoder = new TextDecoder(encoding);
  const names = new Set<string>();
  let withResult = 0;
  let parsed = 0;
  const scanner = new JsonRecordScanner(
    {
      record(text) {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          agg.addMalformed();
          return;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          agg.addMalformed();
          return;
        }
        const row = rowFromObject(value as Record<string, unknown>, names);
        parsed++;
        if (row.outcome !== 'unknown') withResult++;
        agg.add(row);
      },
      malformed() {
        agg.addMalformed();
      },
    },
    TRIAGE_LIMITS.jsonRecordChars,
    TRIAGE_LIMITS.jsonDepth,
  );
  const check = () => {
    if (parsed >= JSON_PROBE_RECORDS && withResult === 0) {
      throw new TriageError(
        'NO_SIGNIN_COLUMNS',
        'the JSON records have no result field (status.errorCode, errorCode, ResultType or Status)',
      );
    }
  };
  return {
    async write(chunk) {
      scanner.push(decoder.decode(chunk, { stream: true }));
      check();
    },
    async finish() {
      scanner.push(decoder.decode());
      scanner.end();
      if (parsed > 0 && withResult === 0) {
        throw new TriageError(
          'NO_SIGNIN_COLUMNS',
          'the JSON records have no result field (status.errorCode, errorCode, ResultType or Status)',
        );
      }
      if (scanner.records === 0 && agg.malformed > 0) {
        throw new TriageError('UNKNOWN_FORMAT', 'the JSON holds no readable sign-in records');
      }
      const shape = scanner.graphPage ? 'graph-json' : shapeOf(names);
      return { format: 'json', shape, ndjson: scanner.ndjson };
    },
  };
}

/** reads a stream of bytes (or strings) and summarizes the sign-in rows in it */
export async function triageStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: TriageOptions,
): Promise<TriageSummary> {
  const agg = new TriageAggregator(options.showIdentities === true);
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  let bytes = 0;
  let sink: Sink | undefined;
  let pending: Buffer[] = [];
  // the sink for the input that starts with `head`, once the head tells enough: JSON from its first
  // character, CSV once the header line is complete (its delimiter is sniffed from that line)
  const open = (head: Buffer, ended: boolean): Sink | undefined => {
    const decided = sniff(head);
    if (decided === 'undecided') return undefined;
    const format =
      options.format === undefined || options.format === 'auto' ? decided.format : options.format;
    if (format === 'json') return jsonSink(agg, decided.encoding);
    const lineEnded = head.includes(0x0a) || head.includes(0x0d) || head.length >= SNIFF_BYTES;
    return lineEnded || ended ? csvSink(agg, decided.encoding, head) : undefined;
  };
  for await (const piece of source) {
    // a view, not a copy: the sinks keep no reference to a chunk once its write returns
    const chunk =
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    bytes += chunk.length;
    if (bytes > maxBytes) {
      throw new TriageError('TOO_LARGE', `the input is larger than the limit of ${maxBytes} bytes`);
    }
    if (sink === undefined) {
      pending.push(chunk);
      const head = Buffer.concat(pending);
      sink = open(head, false);
      if (sink === undefined) continue;
      pending = [];
      await sink.write(head);
      continue;
    }
    await sink.write(chunk);
  }
  if (sink === undefined) {
    // the whole input was shorter than a CSV header line
    const head = Buffer.concat(pending);
    sink = open(head, true);
    if (sink === undefined) throw new TriageError('EMPTY_INPUT', 'the input is empty');
    await sink.write(head);
  }
  const input = await sink.finish();
  return summarize(agg, options.catalog, input);
}

/** summarizes a pasted block of text */
export function triageText(text: string, options: TriageOptions): Promise<TriageSummary> {
  return triageStream([text], options);
}
