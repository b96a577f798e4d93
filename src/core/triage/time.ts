/**
 * Timestamps as the exports write them, always read as UTC: ISO 8601 (Graph, Log Analytics JSON,
 * the portal's "Date (UTC)"), "YYYY-MM-DD HH:MM:SS", and the Log Analytics portal's en-US
 * "M/D/YYYY, h:mm:ss.fff AM" in "TimeGenerated [UTC]". Input is capped before any regex runs.
 */

const MAX_TIME_CHARS = 48;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}:?\d{2})?$/i;
const US =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s?(AM|PM)?$/i;

function millis(fraction: string | undefined): number {
  if (fraction === undefined) return 0;
  return Number(fraction.slice(0, 3).padEnd(3, '0'));
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

// Exports list thousands of rows per day: the day part is parsed once and cached, the time of day
// is read digit by digit. Anything unusual falls through to the regexes below.
let cachedDayText = '';
let cachedDayMs = 0;

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function dayOf(dayText: string, y: number, m: number, d: number): number {
  if (dayText !== cachedDayText) {
    cachedDayText = dayText;
    cachedDayMs = Date.UTC(y, m - 1, d);
  }
  return cachedDayMs;
}

// "2026-11-20T08:15:30Z", "2026-11-20 08:15:30", with up to 9 fraction digits
function fastIso(text: string): number | undefined {
  const n = text.length;
  if (n < 19 || text[4] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  const sep = text[10];
  if (sep !== 'T' && sep !== ' ') return undefined;
  let end = 19;
  let ms = 0;
  if (text[19] === '.') {
    end = 20;
    while (end < n && end < 29 && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    ms = digits(text.slice(20, Math.min(end, 23)).padEnd(3, '0'), 0, 3);
  }
  if (!(end === n || (end === n - 1 && (text[end] === 'Z' || text[end] === 'z')))) return undefined;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && hour <= 23 && minute <= 59 && second <= 60)) {
    return undefined;
  }
  const clock = hour * 3_600_000 + minute * 60_000 + second * 1000;
  if (Number.isNaN(y + clock + ms)) return undefined;
  return dayOf(text.slice(0, 10), y, mo, d) + clock + ms;
}

const US_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
let cachedUsDayText = '';
let cachedUsDayMs: number | undefined;

// "11/20/2026, 8:15:30.123 AM" as the Log Analytics portal exports "TimeGenerated [UTC]"; the day
// is compared with the cached one in place and the rest read without cutting the text
function fastUs(text: string): number | undefined {
  const comma = text.indexOf(', ');
  if (comma < 8 || comma > 10) return undefined;
  if (comma !== cachedUsDayText.length || !text.startsWith(cachedUsDayText)) {
    const dayText = text.slice(0, comma);
    const m = US_DAY.exec(dayText);
    cachedUsDayText = dayText;
    const month = Number(m?.[1]);
    const day = Number(m?.[2]);
    const valid = m !== null && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    cachedUsDayMs = valid ? Date.UTC(Number(m[3]), month - 1, day) : undefined;
  }
  if (cachedUsDayMs === undefined) return undefined;
  let i = comma + 2;
  const colon = text.indexOf(':', i);
  if (colon - i < 1 || colon - i > 2) return undefined;
  let hour = digits(text, i, colon);
  i = colon + 1;
  if (text.charCodeAt(i + 2) !== 0x3a) return undefined;
  const minute = digits(text, i, i + 2);
  const second = digits(text, i + 3, i + 5);
  i += 5;
  let ms = 0;
  if (text.charCodeAt(i) === 0x2e) {
    // up to nine fraction digits, of which the first three are milliseconds
    let end = i + 1;
    while (end < text.length && end < i + 10 && isDigit(text.charCodeAt(end))) end++;
    for (let k = i + 1; k < i + 4; k++) ms = ms * 10 + (k < end ? text.charCodeAt(k) - 0x30 : 0);
    i = end;
  }
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  // then nothing, or "AM"/"PM" in any case, with white space around
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  let last = text.length;
  while (last > i && isBlank(text.charCodeAt(last - 1))) last--;
  if (last - i === 2 && (text.charCodeAt(i + 1) | 0x20) === 0x6d) {
    const meridiem = text.charCodeAt(i) | 0x20;
    if (meridiem === 0x70) hour = hour === 12 ? 12 : hour + 12;
    else if (meridiem === 0x61) hour = hour === 12 ? 0 : hour;
    else return undefined;
  } else if (last !== i) return undefined;
  const value = cachedUsDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  return Number.isNaN(value) ? undefined : value;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
// the white space String.prototype.trim removes (newer en-US formats put U+202F before AM/PM)
const isBlank = (c: number) =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0xa0 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

// Date.UTC would roll "2026-13-40" over into the next year: refuse out-of-range fields instead
function inRange(...[mo, d, h, mi, s]: (string | undefined)[]): boolean {
  const month = Number(mo);
  const day = Number(d);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s ?? 0) <= 60
  );
}

/** milliseconds since the epoch, or undefined when the text is not a timestamp we know */
export function parseTimestamp(raw: string): number | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_TIME_CHARS) return undefined;
  return fastIso(text) ?? fastUs(text) ?? byPattern(text);
}

/** parseTimestamp without the fast paths: the reference the tests hold the fast paths to */
export function parseTimestampByPattern(raw: string): number | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_TIME_CHARS) return undefined;
  return byPattern(text);
}

function byPattern(text: string): number | undefined {
  const iso = ISO.exec(text);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, f, zone] = iso;
    if (!inRange(mo, d, h, mi, s)) return undefined;
    const ms = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s ?? 0),
    );
    const value = ms + millis(f) - offsetMinutes(zone) * 60_000;
    return Number.isFinite(value) ? value : undefined;
  }
  const us = US.exec(text);
  if (us !== null) {
    const [, mo, d, y, h, mi, s, f, meridiem] = us;
    if (!inRange(mo, d, h, mi, s)) return undefined;
    let hour = Number(h);
    if (meridiem !== undefined) {
      const pm = meridiem.toUpperCase() === 'PM';
      if (hour === 12) hour = pm ? 12 : 0;
      else if (pm) hour += 12;
    }
    const value =
      Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi), Number(s ?? 0)) + millis(f);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
