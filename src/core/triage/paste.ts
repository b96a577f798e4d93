/**
 * Decides whether a pasted message is a block of sign-in rows (one summary) rather than a message
 * with a few codes (one card per code). Cheap and bounded: it looks at the first line and counts
 * lines, without parsing.
 */
import { fieldOf } from './columns.js';
import { PASTE_MIN_ROWS } from './constants.js';
import { sniffDelimiter } from './csv-reader.js';

const MAX_HEADER_CHARS = 8192;
const MAX_CELLS = 256;

function countLines(text: string, limit: number): number {
  let lines = 0;
  let at = text.indexOf('\n');
  while (at >= 0 && lines < limit) {
    if (at + 1 < text.length && text.charCodeAt(at + 1) !== 0x0a) lines++;
    at = text.indexOf('\n', at + 1);
  }
  return lines;
}

const MAX_LEAD_LINES = 3;

// every header that names a code or status column (ALIASES in columns.ts) holds one of these words
const CODE_OR_STATUS_WORD = /code|result|status|错误代码|状态/i;
// JSON rows: the text starts with an object or an array, after an optional BOM and white space
const JSON_START = /^\ufeff?\s*[[{]/;

function isHeader(line: string): boolean {
  const header = line.slice(0, MAX_HEADER_CHARS);
  // most lines of a chat message are prose: skip splitting and normalizing their cells
  if (!CODE_OR_STATUS_WORD.test(header)) return false;
  const delimiter = sniffDelimiter(header);
  const cells = header.split(delimiter, MAX_CELLS).map((c) => c.trim().replace(/^"|"$/g, ''));
  const fields = new Set(cells.map((c) => fieldOf(c)?.[0]).filter((f) => f !== undefined));
  return fields.has('code') || fields.has('status');
}

/**
 * Where the sign-in rows start in a pasted message: 0 for JSON or a header on the first line, the
 * offset of the header when up to three lines of prose come first ("failures since 9:00:"), or
 * undefined when no header with a result column is found.
 */
export function signInRowsStart(text: string): number | undefined {
  const lead = text.length - text.replace(/^\ufeff/, '').trimStart().length;
  const body = text.slice(lead);
  if (body.startsWith('{') || body.startsWith('[')) return lead;
  let at = 0;
  for (let line = 0; line <= MAX_LEAD_LINES && at < body.length; line++) {
    const end = body.indexOf('\n', at);
    const current = end < 0 ? body.slice(at) : body.slice(at, end);
    if (isHeader(current)) return lead + at;
    if (end < 0) return undefined;
    at = end + 1;
  }
  return undefined;
}

/**
 * true when the text is CSV/TSV with a result column in its header and at least PASTE_MIN_ROWS
 * rows, or JSON whose first record has a result field and that holds at least PASTE_MIN_ROWS records
 */
export function looksLikeSignInRows(text: string): boolean {
  // a CSV/TSV block needs a header and PASTE_MIN_ROWS rows: most messages are shorter than that
  if (!JSON_START.test(text) && countLines(text, PASTE_MIN_ROWS) < PASTE_MIN_ROWS) return false;
  const start = signInRowsStart(text);
  if (start === undefined) return false;
  const body = text.slice(start);
  if (body.startsWith('{') || body.startsWith('[')) {
    const head = body.slice(0, MAX_HEADER_CHARS);
    const hasResult = /"(status|errorCode|ResultType|resultType)"\s{0,4}:/.test(head);
    let objects = 0;
    for (
      let at = body.indexOf('{');
      at >= 0 && objects <= PASTE_MIN_ROWS;
      at = body.indexOf('{', at + 1)
    ) {
      objects++;
    }
    return hasResult && objects >= PASTE_MIN_ROWS;
  }
  return countLines(body, PASTE_MIN_ROWS) >= PASTE_MIN_ROWS;
}
