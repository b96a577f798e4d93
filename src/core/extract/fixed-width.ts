/**
 * Reads the code column of a fixed-width table: `az ... --output table` and PowerShell's
 * Format-Table print a header line, a line of dash runs (one per column) and the rows, with each
 * value inside its column's run. Numbers may be right-aligned (PowerShell), so a cell is whatever
 * lies under its run. Bounded: at most MAX_ROWS rows of at most MAX_LINE characters.
 */

import { type CsvTable, cellCode, fillRowContext } from './csv.js';
import type { Hit } from './types.js';

const MAX_LINE = 2048;
const MAX_ROWS = 10_000;
const MAX_COLUMNS = 64;

interface Line {
  start: number;
  /** exclusive, without the line break (and a CR before it) */
  end: number;
  next: number;
}

function lineAt(s: string, start: number): Line {
  const lf = s.indexOf('\n', start);
  const next = lf === -1 ? s.length : lf + 1;
  let end = lf === -1 ? s.length : lf;
  if (end > start && s.charCodeAt(end - 1) === 13) end--;
  return { start, end, next };
}

/** the dash runs of a ruler line as [from, to) columns, or undefined when it is not a ruler */
function rulerRuns(s: string, line: Line): Array<[number, number]> | undefined {
  if (line.end - line.start > MAX_LINE) return undefined;
  const runs: Array<[number, number]> = [];
  let runStart = -1;
  for (let p = line.start; p <= line.end; p++) {
    const c = p < line.end ? s.charCodeAt(p) : 32;
    if (c === 45 /* - */) {
      if (runStart === -1) runStart = p;
    } else if (c === 32) {
      if (runStart !== -1) {
        runs.push([runStart - line.start, p - line.start]);
        if (runs.length > MAX_COLUMNS) return undefined;
        runStart = -1;
      }
    } else {
      return undefined;
    }
  }
  return runs.length >= 2 ? runs : undefined;
}

/** the text of a row under [from, to), trimmed; undefined when a value spills over the column */
function cellOf(s: string, row: Line, [from, to]: [number, number]): string | undefined {
  const a = row.start + from;
  const b = Math.min(row.end, row.start + to);
  if (a >= b) return '';
  const spillsLeft = from > 0 && s.charCodeAt(a - 1) !== 32;
  const spillsRight = b < row.end && s.charCodeAt(b) !== 32;
  if (spillsLeft || spillsRight) return undefined;
  return s.slice(a, b).trim();
}

/**
 * When the header cell [labelStart, labelEnd) heads a fixed-width table, the codes of its column
 * and the ids of the first row with a code; undefined when it heads no such table.
 */
export function fixedWidthColumnCodes(
  s: string,
  labelStart: number,
  labelEnd: number,
): CsvTable | undefined {
  // cheap test first, as every code label in a long log comes here: the next line starts with a
  // dash (after any indent)
  const lf = s.indexOf('\n', labelEnd);
  if (lf === -1 || lf - labelEnd > MAX_LINE) return undefined;
  let first = lf + 1;
  while (first - lf <= MAX_LINE && s.charCodeAt(first) === 32) first++;
  if (s.charCodeAt(first) !== 45) return undefined;
  const header = lineAt(s, s.lastIndexOf('\n', labelStart - 1) + 1);
  if (header.end - header.start > MAX_LINE) return undefined;
  const ruler = lineAt(s, header.next);
  const runs = rulerRuns(s, ruler);
  if (runs === undefined) return undefined;
  const col = labelStart - header.start;
  const column = runs.find(([from, to]) => from <= col && labelEnd - header.start <= to);
  if (column === undefined) return undefined;
  const names = runs.map(([from, to]) =>
    s
      .slice(header.start + from, Math.min(header.end, header.start + to))
      .trim()
      .toLowerCase(),
  );

  const hits: Hit[] = [];
  const context: Record<string, string> = {};
  let row = lineAt(s, ruler.next);
  let end = ruler.next;
  for (let n = 0; n < MAX_ROWS && row.start < s.length; n++) {
    // a blank line or one too long to be a row ends the table
    if (row.end - row.start > MAX_LINE || s.slice(row.start, row.end).trim() === '') break;
    end = row.next;
    const cell = cellOf(s, row, column);
    const code = cell === undefined ? undefined : cellCode(cell);
    if (cell !== undefined && code !== undefined) {
      hits.push({ index: s.indexOf(cell, row.start + column[0]), code, via: 'table' });
      const current = row;
      // the first row with a code gives the ids
      if (hits.length === 1) fillRowContext(names, (k) => cellAt(s, current, runs[k]), context);
    }
    row = lineAt(s, row.next);
  }
  return { hits, context, end };
}

function cellAt(s: string, row: Line, run: [number, number] | undefined): string | undefined {
  return run === undefined ? undefined : cellOf(s, row, run);
}
