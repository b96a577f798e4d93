/**
 * Finds the ids an admin needs to locate a failure in the sign-in log: trace, correlation and
 * request ids, the timestamp and the app (client) id. Labels in English, Chinese and French, the
 * other languages Microsoft translates these error lines into, and JSON keys; for each, the valid
 * value nearest the first code wins.
 *
 * The translated labels are those of Microsoft's localized Learn pages that quote the lines, e.g.
 * https://learn.microsoft.com/de-de/azure/databox-online/azure-stack-edge-gpu-troubleshoot-azure-resource-manager
 * (also ja-jp, es-es, ko-kr) and the Data Factory Data Lake Store connector article (ja-jp, ko-kr,
 * sv-se, it-it, pt-br, nl-nl, zh-tw, ru-ru, hu-hu); Japanese app id from the ja-jp sign-in log
 * reference. Traditional Chinese, Russian and Hungarian write "ID" as a word of their own
 * (識別碼, идентификатор, azonosító), which is then the anchor.
 */
import type { SignInContext } from '../reply.js';
import { isDigit, isLetter, lowerAt } from './text-util.js';

type Field = keyof SignInContext;
type Kind = 'guid' | 'time';

const FIELDS: readonly {
  field: Field;
  kind: Kind;
  labels: readonly string[];
}[] = [
  {
    field: 'traceId',
    kind: 'guid',
    labels: [
      'trace id',
      'traceid',
      'trace_id',
      'trace-id',
      '跟踪 id',
      '跟踪id',
      'id de suivi',
      'ablaufverfolgungs-id',
      'トレース id',
      '추적 id',
      'id. de seguimiento',
      'id de rastreamento',
      'id do rastreamento',
      'id traccia',
      'traceer-id',
      'spårnings-id',
      '追蹤識別碼',
      'идентификатор отслеживания',
      'nyomkövetési azonosító',
    ],
  },
  {
    field: 'correlationId',
    kind: 'guid',
    labels: [
      'correlation id',
      'corr id',
      'correlationid',
      'correlation_id',
      'correlation-id',
      '相关 id',
      '相关id',
      '关联 id',
      '关联id',
      'id de corrélation',
      'id de correlation',
      'korrelations-id',
      '相関 id',
      '関連付け id',
      '상관 관계 id',
      '상관관계 id',
      'id. de correlación',
      'id de correlação',
      'id correlazione',
      'id di correlazione',
      'correlatie-id',
      '相互關連識別碼',
      '相互關聯識別碼',
      '關聯識別碼',
      'идентификатор корреляции',
      'korrelációazonosító',
      'korrelációs azonosító',
    ],
  },
  {
    field: 'requestId',
    kind: 'guid',
    labels: [
      'request id',
      'requestid',
      'request_id',
      'request-id',
      '请求 id',
      '请求id',
      'id de demande',
      'id de la demande',
      'anforderungs-id',
      '要求 id',
      'id da solicitação',
      '要求識別碼',
      'идентификатор запроса',
      'kérelemazonosító',
    ],
  },
  {
    field: 'timestamp',
    kind: 'time',
    labels: [
      'timestamp',
      'time stamp',
      '时间戳',
      'horodatage',
      'createddatetime',
      'timegenerated',
      // Log Analytics names the column after its time zone in exports
      'timegenerated [utc]',
      'timegenerated [local time]',
      'zeitstempel',
      'tijdstempel',
      'tidsstämpel',
      'タイムスタンプ',
      '타임스탬프',
      'marca de tiempo',
      'carimbo de data/hora',
      '時間戳記',
      'метка времени',
      'időbélyegző',
      'időbélyeg',
    ],
  },
  {
    field: 'appId',
    kind: 'guid',
    labels: [
      'app id',
      'appid',
      'app_id',
      'application id',
      'applicationid',
      'client id',
      'clientid',
      'client_id',
      'client-id',
      '应用程序 id',
      '应用 id',
      "id d'application",
      "id de l'application",
      'アプリケーション id',
    ],
  },
];

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z-])/iy;
const ISO_TIME =
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?: ?Z| UTC| GMT|[+-]\d{2}:?\d{2})?)?/y;
/**
 * Dates in a locale's order, always with a time, kept as written: the Log Analytics portal writes
 * "9/28/2026, 10:41:12.000 PM"; Microsoft's localized pages print the sign-in page's timestamp as
 * "15-12-2015 21:09:31Z" (nl), "15.12.2015 21:09:31" (de) or "2015/12/15 21:09:31" (ja). The day
 * and month are not told apart: the value is shown, never computed with.
 */
const LOCAL_TIME =
  /(?:\d{1,2}([./-])\d{1,2}\1\d{4}|\d{4}\/\d{1,2}\/\d{1,2}),? \d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?: ?[AP]M| ?Z|[+-]\d{2}:?\d{2})?/iy;

const GUID_PATTERNS = [GUID];
const TIME_PATTERNS = [ISO_TIME, LOCAL_TIME];

/** the all-zero GUID stands in for a redacted id; it identifies nothing */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

function isSkippable(c: number): boolean {
  // blanks, quotes, markdown, JSON escapes, ":" "：" "=" "|", a few line breaks, and the "{", "("
  // and "-" of "{<guid>}" (Windows), "CorrelationId(<guid>)" and "CorrelationId - <guid>"
  return (
    c === 123 ||
    c === 40 ||
    c === 45 ||
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 10 ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 34 ||
    c === 39 ||
    c === 96 ||
    c === 42 ||
    c === 92 ||
    c === 58 ||
    c === 0xff1a ||
    c === 61 ||
    c === 124
  );
}

function valueAt(s: string, p: number, kind: Kind): string | undefined {
  let q = p;
  const stop = p + 40;
  while (q < s.length && q < stop && isSkippable(s.charCodeAt(q))) {
    // an escaped line break inside a JSON string ("\r\n") counts as blanks
    if (s.charCodeAt(q) === 92 && (s[q + 1] === 'r' || s[q + 1] === 'n')) q++;
    q++;
  }
  if (kind === 'time' && s.startsWith('/Date(', q)) return epochTime(s, q);
  for (const re of kind === 'guid' ? GUID_PATTERNS : TIME_PATTERNS) {
    re.lastIndex = q;
    const m = re.exec(s);
    if (m) return m[0] === ZERO_GUID ? undefined : m[0];
  }
  return undefined;
}

/**
 * Windows PowerShell 5.1's ConvertTo-Json writes a date as milliseconds since 1970 (UTC):
 * "CreatedDateTime": "\/Date(1715694572000)\/". Read as the UTC time it stands for.
 */
const EPOCH_TIME = /\/Date\((\d{1,15})(?:[+-]\d{4})?\)\\?\//y;

function epochTime(s: string, q: number): string | undefined {
  EPOCH_TIME.lastIndex = q;
  const m = EPOCH_TIME.exec(s);
  const ms = Number(m?.[1]);
  // a real sign-in time: after 2000, and a valid date at all
  if (!m || !(ms >= 946_684_800_000) || ms > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

interface LabelAt {
  field: Field;
  kind: Kind;
  label: string;
  /** where the anchor starts inside the label */
  offset: number;
  /** the label's characters just after the anchor and two before it (-1: none) */
  after: number;
  before2: number;
}

/**
 * anchors of id labels; every other anchor is a timestamp label's. "ító" stands for the Hungarian
 * "azonosító": a needle that starts with a rare character is searched far faster than one that
 * starts with "a".
 */
const ID_ANCHORS = new Set(['id', '識別碼', 'идентификатор', 'ító']);

/**
 * Every id label contains one of the ID_ANCHORS and every timestamp label one of the other anchors
 * ("mpel" stands for the German, Dutch and Swedish "stempel"/"stämpel"), so a few searches find
 * all labels. Each anchor maps the character just before it to the labels that have that
 * character there (-1: the label starts with the anchor); one lookup rules most labels out.
 */
const ANCHORS: ReadonlyArray<{ anchor: string; byBefore: Map<number, LabelAt[]> }> = [
  ...ID_ANCHORS,
  'time',
  'horoda',
  '时间戳',
  'mpel',
  'スタンプ',
  '스탬프',
  'tiempo',
  'carimbo',
  '時間戳',
  'метка',
  'időbélyeg',
].map((anchor) => {
  const byBefore = new Map<number, LabelAt[]>();
  for (const { field, kind, labels } of FIELDS) {
    if ((kind === 'guid') !== ID_ANCHORS.has(anchor)) continue;
    for (const label of labels) {
      for (
        let offset = label.indexOf(anchor);
        offset !== -1;
        offset = label.indexOf(anchor, offset + 1)
      ) {
        const before = offset === 0 ? -1 : label.charCodeAt(offset - 1);
        const list = byBefore.get(before) ?? [];
        const next = offset + anchor.length;
        list.push({
          field,
          kind,
          label,
          offset,
          after: next < label.length ? label.charCodeAt(next) : -1,
          before2: offset >= 2 ? label.charCodeAt(offset - 2) : -1,
        });
        byBefore.set(before, list);
      }
    }
  }
  return { anchor, byBefore };
});

type Best = Partial<Record<Field, { index: number; value: string }>>;

/** how far the label at `at` is from `target`; ties go to the earlier label */
function distance(at: number, target: number): number {
  return at < target ? (target - at) * 2 : (at - target) * 2 + 1;
}

/** checks the labels that may hold the anchor at `i`; keeps each field's nearest valid label */
function consider(
  s: string,
  lower: string,
  from: number,
  target: number,
  anchor: string,
  i: number,
  labels: LabelAt[] | undefined,
  best: Best,
): void {
  if (labels === undefined) return;
  // two character comparisons rule most labels out before the full comparison
  const next = lower.charCodeAt(i + anchor.length);
  const back2 = lower.charCodeAt(i - 2);
  for (const { field, kind, label, offset, after, before2 } of labels) {
    if ((after !== -1 && after !== next) || (before2 !== -1 && before2 !== back2)) continue;
    const at = i - offset;
    const known = best[field];
    if (
      at < 0 ||
      (known !== undefined && distance(at, target) >= distance(known.index, target)) ||
      !lower.startsWith(label, at)
    ) {
      continue;
    }
    const abs = from + at;
    const escaped = s.charCodeAt(abs - 2) === 92; // "\r\nTrace ID" inside a JSON string
    // the label must not be the tail of a longer word, except long JSON-style keys
    if (isLetter(s.charCodeAt(abs - 1)) && !escaped && label.length <= 8) continue;
    if (field === 'requestId' && afterClient(s, abs)) continue;
    const value = valueAt(s, abs + label.length, kind);
    if (value !== undefined) best[field] = { index: at, value };
  }
}

/**
 * "client-request-id", "x-ms-client-request-id", "ClientRequestId": an id the client generated and
 * sent with its request (https://learn.microsoft.com/dotnet/api/azure.core.request.clientrequestid),
 * not the id the service gave the request ("x-ms-request-id", "request-id").
 */
function afterClient(s: string, abs: number): boolean {
  const sep = s.charCodeAt(abs - 1);
  const end = sep === 45 || sep === 95 || sep === 32 ? abs - 1 : abs;
  return lowerAt(s, end - 6, 'client');
}

/**
 * Reads the context from a span of `s` starting at `from`; `lower` is that span lower-cased
 * (same length). Labels are looked up in `lower` and values read from `s`. For each field the
 * valid label nearest to `near` (an index of `s`: where the first code is) wins, so a paste of
 * several records gives the ids of the record with the code; with one label per field, as on an
 * error page, that is simply the label there is.
 */
export function findContext(s: string, lower: string, from: number, near = from): SignInContext {
  const best: Best = {};
  const target = near - from;
  for (const { anchor, byBefore } of ANCHORS) {
    const starting = byBefore.get(-1);
    for (let i = lower.indexOf(anchor); i !== -1; i = lower.indexOf(anchor, i + 1)) {
      consider(s, lower, from, target, anchor, i, byBefore.get(lower.charCodeAt(i - 1)), best);
      consider(s, lower, from, target, anchor, i, starting, best);
    }
  }
  const context: SignInContext = {};
  // fields in a fixed order, as callers and snapshots expect
  for (const { field } of FIELDS) {
    const found = best[field];
    if (found !== undefined) context[field] = found.value;
  }
  return context;
}

/**
 * Microsoft's own messages name the app in quotes: "a secret added to app '<id>'" (7000215),
 * "keys for app '<id>' are expired" (7000222), "a role for the application '<id>'" (50105),
 * "the application with ID '<id>'" (65001), "Application with identifier '<id>'" (700016),
 * "the application Concur ('<id>')" (50105).
 * Only a GUID in quotes counts, so a name or an App ID URI is never taken. The quotes are found
 * first (as written, or JSON-escaped), then the words before them checked.
 */
const APP_QUOTES = ["'", '\\u0027', '"', '\\"'];
const APP_NAMES = ['app', 'application', 'application with id', 'application with identifier'];

/** how far after its code a message may name the app */
const MESSAGE_REACH = 700;
/** how many of the codes found have their messages read */
const MESSAGE_CODES = 8;

/** the GUID quoted after an app's name in the message of the code at `code` */
function appInMessage(lower: string, code: number): number | undefined {
  // a window, so a paste without quotes is not searched to its end for every code
  const message = lower.slice(code, code + MESSAGE_REACH);
  let first: number | undefined;
  for (const quote of APP_QUOTES) {
    for (let q = message.indexOf(quote); q !== -1; q = message.indexOf(quote, q + 1)) {
      GUID.lastIndex = code + q + quote.length;
      if (GUID.test(lower) && appNamedBefore(lower, code + q)) {
        if (first === undefined || GUID.lastIndex < first) first = GUID.lastIndex;
        break;
      }
    }
  }
  return first;
}

function appNamedBefore(lower: string, quote: number): boolean {
  const end = lower.charCodeAt(quote - 1) === 32 ? quote - 1 : quote;
  if (lower.charCodeAt(end - 1) === 40 /* ( */) return appWithName(lower, end - 1);
  return APP_NAMES.some(
    (name) => lower.startsWith(name, end - name.length) && startsWord(lower, end - name.length),
  );
}

/** "the application Concur ('<id>')" (50105): the app's name, then its id in parentheses */
function appWithName(lower: string, paren: number): boolean {
  const line = lower.slice(Math.max(0, paren - 80), paren);
  const at = line.lastIndexOf('application ');
  return at !== -1 && !line.includes('\n', at) && startsWord(line, at);
}

/**
 * MSAL Node's ServerError message puts the server's time in brackets: "7000215 - [<time>]:
 * AADSTS7000215". Found from its end ("]: AADSTS"), then read from its " - [".
 */
const BRACKETED_TIME =
  / - \[(\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}:\d{2}(?:\.\d{1,7})?z?)\]: ?aadsts\d/y;

/** the bracketed time of the code at `code`: read at the code itself or just before its AADSTS */
function bracketedTime(lower: string, code: number): { index: number; length: number } | undefined {
  // " - [" + a time with seven fraction digits (28) + "]: AADSTS" comes to 41 characters
  const start = Math.max(0, code - 64);
  const near = lower.slice(start, code + 64);
  for (let k = near.indexOf(' - ['); k !== -1; k = near.indexOf(' - [', k + 1)) {
    const open = start + k;
    if (!isDigit(lower.charCodeAt(open - 1))) continue;
    BRACKETED_TIME.lastIndex = open;
    const m = BRACKETED_TIME.exec(lower);
    if (m?.[1] !== undefined) return { index: open + 4, length: m[1].length };
  }
  return undefined;
}

/**
 * "Date" on its own is too common a word to be a timestamp label, but in a sign-in record that
 * has a correlation or request id (the Entra admin center's Basic info tab, the sign-in
 * diagnostic) it is the sign-in's time. Tried where "date" starts a word.
 */
const DATE_LABEL = /date(?: \(utc\))?["\t :|]{1,8}/y;

/**
 * Fills what the labels left empty from the places a code's own message and a copied sign-in
 * record put these values. `codes` are where the codes found are in `s`; only pastes that hold a
 * code are read, so chatter costs nothing.
 */
export function findMessageContext(
  s: string,
  lower: string,
  from: number,
  codes: readonly number[],
  context: SignInContext,
): void {
  // the first few codes: a paste of many codes costs no more than one of a few
  const inSpan = codes
    .slice(0, MESSAGE_CODES)
    .map((c) => c - from)
    .filter((c) => c >= 0 && c < lower.length);
  const target = inSpan[0] ?? 0;
  for (const code of inSpan) {
    if (context.appId !== undefined) break;
    const end = appInMessage(lower, code);
    const value = end === undefined ? undefined : s.slice(from + end - 36, from + end);
    if (value !== undefined && value !== ZERO_GUID) context.appId = value;
  }
  if (context.timestamp !== undefined) return;
  for (const code of inSpan) {
    const bracketed = bracketedTime(lower, code);
    if (bracketed !== undefined) {
      const at = from + bracketed.index;
      context.timestamp = s.slice(at, at + bracketed.length);
      return;
    }
  }
  if (context.correlationId === undefined && context.requestId === undefined) return;
  let best: { distance: number; value: string } | undefined;
  for (let i = lower.indexOf('date'); i !== -1; i = lower.indexOf('date', i + 4)) {
    DATE_LABEL.lastIndex = i;
    const m = startsWord(lower, i) ? DATE_LABEL.exec(lower) : null;
    if (m === null) continue;
    const value = valueAt(s, from + i + m[0].length, 'time');
    const d = distance(i, target);
    if (value !== undefined && (best === undefined || d < best.distance))
      best = { distance: d, value };
  }
  if (best !== undefined) context.timestamp = best.value;
}

/** `i` starts a word: "password_expiry_date" and "update-date" do not start one at "date" */
function startsWord(lower: string, i: number): boolean {
  const c = lower.charCodeAt(i - 1);
  return i === 0 || !(isLetter(c) || isDigit(c) || c === 95 || c === 45);
}
