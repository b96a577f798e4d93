/**
 * Notices secrets pasted into chat so the reply can warn about them. Nothing here returns the
 * secret itself. Shapes: a JWT (three base64url parts, the first starting with "eyJ") and an
 * Entra client secret value ("abc8Q~" followed by 31 to 34 characters).
 */
import type { SecretKind } from '../reply.js';
import { isDigit } from './text-util.js';

const MAX_HITS = 1000;

function isTokenChar(c: number): boolean {
  // [A-Za-z0-9_.-]
  return (
    isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45
  );
}

function isSecretChar(c: number): boolean {
  // [A-Za-z0-9_~.-]
  return isTokenChar(c) || c === 126;
}

/** index of the next "eyJ" (found through its rarer "J") */
function nextJwtStart(s: string, from: number): number {
  let j = s.indexOf('yJ', from + 1);
  while (j !== -1 && s.charCodeAt(j - 1) !== 101 /* e */) j = s.indexOf('yJ', j + 2);
  return j === -1 ? -1 : j - 1;
}

function hasJwt(s: string): boolean {
  let i = nextJwtStart(s, 0);
  for (let n = 0; i !== -1 && n < MAX_HITS; n++) {
    if (!isTokenChar(s.charCodeAt(i - 1))) {
      let end = i;
      let dots = 0;
      while (end < s.length && end - i < 16_384 && isTokenChar(s.charCodeAt(end))) {
        if (s.charCodeAt(end) === 46) dots++;
        end++;
      }
      if (dots === 2 && end - i >= 20) {
        const [header = '', payload = ''] = s.slice(i, end).split('.');
        if (header.length >= 10 && payload.length >= 10) return true;
      }
      i = nextJwtStart(s, end);
    } else {
      i = nextJwtStart(s, i + 3);
    }
  }
  return false;
}

function hasClientSecret(s: string): boolean {
  let i = s.indexOf('Q~');
  for (let n = 0; i !== -1 && n < MAX_HITS; n++) {
    // three secret characters and a digit before "Q~", 31-34 after, nothing secret-like around
    const start = i - 4;
    let ok = start >= 0 && isDigit(s.charCodeAt(i - 1)) && !isSecretChar(s.charCodeAt(start - 1));
    for (let k = start; ok && k < i - 1; k++) {
      const c = s.charCodeAt(k);
      ok = isSecretChar(c) && c !== 45;
    }
    if (ok) {
      let end = i + 2;
      while (end < s.length && end - i < 40 && isSecretChar(s.charCodeAt(end))) end++;
      const tail = end - (i + 2);
      if (tail >= 31 && tail <= 34) return true;
    }
    i = s.indexOf('Q~', i + 2);
  }
  return false;
}

/** kinds of secrets present in the text, each at most once */
export function findSecrets(s: string): SecretKind[] {
  const kinds: SecretKind[] = [];
  if (hasJwt(s)) kinds.push('jwt');
  if (hasClientSecret(s)) kinds.push('client-secret');
  return kinds;
}
