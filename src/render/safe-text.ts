/**
 * Text hygiene for card output. Adaptive Card TextBlocks always render Markdown (links included) and
 * backslash escapes behave differently on Teams desktop and mobile, so instead of escaping we swap the
 * characters that carry Markdown meaning for look-alikes that carry none.
 * See https://learn.microsoft.com/adaptive-cards/authoring-cards/text-features
 */

/** longest single fragment echoed from a paste (ids, timestamps) */
export const MAX_FRAGMENT = 120;
/** longest catalog text field shown in a card */
export const MAX_TEXT = 1500;

// C0/C1 controls, bidi overrides and isolates (they can reorder what a reader sees)
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const WHITESPACE_RUN = /\s+/g;

/** one line: controls removed, every whitespace run (newlines too) a single space, at most `max` chars */
export function oneLine(value: string, max: number): string {
  // cap before the regexes so a huge paste costs a bounded amount of work; the slack leaves room for
  // long whitespace runs (a paste with thousands of blank lines) to collapse before the cut
  const cap = max * 4 + 8192;
  const head = value.length > cap ? value.slice(0, cap) : value;
  const flat = head.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

const LOOK_ALIKE: Record<string, string> = {
  '\\': '\u29f5', // ⧵
  '*': '\u2217', // ∗
  '`': '\u02cb', // ˋ
  '[': '\uff3b', // ［
  ']': '\uff3d', // ］
  '<': '\u2039', // ‹
  '>': '\u203a', // ›
  '~': '\u223c', // ∼
};
const MARKDOWN_CHAR = /[\\*`[\]<>~]/g;
// an underscore opens or closes emphasis only next to a non-word character; inside a word it is literal
const EDGE_UNDERSCORE = /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;
const ENTITY_AMP = /&(?=#?[A-Za-z0-9]{1,10};)/g;
// a line that starts like a heading or a list item
const BLOCK_START = /^(#|[-+=](\s|$)|\d{1,9}[.)](\s|$))/;

/**
 * Catalog text made inert for Markdown: keeps words and identifiers readable, removes every construct
 * that would format, link or inject (`${` template syntax included).
 */
export function inertText(value: string, max: number = MAX_TEXT): string {
  let text = oneLine(value, max)
    .replace(MARKDOWN_CHAR, (c) => LOOK_ALIKE[c] ?? c)
    .replace(EDGE_UNDERSCORE, '\uff3f')
    .replace(ENTITY_AMP, '\uff06')
    .replaceAll('${', '\uff04{');
  // a zero-width space in front stops a leading "1. " or "# " from becoming a list or heading
  if (BLOCK_START.test(text)) text = `\u200b${text}`;
  return text;
}

// any visible character before the dot: linkifiers accept symbols and non-Latin letters as labels
const DOMAIN_DOT = /(?<=\S)\.(?=\p{L})/gu;

// letters and digits, then also "-" and ":": nothing above changes such text (no whitespace or control
// to fold, no Markdown, underscore, entity, "${", dot, slash or "@"; it cannot open a list or heading)
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9:-]*$/;

/**
 * Text a user pasted (ids, timestamps, anything odd): inert like catalog text and also "defanged", so
 * no renderer can turn a URL, a domain or an address into a link. GUIDs and timestamps pass unchanged.
 */
export function inertFragment(value: string, max: number = MAX_FRAGMENT): string {
  // the common case, a GUID or an ISO timestamp, comes out as it went in
  if (value.length <= max && PLAIN_ID.test(value)) return value;
  // every "//" goes, not only after a scheme: linkifiers take "//host" as a protocol-relative link
  return inertText(value, max)
    .replaceAll('//', '\u2215\u2215') // ∕∕
    .replace(DOMAIN_DOT, '\u2024') // ․
    .replaceAll('@', '\uff20'); // ＠
}
