/**
 * A decoded copy of URL-encoded text, for reading the sign-in context of an error response pasted
 * from an address bar or a Location header: `error_description=AADSTS50105%3a+...%0d%0aTrace+ID%3a+
 * <guid>%0d%0a...Timestamp%3a+2020-07-14+11%3a00%3a34Z`. The OAuth 2.0 error response puts
 * `error_description` in the query or fragment (RFC 6749 section 4.1.2.1), form-encoded, so "+"
 * stands for a space (https://url.spec.whatwg.org/#application/x-www-form-urlencoded).
 * One pass, never throws: an escape that is not two hex digits stays as it is, and bytes that are
 * not valid UTF-8 become U+FFFD.
 */

/**
 * Escapes that an encoded error response holds and ordinary text does not (searched in lower
 * case): the colon after the code and each label ("AADSTS50105%3a+", "Trace+ID%3a+") and the
 * line breaks between them. "error_description=" alone is no sign: Python logs print
 * error_description='AADSTS...' unencoded.
 */
const MARKERS = ['%3a+', '%3a%20', '%0d%0a'];

/** true when the lower-cased text looks like an encoded error response */
export function looksUrlEncoded(lower: string): boolean {
  return MARKERS.some((m) => lower.includes(m));
}

/** a run of %XX escapes (one quantifier over a fixed-width unit: linear) */
const RUN = /(?:%[0-9A-Fa-f]{2})+/g;

const utf8 = new TextDecoder('utf-8', { fatal: false });

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // not UTF-8: decode byte by byte, bad sequences as U+FFFD
    const bytes = new Uint8Array(run.length / 3);
    for (let k = 0; k < bytes.length; k++)
      bytes[k] = Number.parseInt(run.slice(3 * k + 1, 3 * k + 3), 16);
    return utf8.decode(bytes);
  }
}

/** "+" as a space and each run of %XX escapes decoded as UTF-8; everything else unchanged */
export function urlDecoded(s: string): string {
  const spaced = s.replaceAll('+', ' ');
  try {
    // the usual case: every escape is valid, and one native call decodes them all
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(RUN, decodeRun);
  }
}
