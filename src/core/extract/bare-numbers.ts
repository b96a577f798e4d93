/**
 * Bare numbers with no label: a message that is only codes ("53003", "50126 50053"), and known
 * codes mentioned in a message about sign-ins ("users get 50126 and 50053 at login"). Only used
 * when no code was found in a code position, on chat-sized text.
 */
import { isDigit, isWordChar } from './text-util.js';
import type { CodeKnowledge, Hit } from './types.js';

const MAX_TEXT = 4096;

/** a message made only of 5-7 digit numbers separated by spaces, commas or semicolons */
const ONLY_CODES = /^[\s,;，、]{0,8}\d{5,7}(?:[\s,;，、]{1,8}\d{5,7}){0,19}[\s,;，、.?!？]{0,8}$/;

// the test is an "any of": the words most messages contain come first so the search stops early
const SIGN_IN_WORDS = [
  'error',
  'code',
  'login',
  'sign-in',
  'sign in',
  'signin',
  'signing in',
  'log in',
  'log-in',
  'logging in',
  'logon',
  'mfa',
  'entra',
  'azure ad',
  'aad',
  'conditional access',
  '登录',
  '错误',
  'connexion',
  'erreur',
];

/** true when a sign-in word starts a word of the text ("barcode" does not count as "code") */
function aboutSignIn(lower: string): boolean {
  for (const word of SIGN_IN_WORDS) {
    let i = lower.indexOf(word);
    while (i !== -1) {
      // CJK words have no word boundaries; Latin ones must not continue a word
      if (word.charCodeAt(0) > 0x2e80 || !isWordChar(lower.charCodeAt(i - 1))) return true;
      i = lower.indexOf(word, i + 1);
    }
  }
  return false;
}

/** words just before a number that make it something else */
const NOT_BEFORE = [
  'ticket',
  'inc',
  'case',
  'port',
  'pid',
  'order',
  'build',
  'version',
  'ver',
  'req',
  'ritm',
  'chg',
  'kb',
  'phone',
  'no.',
  'number',
  'id',
  'room',
  'ext',
];

/** words just after a number that make it a quantity */
const NOT_AFTER = [
  'ms',
  'user',
  'people',
  'account',
  'time',
  'request',
  'attempt',
  'sign-in',
  'signin',
  'login',
  'second',
  'minute',
  'byte',
  'kb',
  'mb',
  'row',
  'record',
  'event',
  'device',
  'item',
  '%',
  '个',
  '次',
];

/** every number of a message that is only codes */
export function onlyCodes(text: string): Hit[] {
  if (text.length > 300 || !ONLY_CODES.test(text)) return [];
  const hits: Hit[] = [];
  for (const m of text.matchAll(/\d{5,7}/g)) {
    if (m[0].startsWith('0')) continue;
    hits.push({ index: m.index, code: Number(m[0]), via: 'bare' });
  }
  return hits;
}

/** known codes standing alone in a message about sign-ins (or addressed to the bot) */
export function bareKnownCodes(text: string, knowledge: CodeKnowledge, addressed: boolean): Hit[] {
  if (text.length > MAX_TEXT) return [];
  const lower = text.toLowerCase();
  if (!addressed && !aboutSignIn(lower)) return [];
  const hits: Hit[] = [];
  for (const m of lower.matchAll(/\d{5,7}/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].startsWith('0') || !standsAlone(lower, start, end)) continue;
    const code = Number(m[0]);
    if (knowledge.has(code)) hits.push({ index: start, code, via: 'bare' });
  }
  return hits;
}

function standsAlone(lower: string, start: number, end: number): boolean {
  const before = lower.charCodeAt(start - 1);
  const after = lower.charCodeAt(end);
  // glued to a word, an id, an amount, a path, a time or a version
  if (isWordChar(before) || isWordChar(after)) return false;
  // "-", "−" (U+2212), "–" and "~" before it make it negative or approximate; MSAL for iOS and
  // macOS has negative codes of its own and iOS may print one as "(MSALErrorDomain error ~50000.)"
  // (https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/1266)
  if ('#$€£+@/\\:.-=?&~−–'.includes(lower[start - 1] ?? ' ')) return false;
  if ('/\\:-%'.includes(lower[end] ?? ' ')) return false;
  if ((lower[end] === '.' || lower[end] === ',') && isDigit(lower.charCodeAt(end + 1)))
    return false;
  const left = lower.slice(Math.max(0, start - 12), start).trimEnd();
  if (NOT_BEFORE.some((w) => left.endsWith(w))) return false;
  const right = lower.slice(end, end + 12).trimStart();
  return !NOT_AFTER.some((w) => right.startsWith(w));
}
