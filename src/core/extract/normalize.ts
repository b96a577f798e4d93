/**
 * Undoes platform escaping before scanning, and caps the input.
 * Slack: https://api.slack.com/reference/surfaces/formatting#escaping
 * Teams sends message text as HTML (<p>, <br>, <a href>, entities).
 */

/** default cap for chat input */
export const MAX_CHAT_CHARS = 64 * 1024;

/** keeps the first `max` characters without splitting a surrogate pair */
export function capInput(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return { text: text.slice(0, end), truncated: true };
}

const SLACK_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** turns Slack's `<url|label>`, `<@U123>` and `&lt;`-style escapes back into plain text */
export function unescapeSlack(text: string): string {
  let out = '';
  let i = 0;
  let close = -1;
  while (i < text.length) {
    const open = text.indexOf('<', i);
    if (open === -1) break;
    // Reuse the last ">" while it is still ahead, so a run of "<" stays linear.
    if (close <= open) close = text.indexOf('>', open + 1);
    if (close === -1) break;
    // Slack never puts "<" inside its own markup, so a second "<" means this one is literal.
    const next = text.indexOf('<', open + 1);
    if (close - open > 4096 || (next !== -1 && next < close)) {
      out += text.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += text.slice(i, open) + slackLink(text.slice(open + 1, close));
    i = close + 1;
  }
  out += text.slice(i);
  return out.replace(/&(amp|lt|gt);/g, (_m, name: string) => SLACK_ENTITIES[name] ?? '');
}

function slackLink(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@') || target.startsWith('#') || target.startsWith('!')) {
    return label !== '' ? label : target;
  }
  if (label === '' || label === target) return target;
  return `${label} (${target})`;
}

const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'li',
  'tr',
  'pre',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
]);

const BULLET_THEN_BREAK = /• [ \t]{0,8}(?:\n[ \t]{0,8}){1,8}/g;

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * turns Teams message HTML into text: tags dropped, block tags as line breaks, entities decoded.
 * A table becomes tab-separated lines, one per row (blocks inside a cell become blanks), so its
 * header still names each column.
 */
export function unescapeTeamsHtml(html: string): string {
  let out = '';
  let i = 0;
  let close = -1;
  const cells = { depth: 0 };
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) break;
    if (close <= open) close = html.indexOf('>', open + 1);
    if (close === -1) break;
    if (close - open > 4096) {
      out += html.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += html.slice(i, open) + tagText(html.slice(open + 1, close), cells);
    i = close + 1;
  }
  out += html.slice(i);
  // "<li><p>50126</p></li>": the item's text goes on its bullet's line
  return decodeEntities(out.includes('• ') ? out.replace(BULLET_THEN_BREAK, '• ') : out);
}

function tagText(tag: string, cells: { depth: number }): string {
  const m = /^\/?([a-zA-Z][a-zA-Z0-9]{0,15})/.exec(tag);
  if (!m) return `<${tag}>`; // not a tag, e.g. "a < b > c"
  const name = (m[1] ?? '').toLowerCase();
  const closing = tag.startsWith('/');
  if (name === 'td' || name === 'th') {
    cells.depth = closing ? Math.max(0, cells.depth - 1) : Math.min(cells.depth + 1, 64);
    return closing ? '\t' : '';
  }
  if (cells.depth > 0 && BLOCK_TAGS.has(name) && name !== 'tr' && name !== 'table') return ' ';
  // a list item starts a bullet line, as it shows in Teams
  if (name === 'li' && !closing) return '\n• ';
  if (BLOCK_TAGS.has(name)) return '\n';
  if (name === 'a' && !closing) {
    const href = /href\s{0,4}=\s{0,4}"([^"]{0,2048})"/i.exec(tag);
    return href?.[1] ? `${href[1]} ` : '';
  }
  return '';
}

/** decodes named and numeric HTML entities in one pass (so "&amp;lt;" stays "&lt;") */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const n =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff)
        ? String.fromCodePoint(n)
        : whole;
    }
    return HTML_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * Terminal colour and style codes (ANSI SGR, "ESC[32;1m" ... "ESC[0m"), kept in raw CI logs and in
 * PowerShell 7 output ($PSStyle colours property names). Copied out of a terminal or a log viewer
 * the ESC is often lost and "[32;1mErrorCode : [0m50126" remains, so both forms are removed.
 * Without ESC only the "m" (style) form is taken, only in a text that holds a reset ("[0m"), and
 * not before a lower-case letter: "[12ms]" is a timing, "[1mErrorCode" a style.
 */
const SGR = /\x1b\[[0-9;]{0,32}[A-Za-z]|\[\d{1,3}(?:;\d{1,3}){0,7}m(?![a-z])/g;

/** the text without terminal colour codes; searched for in the first `probe` characters */
export function stripTerminalColours(text: string, probe = 64 * 1024): string {
  const head = text.length > probe ? text.slice(0, probe) : text;
  // what a text with colour codes certainly holds: an ESC sequence or a reset (two plain searches
  // are several times faster than one regular expression with both)
  const present = head.indexOf('\x1b[') !== -1 || head.indexOf('[0m') !== -1;
  return present ? text.replace(SGR, '') : text;
}
