/**
 * Finds codes in code positions: the AADSTS prefix, labels and JSON fields, lists, KQL operators
 * and lookup URLs. Anchors are found with indexOf; everything after an anchor is read with
 * bounded loops, so the scan stays linear in the input.
 */
import { type CsvTable, csvColumnCodes, isHeaderCell } from './csv.js';
import { fixedWidthColumnCodes } from './fixed-width.js';
import { isDigit, isLetter, isWordChar, lowerAt, readCode, skipBlanks } from './text-util.js';
import type { Hit } from './types.js';

interface Label {
  /** lower case, apostrophes as ' */
  text: string;
  /** may be followed by several codes */
  list: boolean;
}

const l = (text: string, list = false): Label => ({ text, list });

/** labels whose value is a code; "code" and "resulttype" are the anchors that find them */
const CODE_LABELS: readonly Label[] = [
  l('error code'),
  l('sign-in error code'),
  l('登录错误代码'),
  l('error codes', true),
  l('errorcode'),
  l('errorcodes', true),
  l('error_code'),
  l('error_codes', true),
  l('error-code'),
  l("code d'erreur"),
  l('code d’erreur'),
  l("codes d'erreur", true),
  l('codes d’erreur', true),
  l("code de l'erreur"),
  l('code erreur'),
  l('fehlercode'),
  l('resulttype'),
  l('result type'),
  l('错误代码'),
  l('错误码'),
  // "error code" in the other languages whose context labels are read (see context.ts); the
  // sign-in log's "Sign-in error code" as Microsoft's de-de and es-es "Stay signed in?" article and
  // the ja-jp "What's new in Microsoft Entra ID" page print it
  l('anmeldefehlercode'),
  l('foutcode'),
  l('código de error'),
  l('código de error de inicio de sesión'),
  l('código de erro'),
  l('エラー コード'),
  l('エラーコード'),
  l('サインイン エラー コード'),
  l('サインインのエラー コード'),
  l('오류 코드'),
  l('로그인 오류 코드'),
  // Turkish, Russian and Polish as Microsoft's tr-tr, ru-ru and pl-pl pages on Conditional Access,
  // pass-through authentication and "Stay signed in?" print them; Czech, Vietnamese and Indonesian
  // "error code"
  l('hata kodu'),
  l('oturum açma hata kodu'),
  l('код ошибки'),
  l('код ошибки входа'),
  l('kod błędu'),
  l('kod błędu logowania'),
  l('kód chyby'),
  l('mã lỗi'),
  l('kode kesalahan'),
];

/** blanks read between a label and its operator */
const LABEL_PADDING = 64;

/** words that stand between a label and its value */
const OPERATOR_WORDS: readonly { word: string; list: boolean }[] = [
  { word: 'has_any', list: true },
  { word: '!in~', list: true },
  { word: '!in', list: true },
  { word: 'in~', list: true },
  { word: 'in', list: true },
  { word: 'is', list: false },
  // OData $filter (https://learn.microsoft.com/graph/filter-query-parameter): status/errorCode eq 50126
  { word: 'eq', list: false },
  { word: 'was', list: false },
];

const HOSTS = [
  'login.microsoftonline.com',
  'login.windows.net',
  'login.partner.microsoftonline.cn',
];

/** anchors for the part of the text that was lower-cased */
const LOWER_ANCHORS = [
  'aadsts',
  'code',
  'resulttype',
  'result type',
  '错误代码',
  '错误码',
  // "código", "kód": the rare "ó" makes the search fast ("c" is everywhere in logs); "код ошибки"
  // is found by "ошибк", whose "о" is searched faster than the "к" of "код"
  'ód',
  'kod',
  'ошибк',
  'lỗi',
  'コード',
  '코드',
];
/**
 * Beyond the lower-cased head, long logs are searched for the spellings tools print (AADSTS in
 * capitals, JSON keys, "Error code", lookup URLs); lower-case or all-caps variants are only
 * recognised in the head. V8 finds
 * short needles (six characters or fewer) that start with a rare character far faster than long
 * ones, so each anchor is short: [anchor, lower-case anchor it stands for, offset from this
 * anchor to where that lower-case anchor starts].
 */
const TAIL_ANCHORS: ReadonlyArray<readonly [string, string, number]> = [
  ['AADSTS', 'aadsts', 0],
  ['Code', 'code', 0], // errorCode, ErrorCode, Error Code
  ['CODE', 'code', 0],
  ['_code', 'code', 1], // error_code, error_codes
  ['?code=', 'code', 1], // lookup URLs
  ['Error ', 'code', 6], // Error code
  ['Result', 'resulttype', 0], // ResultType
  ['ltTyp', 'resulttype', -4], // resultType
  ['错误代码', '错误代码', 0],
];

/** the strings searched for beyond the head (the benchmark times these searches on their own) */
export const TAIL_NEEDLES: readonly string[] = TAIL_ANCHORS.map(([anchor]) => anchor);

/** scanner state shared by the rules: hits found so far and whether a CSV table was read */
export interface CodeScan {
  hits: Hit[];
  csvDone: boolean;
  /** a table is only looked for at a header from here on: the lines before were read as rows */
  csvFrom: number;
  /** context read from a CSV table's first data row */
  csvContext: Record<string, string>;
}

/**
 * Scans [0, end) of `s` for codes. `lower` is the lower-cased head of `s` (same length as the
 * head) or undefined; anchors in the head are searched in `lower`, the rest in `s` by spelling.
 */
export function scanCodes(s: string, lower: string | undefined, end: number): CodeScan {
  const scan: CodeScan = { hits: [], csvDone: false, csvFrom: 0, csvContext: {} };
  const headEnd = lower === undefined ? 0 : Math.min(lower.length, end);
  if (lower !== undefined) {
    for (const anchor of HEAD_SEARCHES) {
      if (anchor === 'result') {
        resultLabels(s, lower, headEnd, scan);
        continue;
      }
      if (anchor === CLITELEM_ANCHOR) {
        cliTelemetry(s, lower, headEnd, scan.hits);
        continue;
      }
      let i = lower.indexOf(anchor);
      while (i !== -1 && i < headEnd) {
        onAnchor(s, i, anchor, scan);
        i = lower.indexOf(anchor, i + anchor.length);
      }
    }
  }
  if (end > headEnd) {
    // Start a little before the head's end so an anchor cut by the boundary is still seen.
    const from = Math.max(0, headEnd - 16);
    for (const [anchor, lower, offset] of TAIL_ANCHORS) {
      let i = s.indexOf(anchor, from);
      while (i !== -1 && i < end) {
        const at = i + offset;
        if (at >= headEnd) onAnchor(s, at, lower, scan);
        i = s.indexOf(anchor, i + anchor.length);
      }
    }
  }
  return scan;
}

/** the head is searched once for "result", which stands for both "resulttype" and "result type" */
const HEAD_SEARCHES = [
  ...LOWER_ANCHORS.filter((a) => a !== 'result type').map((a) =>
    a === 'resulttype' ? 'result' : a,
  ),
  'x-ms-c',
];

/**
 * x-ms-clitelem, a response header of the Entra token service: "<version>,<AADSTS code>,<sub-code>,
 * ...", e.g. "x-ms-clitelem: 1,90102,0,,"; "1,0,0,," is a success. Found by its short, rare head
 * (a long needle is searched far more slowly) and read only in the header's exact shape. Header
 * dumps are pasted whole, so the head of a text is searched, not the tail of a long log.
 */
const CLITELEM_ANCHOR = 'x-ms-c';
const CLITELEM = 'x-ms-clitelem';

function cliTelemetry(s: string, lower: string, headEnd: number, hits: Hit[]): void {
  let i = lower.indexOf(CLITELEM_ANCHOR);
  while (i !== -1 && i < headEnd) {
    if (lower.startsWith(CLITELEM, i) && !isWordChar(lower.charCodeAt(i - 1))) {
      let p = skipBlanks(s, i + CLITELEM.length, 4);
      if (s.charCodeAt(p) === 58 /* : */) {
        p = skipBlanks(s, p + 1, 4);
        // the version: one or two digits, then a comma
        const versionEnd = isDigit(s.charCodeAt(p + 1)) ? p + 2 : p + 1;
        if (isDigit(s.charCodeAt(p)) && s.charCodeAt(versionEnd) === 44) {
          const at = versionEnd + 1;
          const found = readCode(s, at);
          if (found && s.charCodeAt(found.end) === 44) {
            hits.push({ index: at, code: found.code, via: 'label' });
          }
        }
      }
    }
    i = lower.indexOf(CLITELEM_ANCHOR, i + CLITELEM_ANCHOR.length);
  }
}

/**
 * One search finds both spellings. Every "resulttype" is read before any "result type", the order
 * separate searches had, because the first CSV header cell found decides which table is read.
 */
function resultLabels(s: string, lower: string, headEnd: number, scan: CodeScan): void {
  const spaced: number[] = [];
  let i = lower.indexOf('result');
  while (i !== -1 && i < headEnd) {
    if (lower.startsWith('resulttype', i)) onAnchor(s, i, 'resulttype', scan);
    else if (lower.startsWith('result type', i)) spaced.push(i);
    i = lower.indexOf('result', i + 6);
  }
  for (const at of spaced) onAnchor(s, at, 'result type', scan);
}

function onAnchor(s: string, i: number, anchor: string, scan: CodeScan): void {
  if (anchor === 'aadsts') {
    prefixed(s, i, scan.hits);
    return;
  }
  if (anchor === 'code' && s.charCodeAt(i - 1) === 63 /* ? */ && s.charCodeAt(i + 4) === 61) {
    lookupUrl(s, i, scan.hits);
    return;
  }
  labelled(s, i, anchor, scan);
}

/** AADSTS50126, aadsts 50126, AADSTS：50126 */
function prefixed(s: string, i: number, hits: Hit[]): void {
  let p = i + 6;
  const stop = p + 3;
  while (p < stop) {
    const c = s.charCodeAt(p);
    if (c !== 32 && c !== 58 && c !== 0xff1a) break;
    p++;
  }
  const found = readCode(s, p, true);
  if (found) hits.push({ index: p, code: found.code, via: 'prefix' });
}

/** https://login.microsoftonline.com/error?code=50126 (also login.windows.net and the China cloud) */
function lookupUrl(s: string, i: number, hits: Hit[]): void {
  const q = i - 1; // the "?"
  if (!lowerAt(s, q - 6, '/error')) return;
  const hostEnd = q - 6;
  if (!HOSTS.some((h) => lowerAt(s, hostEnd - h.length, h))) return;
  const found = readCode(s, i + 5);
  if (found) hits.push({ index: i + 5, code: found.code, via: 'url' });
}

/** for each lower-case anchor, the labels that contain it and where */
const LABELS_BY_ANCHOR = new Map<
  string,
  Array<{ label: Label; offset: number; before: number; after: number }>
>(
  LOWER_ANCHORS.map((anchor) => [
    anchor,
    CODE_LABELS.flatMap((label) => {
      const offset = label.text.indexOf(anchor);
      // the label's character just before the anchor: one comparison rules most labels out
      const before = offset > 0 ? label.text.charCodeAt(offset - 1) : -1;
      // and the ASCII character just after it (-1: none, or not ASCII), a second cheap test
      const next = label.text.charCodeAt(offset + anchor.length);
      const after = next < 128 ? next : -1;
      return offset === -1 ? [] : [{ label, offset, before, after }];
    }),
  ]),
);

function folded(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** labels that may sit at an anchor whose preceding character is `prev`, longest first */
type Candidates = ReadonlyArray<{ label: Label; offset: number; after: number }>;

function pick(anchor: string, prev: number): Candidates {
  return (
    (LABELS_BY_ANCHOR.get(anchor) ?? [])
      .filter(({ before }) => before === -1 || before === prev)
      // stable sort: among labels of equal length the first in CODE_LABELS wins
      .sort((a, b) => b.label.text.length - a.label.text.length)
      .map(({ label, offset, after }) => ({ label, offset, after }))
  );
}

// one list per anchor and ASCII neighbour, built once; other neighbours are filtered on the spot
const ASCII_CANDIDATES = new Map<string, Candidates[]>(
  LOWER_ANCHORS.map((anchor) => [anchor, Array.from({ length: 128 }, (_, c) => pick(anchor, c))]),
);

function candidates(anchor: string, prev: number): Candidates {
  return (
    (prev >= 0 && prev < 128 ? ASCII_CANDIDATES.get(anchor)?.[prev] : undefined) ??
    pick(anchor, prev)
  );
}

/** the longest code label that contains the anchor at `i` */
function labelAt(
  s: string,
  i: number,
  anchor: string,
): { label: Label; start: number } | undefined {
  const next = s.charCodeAt(i + anchor.length);
  for (const { label, offset, after } of candidates(anchor, folded(s.charCodeAt(i - 1)))) {
    // a non-ASCII character may still fold to the label's one: lowerAt decides those
    if (after !== -1 && next < 128 && folded(next) !== after) continue;
    const start = i - offset;
    if (start < 0 || !lowerAt(s, start, label.text)) continue;
    if (isLetter(s.charCodeAt(start - 1))) continue;
    return { label, start };
  }
  return undefined;
}

function isDecoration(c: number): boolean {
  // quotes, backticks, markdown emphasis and JSON escapes around keys and values
  return c === 34 || c === 39 || c === 96 || c === 42 || c === 95 || c === 92;
}

function skipDecoration(s: string, p: number): number {
  let q = p;
  while (q < s.length && q - p < 4 && isDecoration(s.charCodeAt(q))) q++;
  return q;
}

/** Error Code: 53003, "errorCode": 53003, ResultType in (50053, 50126), Sign-in error code\n50126 */
function labelled(s: string, i: number, anchor: string, scan: CodeScan): void {
  const found = labelAt(s, i, anchor);
  if (!found) return;
  const { label, start } = found;
  const end = start + label.text.length;
  let keyCell = false;
  if (!scan.csvDone && start >= scan.csvFrom && isHeaderCell(s, start, end)) {
    const table = csvColumnCodes(s, start, label.text);
    if (tookTable(scan, table)) return;
    // "ResultType<TAB>50126" is a key and its value, not a table: read it as a label below. A
    // later table may still be read, but none that starts inside the lines just read, so every
    // line is read as a table row at most once.
    scan.csvFrom = table.end;
    keyCell = true;
  }
  if (!scan.csvDone && start >= scan.csvFrom) {
    // "ResultType" above a line of dashes: az --output table, PowerShell Format-Table
    const table = fixedWidthColumnCodes(s, start, end);
    if (table !== undefined) {
      if (tookTable(scan, table)) return;
      // as for CSV: no later table starts inside the rows just read, so each line is read as a
      // row at most once (a header and ruler repeated over and over stays linear)
      scan.csvFrom = Math.max(scan.csvFrom, table.end);
    }
  }
  // PowerShell's Format-List pads each name to the longest one ("ErrorCode                 : 50126")
  let p = skipBlanks(s, skipDecoration(s, end), LABEL_PADDING);
  let list = label.list;
  const op = operatorAt(s, p);
  if (op) {
    // "Error Code -50005": a dash glued to the number is a sign (MSAL for iOS and macOS reports
    // negative codes); "Error code - 50058" keeps a blank after the separator
    if (op.dash && isDigit(s.charCodeAt(op.end))) return;
    p = op.end;
    list ||= op.list;
  }
  p = skipToValue(s, p);
  // a key cell's value is on its line; below it starts the next row
  if (keyCell && s.slice(end, p).includes('\n')) return;
  if (s.charCodeAt(p) === 91 || s.charCodeAt(p) === 40) {
    // "[" or "("
    list = true;
    p = skipToValue(s, p + 1);
  }
  if (list) {
    readList(s, p, scan.hits);
    return;
  }
  const code = readCode(s, p);
  if (code) scan.hits.push({ index: p, code: code.code, via: 'label' });
}

/** keeps a table's codes and first-row ids when it has codes; then no other table is read */
function tookTable(scan: CodeScan, table: CsvTable): boolean {
  if (table.hits.length === 0) return false;
  scan.csvDone = true;
  scan.hits.push(...table.hits);
  Object.assign(scan.csvContext, table.context);
  return true;
}

function operatorAt(
  s: string,
  p: number,
): { end: number; list: boolean; dash?: boolean } | undefined {
  const c = s.charCodeAt(p);
  // ":", "：", "=", "==", "!=", "=~", "-", "|", "–"
  if (c === 45 || c === 0x2013) return { end: p + 1, list: false, dash: true };
  if (c === 58 || c === 0xff1a || c === 124) return { end: p + 1, list: false };
  if (c === 61 || (c === 33 && s.charCodeAt(p + 1) === 61)) {
    let q = p + 1;
    const n = s.charCodeAt(q);
    if (n === 61 || n === 126) q++;
    return { end: q, list: false };
  }
  for (const { word, list } of OPERATOR_WORDS) {
    if (lowerAt(s, p, word) && !isLetter(s.charCodeAt(p + word.length))) {
      return { end: p + word.length, list };
    }
  }
  return undefined;
}

const LINE_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z/y;

/**
 * After a line break: the position past a log line's own prefix, a timestamp and/or a frame bar
 * ("2025-09-30T11:08:20.4275724Z   |     900144" in a CI log of Terraform's boxed error output),
 * so a list or value that goes on over the next lines is still read. `p` when there is none.
 */
function skipLinePrefix(s: string, p: number): number {
  let q = p;
  LINE_TIMESTAMP.lastIndex = q;
  if (LINE_TIMESTAMP.test(s)) q = LINE_TIMESTAMP.lastIndex;
  const afterStamp = q;
  q = skipBlanks(s, q, 8);
  const c = s.charCodeAt(q);
  if (c === 124 /* | */ || c === 0x2502 /* │ */) return q + 1;
  return afterStamp;
}

/** skips decoration, blanks and at most three line breaks between a label and its value */
function skipToValue(s: string, p: number): number {
  let q = p;
  let breaks = 0;
  let stop = p + 48;
  while (q < s.length && q < stop) {
    const c = s.charCodeAt(q);
    if (c === 10) {
      if (++breaks > 3) break;
      const next = skipLinePrefix(s, q + 1);
      stop += next - (q + 1);
      q = next;
      continue;
    } else if (
      !(c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x3000 || isDecoration(c))
    ) {
      break;
    }
    q++;
  }
  return q;
}

/** reads up to 64 codes separated by commas, spaces or quotes, skipping numbers that are not codes */
function readList(s: string, p: number, hits: Hit[]): void {
  let q = p;
  for (let item = 0; item < 64; item++) {
    q = skipListSeparators(s, q);
    if (!isDigit(s.charCodeAt(q))) return;
    const code = readCode(s, q);
    if (code) hits.push({ index: q, code: code.code, via: 'list' });
    let r = q;
    while (r < s.length && r - q < 12 && isDigit(s.charCodeAt(r))) r++;
    if (r - q >= 12) return;
    q = r;
  }
}

function skipListSeparators(s: string, p: number): number {
  let q = p;
  for (let budget = 16; q < s.length && budget > 0; budget--) {
    const c = s.charCodeAt(q);
    if (c === 10) {
      q = skipLinePrefix(s, q + 1);
      continue;
    }
    // space, tab, CR, comma, semicolon, quotes, backslash, full-width comma
    if (
      c === 32 ||
      c === 9 ||
      c === 13 ||
      c === 44 ||
      c === 59 ||
      c === 34 ||
      c === 39 ||
      c === 96 ||
      c === 92 ||
      c === 0xff0c ||
      c === 0x3001
    ) {
      q++;
    } else {
      break;
    }
  }
  return q;
}
