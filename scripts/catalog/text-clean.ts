/**
 * Turns the markup found in the vendored sources into plain text: markdown links, emphasis and code
 * spans, HTML lists and line breaks, HTML entities, `{% embed %}` tags and bullet characters.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** decodes named and numeric HTML entities (&amp; &#x20; &#39;) */
export function decodeEntities(input: string): string {
  return input.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      const value = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      return Number.isFinite(value) ? String.fromCodePoint(value) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const looksLikeUrl = (value: string): boolean => /^(https?:\/\/|www\.)\S+$/i.test(value.trim());

/**
 * Replaces `[text](target)` with plain text. A link whose text is itself an address keeps the address;
 * any other link keeps its words, because the targets are mostly site-relative paths that mean
 * nothing outside Microsoft's docs.
 */
export function stripMarkdownLinks(input: string): string {
  return input.replace(
    /!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g,
    (_whole, text: string, target: string) => {
      const label = text.trim();
      if (label === '' || looksLikeUrl(label)) return looksLikeUrl(target) ? target : label;
      return label;
    },
  );
}

const CJK = /[\u3400-\u9fff]/;

/** list items as one run: "a; b; c. " in English, "a；b；c。" in Chinese */
function joinItems(raw: readonly string[]): string {
  const items = raw
    .map((item) =>
      item
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[.;,。；，]+$/, '')
        .trim(),
    )
    .filter((item) => item !== '');
  if (items.length === 0) return ' ';
  return items.some((item) => CJK.test(item)) ? ` ${items.join('；')}。` : ` ${items.join('; ')}. `;
}

/**
 * Flattens an HTML list: items become a "; "-separated run ended by a full stop, so that a sentence
 * after the list still reads as a sentence.
 */
function flattenLists(input: string): string {
  return input.replace(/<ul>([\s\S]*?)<\/ul>/gi, (_whole, body: string) =>
    joinItems(
      [...body.matchAll(/<li>([\s\S]*?)(?:<\/li>|(?=<li>)|$)/gi)].map((match) =>
        (match[1] ?? '').replace(/<[^>]+>/g, ' '),
      ),
    ),
  );
}

/** flattens "•"-bulleted lines the same way as HTML lists (used by the flattened 2023 page text) */
export function flattenBullets(input: string): string {
  return input.replace(/(?:\n?[ \t]*•[ \t]*[^\n]*)+/g, (run) => joinItems(run.split('•')));
}

/** full cleaning pipeline; returns plain single-line text (may be empty) */
export function cleanText(input: string): string {
  let text = decodeEntities(input);
  text = text.replace(/\{%[\s\S]*?%\}/g, ' ');
  text = flattenLists(text);
  text = text.replace(/<br\s*\/?>|<\/br>/gi, ' ');
  text = text.replace(/<[^>]+>/g, ' ');
  text = stripMarkdownLinks(text);
  text = flattenBullets(text);
  text = text.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
  text = text.replace(/\\"/g, '"');
  text = text.replace(/\s+/g, ' ');
  // the page-text copy leaves " ." where a link used to end a sentence
  text = text.replace(/ ([.,;:])(?=\s|$)/g, '$1');
  // lists that end a description leave ". ." or ".."; keep one stop
  text = text.replace(/\.(\s*\.)+/g, '.');
  // the zh-CN page puts a space after each full-width stop, an artefact of its English layout
  text = text.replace(/([。！？；：，）])\s+/g, '$1');
  return text.trim();
}
