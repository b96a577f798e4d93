/**
 * A decoded copy of URL-encoded text, for reading the sign-in context of an error response pasted
 * from an address bar or a Location header: `error_description=AADSTS50105%3a+...%0d%0aTrace+ID%3a+
 * <guid>%0d%0a...Timestamp%3a+2020-07-14+11%3a00%3a34Z`. The OAuth 2.0 error response puts
 * `error_description` in the query or fragment (RFC 6749 section 4.1.2.1), form-encoded, so "+"
 * stands for a space (https://url.spec.whatwg.org/#application/x-www-form-urlencoded).
 * One pass, never throws: an escape that is not two hex digits stays as it is, and bytes that are
 * not valid UTF-8 become U+FFFD.
 */

/** markers that tell an encoded error response from ordinary text (searched in lower case) */
const MARKERS = ['error_description=', '%0d%0a', 'id%3a'];

/** true when the lower-cased text looks like an encoded error response */
export function looksUrlEncoded(lower: string): boolean {
  return MARKERS.some((m) => lower.includes(m));
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const f = c | 32;
  if (f >= 97 && f <= 102) return f - 87;
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** "+" as a space and each run of %XX escapes decoded as UTF-8; everything else unchanged */
export function urlDecoded(s: string): string {
  const parts: string[] = [];
  const bytes: number[] = [];
  let plainStart = 0;
  let i = 0;
  let wide = false;
  const flushBytes = () => {
    if (bytes.length === 0) return;
    // a short ASCII run needs no decoder; a decoder call costs far more than a few characters
    parts.push(
      wide || bytes.length > 256
        ? utf8.decode(Uint8Array.from(bytes))
        : String.fromCharCode(...bytes),
    );
    bytes.length = 0;
    wide = false;
  };
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 37 /* % */) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hi === -1 ? -1 : hexValue(s.charCodeAt(i + 2));
      if (lo !== -1) {
        if (bytes.length === 0) parts.push(s.slice(plainStart, i));
        const byte = hi * 16 + lo;
        bytes.push(byte);
        wide ||= byte > 127;
        i += 3;
        plainStart = i;
        continue;
      }
    }
    if (bytes.length > 0) flushBytes();
    if (c === 43 /* + */) {
      parts.push(s.slice(plainStart, i), ' ');
      plainStart = i + 1;
    }
    i++;
  }
  flushBytes();
  parts.push(s.slice(plainStart));
  return parts.join('');
}
