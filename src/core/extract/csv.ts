/**
 * Reads the code column of a CSV or TSV export (Log Analytics "ResultType", the Entra sign-in
 * log's "Sign-in error code") or of a markdown table ("| Sign-in error code | Error string |", as
 * docs and issue threads carry them, in any of the languages whose code labels are read), and the
 * ids of its first data row. Quote-aware, one pass, bounded.
 */
import { ZERO_GUID } from './context.js';
import { readCode } from './text-util.js';
import type { Hit } from './types.js';

const CODE_COLUMNS = new Set([
  'resulttype',
  'result type',
  'sign-in error code',
  'error code',
  'errorcode',
  'status.errorcode',
  'error_code',
  '登录错误代码',
  '错误代码',
]);

/** column names (lower case) whose first-row value is a sign-in context field */
const CONTEXT_COLUMNS: Readonly<Record<string, string>> = {
  'request id': 'requestId',
  requestid: 'requestId',
  originalrequestid: 'requestId',
  'correlation id': 'correlationId',
  correlationid: 'correlationId',
  'date (utc)': 'timestamp',
  timegenerated: 'timestamp',
  'timegenerated [utc]': 'timestamp',
  createddatetime: 'timestamp',
  'application id': 'appId',
  appid: 'appId',
};

const MAX_CELLS = 256;
const MAX_ROWS = 100_000;

const PIPE = 124;

function isDelimiter(c: number): boolean {
  return c === 44 || c === 9 || c === 59 || c === PIPE; // , TAB ; |
}

function isBlank(c: number): boolean {
  return c === 32 || c === 0xa0;
}

/**
 * true when the label spanning [start, end) fills a whole cell of a delimited line; a markdown
 * table pads its cells with blanks
 */
export function isHeaderCell(s: string, start: number, end: number): boolean {
  let a = start - 1;
  if (s.charCodeAt(a) === 34) a--;
  let b = end;
  if (s.charCodeAt(b) === 34) b++;
  for (let n = 0; n < 8 && isBlank(s.charCodeAt(a)); n++) a--;
  for (let n = 0; n < 8 && isBlank(s.charCodeAt(b)); n++) b++;
  const before = s.charCodeAt(a);
  const after = s.charCodeAt(b);
  // blanks only count beside a pipe: "ResultType, 50126" is a key and its value, not a header
  const padded = a !== start - 1 || b !== end;
  if (padded && before !== PIPE && after !== PIPE) return false;
  const startOk = a < 0 || before === 10 || isDelimiter(before);
  const endOk = b >= s.length || after === 13 || after === 10 || isDelimiter(after);
  return startOk && endOk && (isDelimiter(before) || isDelimiter(after));
}

interface Record_ {
  cells: string[];
  next: number;
}

/** reads one record starting at `p`; quoted cells may hold delimiters and line breaks */
function readRecord(s: string, p: number, delimiter: number): Record_ {
  const cells: string[] = [];
  let q = p;
  let cell = '';
  let quoted = false;
  let cellStart = q;
  while (q < s.length) {
    const c = s.charCodeAt(q);
    if (quoted) {
      if (c === 34) {
        if (s.charCodeAt(q + 1) === 34) {
          q += 2;
          continue;
        }
        quoted = false;
      }
      q++;
      continue;
    }
    if (c === 34) {
      quoted = true;
      q++;
      continue;
    }
    if (c === delimiter || c === 10) {
      cell = s.slice(cellStart, q);
      if (cells.length < MAX_CELLS) cells.push(cleanCell(cell));
      q++;
      cellStart = q;
      if (c === 10) return { cells, next: q };
      continue;
    }
    q++;
  }
  if (cellStart < q && cells.length < MAX_CELLS) cells.push(cleanCell(s.slice(cellStart, q)));
  return { cells, next: q };
}

function cleanCell(raw: string): string {
  let t = raw.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"'))
    t = t.slice(1, -1).replaceAll('""', '"');
  return t.length > 200 ? t.slice(0, 200) : t;
}

export interface CsvTable {
  hits: Hit[];
  context: Record<string, string>;
  /** where reading stopped: the end of the table, or of its header line when it is no table */
  end: number;
}

/**
 * codes in the column whose header starts at `labelStart`, plus ids from the first data row;
 * `label` (lower case) is the code label found there, which names a code column too
 */
export function csvColumnCodes(s: string, labelStart: number, label = ''): CsvTable {
  const lineStart = s.lastIndexOf('\n', labelStart) + 1;
  const lineEnd = s.indexOf('\n', labelStart);
  const line = s.slice(lineStart, lineEnd === -1 ? s.length : lineEnd);
  const count = (c: string) => line.split(c).length;
  const delimiter = line.includes('\t')
    ? 9
    : count('|') > Math.max(count(','), count(';'))
      ? PIPE
      : count(',') >= count(';')
        ? 44
        : 59;
  const header = readRecord(s, lineStart, delimiter);
  const names = header.cells.map((c) => c.toLowerCase());
  const hits: Hit[] = [];
  const context: Record<string, string> = {};
  const column = names.length < 2 ? -1 : names.findIndex((n) => CODE_COLUMNS.has(n) || n === label);
  if (column === -1) return { hits, context, end: header.next };
  let p = header.next;
  let first = true;
  for (let row = 0; row < MAX_ROWS && p < s.length; row++) {
    const start = p;
    const record = readRecord(s, p, delimiter);
    if (record.cells.length < 2) {
      // a blank or one-cell line ends the table
      if (record.cells.join('').trim() === '') {
        p = record.next;
        continue;
      }
      break;
    }
    p = record.next;
    const cell = record.cells[column] ?? '';
    const code = cellCode(cell);
    if (code !== undefined) {
      hits.push({
        index: start + Math.max(0, s.slice(start, p).indexOf(cell)),
        code,
        via: 'csv',
      });
      if (first) {
        first = false;
        fillRowContext(names, (k) => record.cells[k], context);
      }
    }
  }
  return { hits, context, end: p };
}

/** the code a table cell holds: the whole cell is one 5-7 digit code */
export function cellCode(cell: string): number | undefined {
  // a markdown cell may set its value in code or bold: `50126`, **50126**
  const value = /^[`*]{1,2}\d{5,7}[`*]{1,2}$/.test(cell) ? cell.replace(/[`*]/g, '') : cell;
  return /^\d{5,7}$/.test(value) ? readCode(value, 0)?.code : undefined;
}

/** fills `context` from the context columns of a row; `cell(k)` is the row's k-th value */
export function fillRowContext(
  names: readonly string[],
  cell: (k: number) => string | undefined,
  context: Record<string, string>,
): void {
  names.forEach((name, k) => {
    const key = CONTEXT_COLUMNS[name];
    if (key === undefined || context[key] !== undefined) return;
    const value = cell(k);
    if (value && value !== ZERO_GUID) context[key] = value;
  });
}
