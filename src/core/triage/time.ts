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

/** milliseconds since the epoch, or undefined when the text is not a timestamp we know */
export function parseTimestamp(raw: string): number | undefined {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_TIME_CHARS) return undefined;
  const iso = ISO.exec(text);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, f, zone] = iso;
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
