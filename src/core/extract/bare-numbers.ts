/**
 * Bare numbers with no label: a message that is only codes ("53003", "50126 50053"), and known
 * codes mentioned in a message about sign-ins ("users get 50126 and 50053 at login"). Only used
 * when no code was found in a code position, on chat-sized text.
 */
import { isDigit, isLetter, isWordChar } from './text-util.js';
import type { CodeKnowledge, Hit } from './types.js';

const MAX_TEXT = 4096;

/** a message made only of 5-7 digit numbers separated by spaces, commas, semicolons or bullets */
const ONLY_CODES = /^[\s,;，、•]{0,8}\d{5,7}(?:[\s,;，、•]{1,8}\d{5,7}){0,19}[\s,;，、.?!？]{0,8}$/;

/**
 * Words that make a message about signing in. "error" and "code" are not among them: they are in
 * most technical chatter ("Active code page: 65001", "Error: sample rate must be 16000"), so they
 * only count next to the number (ERROR_WORDS). Includes the words of the languages whose sign-in
 * pages people paste (es, de, ja, ko, nl, zh-TW, fr, zh-CN, tr, ru, pl, cs, vi). A word must end
 * where the text's word ends ("login", "logins", "login_hint"; not "systemd-logind" or
 * "entrance"), except the stems marked with "*", which any ending continues ("Anmeldung",
 * "SigninLogs", "logowania").
 */
const SIGN_IN_WORDS = [
  'login',
  'sign-in*',
  'sign in',
  'signin*',
  'signing in',
  'log in',
  'log-in',
  'logging in',
  'logon',
  'sign into',
  'log into',
  'signed in',
  'logged in',
  'sso',
  'se connecter',
  'iniciar sesion',
  'inicio de sesion',
  'me connecte',
  'authenticat*',
  'authentifi*',
  'autentica*',
  'mfa',
  'entra',
  'azure ad',
  'aad*',
  'conditional access',
  'connexion',
  'inicio de sesión',
  'iniciar sesión',
  'anmeld*',
  'aanmeld*',
  'oturum aç*',
  'вход',
  'войти',
  'logowani*',
  'zalogowa*',
  'přihl*',
  'đăng nhập',
  '登录',
  '登入',
  'サインイン',
  'ログイン',
  '로그인',
].map((w) => (w.endsWith('*') ? { word: w.slice(0, -1), stem: true } : { word: w, stem: false }));

/** "error 50126", "erreur : 50126", "错误 50126": a number right after one of these is a code */
const ERROR_WORDS = [
  'error',
  'errors',
  'err',
  'erreur',
  'erreurs',
  'fehler',
  'hata',
  'ошибка',
  'ошибки',
  'błąd',
  'błędu',
  'chyba',
  'chyby',
  'lỗi',
  'kesalahan',
  '错误',
  'エラー',
  'エラーコード',
  'código',
  'codigo',
];

/**
 * true when `word` is a word of `lower` somewhere ("barcode" does not count as "code"); a word of
 * an identifier counts ("pam_aad", "azure_ad_login"); a stem may go on, other words may only take
 * a plural "s"
 */
function hasWord(lower: string, word: string, stem: boolean): boolean {
  for (let i = lower.indexOf(word); i !== -1; i = lower.indexOf(word, i + 1)) {
    if (startsWord(lower, i, word) && (stem || endsWord(lower, i + word.length))) return true;
  }
  return false;
}

function endsWord(lower: string, end: number): boolean {
  const after = lower.charCodeAt(end);
  if (after === 95 /* _ */ || !isWordChar(after)) return true;
  const next = lower.charCodeAt(end + 1);
  return after === 115 /* s */ && (next === 95 || !isWordChar(next));
}

/** `word` at `at` starts a word: CJK words have no boundaries, Latin ones must not continue one */
function startsWord(lower: string, at: number, word: string): boolean {
  const before = lower.charCodeAt(at - 1);
  return word.charCodeAt(0) > 0x2e80 || before === 95 /* _ */ || !isWordChar(before);
}

function aboutSignIn(lower: string): boolean {
  return SIGN_IN_WORDS.some(({ word, stem }) => hasWord(lower, word, stem));
}

/** the number at `start` follows an error word, with only blanks or a colon between */
function afterErrorWord(lower: string, start: number): boolean {
  let p = start;
  while (p > 0 && p > start - 4 && ' \t:：'.includes(lower[p - 1] ?? '')) p--;
  return ERROR_WORDS.some((w) => {
    const at = p - w.length;
    return at >= 0 && lower.startsWith(w, at) && startsWord(lower, at, w);
  });
}

/** "50126, 50053 and 53003": what may stand between two codes of one list */
const LIST_GAP = /^(?:\s{0,3}[,;/&、，]?\s{0,3}(?:and|or|和|et)?\s{0,3})$/;

/** what stands between two values of one field: quotes, brackets, blanks, a comma */
const VALUE_GAP = /^["'\]\s,;|[]*$/;
const VALUE_MARK = /["'\]]/;

/** '"]\t["': the gap between two values of a field, which has a bracket or quote in it */
function isValueGap(gap: string): boolean {
  return VALUE_GAP.test(gap) && VALUE_MARK.test(gap);
}

/** the number at `start` goes on the list of codes that ended at `listEnd` (-1: none) */
function continuesList(lower: string, listEnd: number, start: number): boolean {
  return listEnd !== -1 && start - listEnd <= 12 && LIST_GAP.test(lower.slice(listEnd, start));
}

/** currency codes written before or after an amount ("CHF 120000", "50000 kr") */
const CURRENCIES = [
  'usd',
  'eur',
  'gbp',
  'chf',
  'jpy',
  'yen',
  'inr',
  'aud',
  'cad',
  'kr',
  'sek',
  'nok',
  'dkk',
  'pln',
  'zł',
];

/** words just before a number that make it something else */
const NOT_BEFORE = [
  'ticket',
  'tickets',
  'incident',
  'incidents',
  'alert',
  'issue',
  'pr',
  'pull request',
  'bug',
  'task',
  'story',
  'invoice',
  // money (the currencies people quote, and a few more names and signs), routing
  ...CURRENCIES,
  'cny',
  'rmb',
  'brl',
  'r$',
  '¥',
  '￥',
  '₹',
  'asn',
  'bgp',
  'vlan',
  // "number" and "ticket" in other languages
  'numer',
  'nummer',
  'número',
  'numéro',
  'zgłoszenia',
  'chamado',
  // Windows console code page (chcp 65001 is UTF-8), file encodings
  'code page',
  'codepage',
  'chcp',
  'encoding',
  // one-time passcodes and postal codes
  'verification code',
  'security code',
  'sms code',
  'authenticator code',
  'one-time code',
  'code sent',
  'sent code',
  'texted code',
  'passcode',
  'otp',
  'pin',
  'zip',
  'zip code',
  'postal code',
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
  // references, conference bridges and the last digits of a phone number
  'ref',
  'ref.',
  'reference',
  'conf',
  'conference',
  'bridge',
  'dial-in',
  'last digits',
  // people, tenants and cost centres named by number; money written with a space
  'user',
  'employee',
  'emp',
  'sr',
  'tenant',
  'cost center',
  'cost centre',
  'kostenstelle',
  'matricule',
  'legajo',
  'empleado',
  'n°',
  'budget',
  'cost',
  'price',
  '$',
  '€',
  '£',
  'mfa code',
  // the same in other languages, and other things numbered like codes
  'benutzer',
  'nutzer',
  'mitarbeiter',
  'azubi',
  'utilisateur',
  "l'utilisateur",
  'usuario',
  'starter',
  'joiner',
  'asset',
  'pc',
  'store',
  'branch',
  'badge',
  'pedido',
  'commande',
  'bestellung',
  'vendor',
  'supplier',
  '工单',
  '工单号',
];

/** "Personalnummer 500121", "Ticket-Nr. 50126", "社員番号 500121", "工号 500121": the end of an id's name */
const ID_ENDINGS =
  /(?:nummer|[a-zäöü]nr\.?|-nr\.?|\bnr\.|番号|编号|編號|工号|单号|次数|人数|ユーザー数)(?:は|が|：|:)?$/;

/**
 * Words of NOT_BEFORE that only say "a number": "ticket number 50126" and "number 50126" are not
 * codes, but "error number 50126" and "Fehlernummer" are
 */
const GENERIC = new Set(['number', 'id', 'no.', 'numer', 'nummer', 'número', 'numéro', 'code']);
const ERROR_BEFORE =
  /(?:^|[^\p{L}])(?:error|errors|err|fehler|erreur|hata|错误|sign-in error|login error|result|status|reason|failure)\s*$/u;

/**
 * "EmployeeId : 700016", "badge_no 500133", "employee number 700025": an id of a person or a
 * record, named by one of these words joined to "id", "number", "nr" or "no"
 */
const ID_OWNERS = new Set([
  'employee',
  'badge',
  'staff',
  'personnel',
  'user',
  'customer',
  'member',
  'student',
  'order',
  'ticket',
  'case',
  'device',
  'phone',
  'mobile',
  'account',
]);
const ID_SUFFIXES = ['id', 'number', 'nr', 'no', 'no.'];

function idOfOwner(left: string): boolean {
  for (const suffix of ID_SUFFIXES) {
    if (!left.endsWith(suffix)) continue;
    let end = left.length - suffix.length;
    const joint = left.charCodeAt(end - 1);
    if (joint === 32 || joint === 95 || joint === 45) end--;
    let p = end;
    while (p > 0 && isLetter(left.charCodeAt(p - 1))) p--;
    if (p > 0 && isWordChar(left.charCodeAt(p - 1))) continue;
    if (ID_OWNERS.has(left.slice(p, end))) return true;
  }
  return false;
}

/** "my employee number is 700025": a verb between the word and the number */
const COPULAS = new Set(['is', 'was', 'were', 'are', 'of']);

/**
 * after a verb only these make the number something else ("the code sent was 530034", "code
 * page of 65001"); "the issue is 50126" and "in case of 50126" are codes
 */
const AFTER_VERB = new Set([
  'pin',
  'passcode',
  'otp',
  'code sent',
  'sent code',
  'texted code',
  'authenticator code',
  'verification code',
  'security code',
  'sms code',
  'one-time code',
  'code page',
  'codepage',
  'zip code',
  'postal code',
  'reference',
  'ref',
  'ticket',
  // "the code is 530034" is a one-time code; "the error code is 50126" is not (see GENERIC)
  'code',
]);
const AFTER_VERB_NOT_CODE = new Set([...AFTER_VERB].filter((w) => w !== 'code'));
const AFTER_VERB_LONGEST = Math.max(...[...AFTER_VERB].map((w) => w.length));

const NOT_BEFORE_SET = new Set(NOT_BEFORE);
const OWNED_THINGS = new Set(['pc', 'store', 'branch', 'asset']);
const NOT_BEFORE_LONGEST = Math.max(...NOT_BEFORE.map((w) => w.length));

/** words just after a number that make it a quantity */
const NOT_AFTER = [
  'ms',
  'people',
  'second',
  'minute',
  'byte',
  'kb',
  'mb',
  'hz',
  'khz',
  ...CURRENCIES,
  'dollar',
  'euro',
  '円',
  '元',
  // a Paris postcode ("75008 Paris"): the catalog has several codes in that range
  'paris',
  '%',
  '个',
  '次',
];

/**
 * Nouns that make a number a count only in the plural ("50126 users", "53003 sign-ins"): a count
 * of five digits or more is plural, while "50057 account disabled" and "50076\nRequest Id: …"
 * name the code's own subject
 */
const COUNTED = new Set([
  'users',
  'accounts',
  'times',
  'requests',
  'attempts',
  'signins',
  'logins',
  'rows',
  'records',
  'events',
  'devices',
  'items',
  'samples',
  'employees',
  'licenses',
  'licences',
  'seats',
  'failures',
  'tokens',
  'calls',
  'entries',
  'guests',
  'objects',
  // other languages' plurals ("Benutzer" is both)
  'benutzer',
  'nutzer',
  'konten',
  'mitarbeiter',
  'mitarbeitende',
  'comptes',
  'utilisateurs',
  'usuarios',
  'cuentas',
]);

/** "54005 failed logins": an adjective between a count and its noun */
const COUNT_ADJECTIVES = new Set([
  'failed',
  'successful',
  'guest',
  'active',
  'inactive',
  'blocked',
  'new',
  'unique',
  'interactive',
  'risky',
]);

/** signs and counters written right after an amount or a count: "50012 €", "54005 名", "300 件" */
const AFTER_SIGNS = '€$£名人件台';

/** NOT_AFTER's ASCII words, looked up whole; the rest are matched at the start of what follows */
const NOT_AFTER_WORDS = new Set(NOT_AFTER.filter((w) => /^[a-z]+$/.test(w)));
const NOT_AFTER_OTHER = NOT_AFTER.filter((w) => !NOT_AFTER_WORDS.has(w));

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

/**
 * "- 50089", "• 50126 — bad password", "2) 50072": a bulleted or numbered line that is a known
 * code, alone or followed by a dash or colon and its description
 */
const BULLETED =
  /[ \t]{0,8}(?:[-*•·‣▪◦]|\d{1,2}[.)])[ \t]{1,4}(\d{5,7})(?=[ \t]{0,4}(?:$|[\r\n—–:-]))/y;

/** a bullet ("-", "*", "•", "·", "‣", "▪", "◦") or a list number ("2.", "12)") at `p` */
function bulletAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c === 45 || c === 42 || c === 0x2022 || c === 0xb7 || c === 0x2023 || c === 0x25aa)
    return true;
  if (c === 0x25e6) return true;
  if (!isDigit(c)) return false;
  const n = isDigit(text.charCodeAt(p + 1)) ? p + 2 : p + 1;
  return text.charCodeAt(n) === 46 || text.charCodeAt(n) === 41;
}

/** a line that opens a list of codes: "error codes, including:", "Fehlercodes:", "错误代码：" */
const LIST_INTRO =
  /codes\b|errors\b|fehlercodes|codes d'erreur|códigos|错误代码|错误码|エラー コード|오류 코드/;

/**
 * Known codes listed one per bullet under a line that says the list is one of codes ("I saw these
 * error codes, including: - 50089 - 50126"), next to codes found in code positions or alone; a
 * list of employee ids or amounts under "These users get AADSTS50126:" is not read. `roundOk`
 * false leaves out round numbers (50000, 120000), as a channel message does.
 */
export function bulletedKnownCodes(lower: string, knowledge: CodeKnowledge, roundOk = true): Hit[] {
  if (lower.length > MAX_TEXT * 4) return [];
  const hits: Hit[] = [];
  // the lines that may open the current list: the last plain line, and numbered lines after it
  // ("18. I saw these error codes:"); read only once a code stands on a bullet
  let openers: Array<[number, number]> = [];
  let tested = 0;
  let introSeen = false;
  let listOfCodes: boolean | undefined;
  for (let line = 0; line !== -1 && line < lower.length; ) {
    const next = lower.indexOf('\n', line);
    const lineEnd = next === -1 ? lower.length : next;
    // most lines start with something else: look at the first character after the indent
    let p = line;
    while (p < line + 8 && (lower.charCodeAt(p) === 32 || lower.charCodeAt(p) === 9)) p++;
    if (bulletAt(lower, p)) {
      BULLETED.lastIndex = line;
      const m = BULLETED.exec(lower);
      const digits = m?.[1];
      if (m === null || digits === undefined) {
        openers.push([p, lineEnd]);
        if (listOfCodes === false) listOfCodes = undefined;
      } else if (!digits.startsWith('0') && knowledge.has(Number(digits))) {
        if (listOfCodes === undefined) {
          for (; tested < openers.length && !introSeen; tested++) {
            const [from, to] = openers[tested] as [number, number];
            introSeen = LIST_INTRO.test(lower.slice(from, to));
          }
          listOfCodes = introSeen;
        }
        const start = line + m[0].length - digits.length;
        const round = Number(digits) % 1000 === 0;
        if (listOfCodes && (roundOk || !round) && !vetoedAfter(lower, start + digits.length)) {
          hits.push({ index: start, code: Number(digits), via: 'bare' });
        }
      }
    } else if (p < lineEnd && !isSpace(lower.charCodeAt(p))) {
      openers = [[p, lineEnd]];
      tested = 0;
      introSeen = false;
      listOfCodes = undefined;
    }
    line = next === -1 ? -1 : next + 1;
  }
  return hits;
}

/** known codes standing alone in a message about sign-ins (or addressed to the bot) */
export function bareKnownCodes(text: string, knowledge: CodeKnowledge, addressed: boolean): Hit[] {
  if (text.length > MAX_TEXT) return [];
  const lower = text.toLowerCase();
  // Unaddressed, a message must be about signing in, or name the number as an error; the topic is
  // only looked up once a known code stands alone in the message, as most chatter has none
  let anywhere: boolean | undefined = addressed || undefined;
  const hits: Hit[] = [];
  let listEnd = -1;
  let skippedEnd = -1;
  for (const m of lower.matchAll(/\d{5,7}/g)) {
    const start = m.index;
    const end = start + m[0].length;
    const code = Number(m[0]);
    if (m[0].startsWith('0') || !knowledge.has(code)) continue;
    // the header of the table column the number stands in, if it stands in one
    const column = columnHeader(lower, start);
    // 'EmployeeId ["500121"] ["500131"]': the next value of a skipped field is skipped too
    if (
      !standsAlone(lower, start, end) ||
      inCodeOrAddress(text, start) ||
      otherColumn(column) ||
      (skippedEnd !== -1 && start - skippedEnd <= 8 && isValueGap(lower.slice(skippedEnd, start)))
    ) {
      skippedEnd = end;
      continue;
    }
    const named = afterErrorWord(lower, start);
    // a one-time code someone typed or was shown ("enter the code: 530034", "验证码 530034")
    if (!named && m[0].length === 6 && oneTimeCode(lower, start, end)) continue;
    if (!named && !continuesList(lower, listEnd, start) && !codeColumn(column)) {
      anywhere ??= aboutSignIn(lower);
      if (!anywhere) continue;
      // a round number (50000, 53000, 120000) in a channel is a count or an amount far more
      // often than a code: there it needs an error word or a list of codes
      if (!addressed && code % 1000 === 0) continue;
      if (inAddress(text, lower, start, end)) continue;
    }
    hits.push({ index: start, code, via: 'bare' });
    listEnd = end;
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
  // "50126/50053": a slash between two codes is a list
  const pairedBefore = lower[start - 1] === '/' && codeEndsAt(lower, start - 1);
  if (!pairedBefore && '#$€£¥￥₹+@/\\:.-=?&~−–'.includes(lower[start - 1] ?? ' ')) return false;
  // "conf 530033#": a PIN or conference id ends in "#"; "50126: bad password" describes the code
  const described =
    lower[end] === ':' && lower[end + 1] === ' ' && isLetter(lower.charCodeAt(end + 2));
  const pairedAfter = lower[end] === '/' && codeStartsAt(lower, end + 1);
  if (!described && !pairedAfter && '/\\:-%#'.includes(lower[end] ?? ' ')) return false;
  if ((lower[end] === '.' || lower[end] === ',') && isDigit(lower.charCodeAt(end + 1)))
    return false;
  // "Version : 50140", "File Encoding: 65001", 'EmployeeId ["500121"]': the word before counts
  // across a colon, an equals sign or the opening of an array or string
  let to = start;
  while (to > start - 32 && LEFT_GLUE.includes(lower[to - 1] ?? '.')) to--;
  let left = lower.slice(Math.max(0, to - 32), to);
  if (vetoedBefore(left)) return false;
  if (ID_ENDINGS.test(left) && !ERROR_NUMBER.test(left)) return false;
  if (phoneEnding(lower.slice(Math.max(0, to - 80), to), left)) return false;
  // "the code sent was 530034", "employee number is 700025"
  const verb = lastWord(left);
  if (COPULAS.has(verb)) {
    left = left.slice(0, left.length - verb.length).replace(/[\s:=：]+$/, '');
    const words = end - start === 5 ? AFTER_VERB_NOT_CODE : AFTER_VERB;
    if (vetoedBefore(left, words) || idOfOwner(left)) return false;
    // "the vendor number is 500014", but not "a number of 50126 errors" or "the error number is …"
    const noun = lastWord(left);
    if (verb !== 'of' && noun !== 'code' && GENERIC.has(noun)) {
      if (!ERROR_BEFORE.test(left.slice(0, left.length - noun.length))) return false;
    }
  }
  // "0171 5000224", "+44 7700 900021": the rest of a phone number
  const near = lower.slice(Math.max(0, start - 24), start);
  if (PHONE_BEFORE.test(near) && !TIME_BEFORE.test(near)) return false;
  return !vetoedAfter(lower, end);
}

const ERROR_NUMBER =
  /(?:fehler|error|erreur)[- ]?(?:nummer|nr\.?)$|(?:エラー|错误|錯誤)(?:番号|编号|編號)(?:は|が)?$/;
/** "since 0800 50126": a time of day, not an area code */
const TIME_BEFORE = /\b(?:at|since|from|until|till|by|around|after|before)\s+0\d[0-5]\d $/;
const PHONE_BEFORE = /(?:^|[^\d])(?:0\d{2,4}|\+\d{1,3}(?: \d{1,4}){0,3}) $/;

const LETTER = /\p{L}/u;
const HAN = /\p{Script=Han}/u;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** a 5-7 digit number ends at `at`, not glued to a word or another slash */
function codeEndsAt(lower: string, at: number): boolean {
  let p = at;
  while (p > at - 7 && isDigit(lower.charCodeAt(p - 1))) p--;
  const c = lower.charCodeAt(p - 1);
  return at - p >= 5 && !isWordChar(c) && c !== 47;
}

/** a 5-7 digit number starts at `at`, not glued to a word or another slash */
function codeStartsAt(lower: string, at: number): boolean {
  let p = at;
  while (p < at + 7 && isDigit(lower.charCodeAt(p))) p++;
  const c = lower.charCodeAt(p);
  return p - at >= 5 && !isWordChar(c) && c !== 47;
}

/** what may stand between a field's name and its value */
const LEFT_GLUE = ' \t\r\n:=：["\'';

/** the ASCII word `left` ends with ("" when it ends otherwise) */
function lastWord(left: string): string {
  let p = left.length;
  while (p > 0 && isLetter(left.charCodeAt(p - 1))) p--;
  return p > 0 && isWordChar(left.charCodeAt(p - 1)) ? '' : left.slice(p);
}

/** the word after the number makes it a quantity: "50126 users", not "50126 username" or "… MSAL" */
function vetoedAfter(lower: string, end: number): boolean {
  let p = end;
  while (p < end + 12 && isSpace(lower.charCodeAt(p))) p++;
  let q = p;
  while (q < p + 12 && isLetter(lower.charCodeAt(q))) q++;
  if (AFTER_SIGNS.includes(lower[p] ?? 'x') && !HAN.test(lower[p + 1] ?? '')) return true;
  // a whole word in any script: "Benutzer", "utilisateurs"
  let r = p;
  while (r < p + 16 && LETTER.test(lower[r] ?? '')) r++;
  if (r > q && COUNTED.has(lower.slice(p, r))) return true;
  // "50126 krävs" is Swedish, not the currency "kr"
  if (q > p && lower.charCodeAt(q) > 127 && LETTER.test(lower[q] ?? '')) return false;
  if (q > p) {
    const word = lower.slice(p, q);
    if (COUNTED.has(word)) return true;
    if (COUNT_ADJECTIVES.has(word)) {
      let t = q;
      while (t < q + 3 && isSpace(lower.charCodeAt(t))) t++;
      let u = t;
      while (u < t + 14 && isLetter(lower.charCodeAt(u))) u++;
      const noun = lower.slice(t, u);
      if (COUNTED.has(noun) || (noun === 'sign' && lower.startsWith('-ins', u))) return true;
    }
    if (word === 'sign' && lower.startsWith('-ins', q)) return true;
    // whole words, with an optional plural
    return (
      NOT_AFTER_WORDS.has(word) || (word.endsWith('s') && NOT_AFTER_WORDS.has(word.slice(0, -1)))
    );
  }
  return NOT_AFTER_OTHER.some((w) => lower.startsWith(w, p));
}

/** the text before a number ends with a word that makes the number something else */
function vetoedBefore(left: string, words: ReadonlySet<string> = NOT_BEFORE_SET): boolean {
  const longest = words === NOT_BEFORE_SET ? NOT_BEFORE_LONGEST : AFTER_VERB_LONGEST;
  // "her PC 50126", "the store's": a numbered thing takes no possessive before it
  // whole words only: "erreur" does not end in the currency "eur", nor "server" in "ver"
  for (let p = left.length - 1; p >= 0 && p >= left.length - longest; p--) {
    if (isWordChar(left.charCodeAt(p - 1))) continue;
    const word = left.slice(p);
    if (!words.has(word)) continue;
    // "error number 50126", "sign-in error ID: 50126": the error's own number
    if (GENERIC.has(word) && ERROR_BEFORE.test(left.slice(0, p))) return false;
    if (OWNED_THINGS.has(word) && /\b(?:my|her|his|their|your|our)\s+$/.test(left.slice(0, p)))
      return false;
    return true;
  }
  return idOfOwner(left);
}

/** "phone … ending in 50126": the last digits of a phone or card, not a code */
function phoneEnding(lower: string, left: string): boolean {
  if (!left.endsWith('ending in') && !left.endsWith('ends in')) return false;
  return /phone|mobile|number|card|digits/.test(lower);
}

/** a column header that names codes: "Error", "Error code", "ResultType", "Status", "错误代码"… */
const CODE_HEADER =
  /error|code|result|failure|status|错误|代码|fehler|erreur|código|codice|コード|오류|ошибк|hata|błąd|kod/;

/**
 * A table column (tab-separated, as the Entra admin center copies and Teams tables give it, or
 * a markdown table) whose header names something else, so its numbers are not codes: "Annual
 * (JPY)", "Seats", "Employee ID". `name` is the header (see columnHeader); a row with no table
 * above it has none and is not judged.
 */
function otherColumn(name: string | undefined): boolean {
  if (name === undefined) return false;
  // a first row of numbers is data, not a header; "Failures" and "Count" columns hold counts
  if (COUNT_HEADER.test(name)) return true;
  return HAS_LETTER.test(name) && !CODE_HEADER.test(name);
}

/** the header of the table column the number at `start` stands in (lower case, trimmed) */
function columnHeader(lower: string, start: number): string | undefined {
  const lineStart = lower.lastIndexOf('\n', start - 1) + 1;
  const before = lower.slice(lineStart, start);
  const delimiter = before.includes('\t') ? '\t' : before.includes('|') ? '|' : '';
  if (delimiter === '') return undefined;
  const column = before.split(delimiter).length - 1;
  let header: string | undefined;
  let cursor = lineStart;
  for (let rows = 0; cursor > 0 && rows < 200; rows++) {
    const previousStart = lower.lastIndexOf('\n', cursor - 2) + 1;
    const line = lower.slice(previousStart, cursor - 1);
    cursor = previousStart;
    if (line.trim() === '') continue;
    if (!line.includes(delimiter)) break;
    header = line;
  }
  // a markdown row starts with a pipe: its first cell is empty on both lines, so columns still match
  return header === undefined ? undefined : (header.split(delimiter)[column] ?? '').trim();
}

const HAS_LETTER = /\p{L}/u;
const COUNT_HEADER = /^(?:failures|failed|sign-ins|count|registered|users)$/;

/** words before a one-time code, and after it in Japanese and Chinese */
const OTP_BEFORE =
  /(?:\b(?:enter|entered|type|typed|texted|text with|sms|the code:?)\b|验证码|認証コード)(?:[\s:："'「]|\b(?:the|a|sms|text|mfa|code|it)\b){0,24}$/;
const OTP_SHOWN = /(?:\b(?:shows|showing|displays)\b|表示された)[\s:："'「]{0,3}$/;
const OTP_DEVICE = /authenticator|\bapp\b|phone|\bsms\b|認証|アプリ/;
const OTP_AFTER = /^\s*(?:を入力|を入れ|输入)/;

function oneTimeCode(lower: string, start: number, end: number): boolean {
  return (
    OTP_BEFORE.test(lower.slice(Math.max(0, start - 40), start)) ||
    (OTP_SHOWN.test(lower.slice(Math.max(0, start - 16), start)) &&
      OTP_DEVICE.test(lower.slice(Math.max(0, start - 60), start))) ||
    OTP_AFTER.test(lower.slice(end, end + 8))
  );
}

/** a line of a postal address, or a postcode after a place or an office */
const STREET =
  /\b(?:address|adresse|dirección|straße|strasse|str\.|street|rue|calle|avenue|ave|blvd|road)\b/;
/** addresses that are not postal: "email address", "IP address", "E-Mail-Adresse", "adresse e-mail" */
const NOT_POSTAL =
  /\b(?:e-?mail|mail|ip|mac|web|reply|sign-in|login)[- ]?(?:address|adresse)\b|\badresse (?:e-?mail|mail|ip)\b/g;
const OFFICE_PAREN =
  /\b(?:office|site|bureau|büro|oficina|standort|campus|branch)\b[^()\n]{0,20}\($/;
const PLACE_STATE =
  /[A-Z][a-z]+,? (?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]) $/;

function inAddress(text: string, lower: string, start: number, end: number): boolean {
  const lineStart = lower.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = lower.indexOf('\n', end);
  const line = lower
    .slice(lineStart, lineEnd === -1 ? lower.length : lineEnd)
    .replace(NOT_POSTAL, '');
  if (STREET.test(line)) return true;
  if (lower[end] === ')' && OFFICE_PAREN.test(lower.slice(Math.max(0, start - 40), start)))
    return true;
  // "Los Angeles CA 90036" (a place, then a state); "Users CA 53003" is Conditional Access
  return (
    PLACE_STATE.test(text.slice(Math.max(0, start - 24), start)) &&
    !/\bca $/.test(lower.slice(start - 3, start))
  );
}

/** a column whose header names codes: "Error", "Error code", "Failure reason", "エラー" */
const CODE_COLUMN =
  /^(?:error|errors|error code|sign-in error code|failure reason|fehler|fehlercode|erreur|código|错误|错误代码|エラー|エラーコード)$/;

/** a table column headed by a code word: its numbers are codes, whatever the message is about */
function codeColumn(name: string | undefined): boolean {
  return name !== undefined && CODE_COLUMN.test(name);
}

/** a US state before a ZIP code in an address: "Los Angeles, CA 90002" */
const STATE_BEFORE = /, ?[A-Z]{2} $/;

/**
 * The number is an argument of a call ("setTimeout(f, 120000)", "waitForHealth(url, 120000)") or
 * a process id or index ("sshd[50126]"), as in source code and system logs pasted about logins,
 * or a ZIP code after a US state.
 */
function inCodeOrAddress(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) === 91 /* [ */ && isWordChar(text.charCodeAt(start - 2))) {
    return true;
  }
  if (STATE_BEFORE.test(text.slice(Math.max(0, start - 5), start))) return true;
  // look back along the line for an opening parenthesis that is still open
  let depth = 0;
  for (let p = start - 1; p >= 0 && p >= start - 160; p--) {
    const c = text.charCodeAt(p);
    if (c === 10) return false;
    if (c === 41 /* ) */) depth++;
    else if (c === 40 /* ( */) {
      if (depth === 0) return isWordChar(text.charCodeAt(p - 1));
      depth--;
    }
  }
  return false;
}
