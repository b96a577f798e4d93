/**
 * Reads JSON objects embedded in a paste (a token endpoint response, a Graph signIn record, a
 * Python dict printed by MSAL Python, JSON inside an HTTP error). Objects are located by bracket
 * matching, parsed with JSON.parse, and walked iteratively with a depth cap: no recursion.
 */
import { readCode } from './text-util.js';
import type { Hit } from './types.js';

const MAX_OBJECTS = 8;
const MAX_SPAN = 64 * 1024;
const MAX_DEPTH = 32;
const MAX_NODES = 20_000;
const MAX_STRINGS = 64 * 1024;

const CODE_KEYS = new Set(['resulttype', 'errorcode', 'error_code', 'error_codes', 'errorcodes']);

export interface JsonFindings {
  hits: Hit[];
  /** string values, unescaped, joined by line breaks (for message matching) */
  strings: string;
}

/** end (exclusive) of the object or array opening at `start`, or -1; strings may use ' or " */
function matchBracket(s: string, start: number): number {
  let depth = 0;
  let quote = 0;
  const stop = Math.min(s.length, start + MAX_SPAN);
  for (let i = start; i < stop; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** rewrites a Python dict literal ('single quotes', True/False/None) as JSON */
export function pythonToJson(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === "'" || c === '"') {
      let body = '';
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const n = src[j + 1] ?? '';
          body += n === "'" ? "'" : `\\${n}`;
          j += 2;
          continue;
        }
        body += src[j] === '"' ? '\\"' : src[j];
        j++;
      }
      out += `"${body}"`;
      i = j + 1;
      continue;
    }
    if (src.startsWith('True', i)) {
      out += 'true';
      i += 4;
    } else if (src.startsWith('False', i)) {
      out += 'false';
      i += 5;
    } else if (src.startsWith('None', i)) {
      out += 'null';
      i += 4;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** the first character after the opening brace and any blanks */
function firstKeyChar(text: string): number {
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return c;
  }
  return -1;
}

/** a Python literal rewritten by pythonToJson could parse: it has a single quote or a Python constant */
const PYTHON_MARK = /'|\b(?:True|False|None)\b/;

/**
 * A failed JSON.parse costs microseconds (the SyntaxError quotes the input), more than the whole
 * scan of a chat message, and pastes are full of braces that open no object ("{0}", "{guid}",
 * "${...}"). So only spans that start like an object are parsed, and a Python dict is tried only
 * when the span has what the rewrite changes.
 */
function parse(text: string): unknown {
  const first = firstKeyChar(text);
  if (first === 39 /* ' */) return parseOrUndefined(pythonToJson(text));
  if (first !== 34 /* " */ && first !== 125 /* } */) return undefined;
  const value = parseOrUndefined(text);
  if (value !== undefined || !PYTHON_MARK.test(text)) return value;
  return parseOrUndefined(pythonToJson(text));
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function codesOf(value: unknown, index: number, hits: Hit[]): void {
  const values = Array.isArray(value) ? value.slice(0, 64) : [value];
  for (const v of values) {
    const str = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (!/^\d{5,7}$/.test(str)) continue;
    const code = readCode(str, 0);
    if (code) hits.push({ index, code: code.code, via: Array.isArray(value) ? 'list' : 'label' });
  }
}

/** walks the parsed value without recursion */
function walk(root: unknown, index: number, out: JsonFindings, budget: { strings: number }): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_NODES) {
    const { value, depth } = stack.pop()!;
    nodes++;
    if (typeof value === 'string') {
      if (budget.strings > 0) {
        const piece = value.slice(0, budget.strings);
        budget.strings -= piece.length + 1;
        out.strings += `${piece}\n`;
      }
      continue;
    }
    if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) continue;
    const entries: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((v, k) => [String(k), v])
      : Object.entries(value);
    // pushed in reverse so the walk visits keys in document order
    for (let k = entries.length - 1; k >= 0; k--) {
      const [key, child] = entries[k]!;
      if (CODE_KEYS.has(key.toLowerCase())) codesOf(child, index, out.hits);
      stack.push({ value: child, depth: depth + 1 });
    }
  }
}

/** codes under code keys and the string values of up to eight objects found in `s` */
export function walkJson(s: string): JsonFindings {
  const out: JsonFindings = { hits: [], strings: '' };
  const budget = { strings: MAX_STRINGS };
  let from = 0;
  for (let n = 0; n < MAX_OBJECTS; n++) {
    const start = s.indexOf('{', from);
    if (start === -1) break;
    const end = matchBracket(s, start);
    if (end === -1) {
      from = start + 1;
      continue;
    }
    const value = parse(s.slice(start, end));
    if (value !== undefined) {
      walk(value, start, out, budget);
      from = end;
    } else {
      from = start + 1;
    }
  }
  return out;
}
