/** Small character-level helpers for the scanners; every loop here is bounded. */

/** true for 0-9 */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** true for A-Z, a-z, 0-9 and _ */
export function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** true for ASCII letters */
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export interface NumberAt {
  code: number;
  end: number;
}

/**
 * Reads a 5-7 digit code starting exactly at `p`. Rejects longer runs, leading zeros, and numbers
 * glued to letters or continued like a version, date or time ("50126.1", "10:30", "2024-05").
 */
export function readCode(s: string, p: number, allowLetterAfter = false): NumberAt | undefined {
  let q = p;
  let value = 0;
  while (q < s.length && q - p < 8) {
    const c = s.charCodeAt(q);
    if (!isDigit(c)) break;
    value = value * 10 + (c - 48);
    q++;
  }
  const len = q - p;
  if (len < 5 || len > 7 || s.charCodeAt(p) === 48) return undefined;
  const next = s.charCodeAt(q);
  if (!Number.isNaN(next)) {
    if (isDigit(next)) return undefined;
    if (!allowLetterAfter && isWordChar(next)) return undefined;
    // ".", ":", "/", "-" followed by a digit continue a version, time, date or range
    if (
      (next === 46 || next === 58 || next === 47 || next === 45) &&
      isDigit(s.charCodeAt(q + 1))
    ) {
      return undefined;
    }
  }
  return { code: value, end: q };
}

/** calls `fn` for every index of every needle inside [from, to) of `hay` */
export function eachIndex(
  hay: string,
  needles: readonly string[],
  from: number,
  to: number,
  fn: (index: number, needle: string) => void,
): void {
  for (const needle of needles) {
    let i = hay.indexOf(needle, from);
    while (i !== -1 && i < to) {
      fn(i, needle);
      i = hay.indexOf(needle, i + needle.length);
    }
  }
}

/** case-insensitive comparison of `s` at `p` with a lower-case `word` (ASCII folding, no allocation) */
export function lowerAt(s: string, p: number, word: string): boolean {
  if (p < 0 || p + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(p + k);
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127 && c !== word.charCodeAt(k))
      c = s
        .charAt(p + k)
        .toLowerCase()
        .charCodeAt(0);
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** skips spaces and tabs (at most `max`) */
export function skipBlanks(s: string, p: number, max = 16): number {
  let q = p;
  while (q < s.length && q - p < max) {
    const c = s.charCodeAt(q);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0x3000) break;
    q++;
  }
  return q;
}
