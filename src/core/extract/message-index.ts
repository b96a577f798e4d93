/**
 * Finds catalog messages in text that carries no code, such as a Graph `failureReason`.
 * The index is built once per catalog: each message is reduced to its longest literal piece
 * (placeholders like {identifier} and quoted values split it), kept only when that piece is long
 * and appears in no other message. Matching walks the text's words once and checks only the
 * pieces whose first two words match there.
 */

/** an index of distinctive catalog messages */
export interface MessageIndex {
  /** codes whose message appears in `text`, in order of appearance */
  match(text: string): Array<{ code: number; index: number }>;
  /** number of messages indexed (for tests) */
  readonly size: number;
}

const MIN_PIECE = 28;
const MIN_WORDS = 4;
const MIN_CJK_PIECE = 8;

/** lower-case, plain quotes, contractions spelled out, whitespace collapsed */
export function normalizeMessage(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u0060]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\bcan't\b/g, 'cannot')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    .replace(/\\[rn]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** literal pieces between placeholders and quoted values */
function pieces(normalized: string): string[] {
  return normalized
    .split(/\{[^{}]{0,60}\}|'[^']{0,120}'|"[^"]{0,120}"/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const CJK = /[\u3400-\u9fff]/;

function distinctive(piece: string): boolean {
  if (CJK.test(piece)) return piece.length >= MIN_CJK_PIECE;
  return piece.length >= MIN_PIECE && piece.split(' ').length >= MIN_WORDS;
}

interface Piece {
  code: number;
  text: string;
}

/** builds the index from each code's message texts (English and official translations) */
export function buildMessageIndex(
  entries: Iterable<{ code: number; texts: string[] }>,
): MessageIndex {
  const all: Array<{ code: number; norm: string[] }> = [];
  for (const { code, texts } of entries) {
    all.push({ code, norm: texts.map(normalizeMessage).filter((t) => t !== '') });
  }
  // A piece shared by two codes ("There's an issue with your federated Identity Provider.")
  // says nothing about which one it is.
  const owners = new Map<string, Set<number>>();
  const candidates: Piece[] = [];
  for (const { code, norm } of all) {
    for (const text of norm) {
      // only the opening sentences: that is what tools print
      const head = text.slice(0, 400);
      const best = pieces(head)
        .filter(distinctive)
        .sort((a, b) => b.length - a.length)[0];
      if (best === undefined) continue;
      candidates.push({ code, text: best });
    }
  }
  for (const piece of candidates) {
    const set = owners.get(piece.text) ?? new Set<number>();
    set.add(piece.code);
    owners.set(piece.text, set);
  }
  const latin = new Map<string, Piece[]>();
  const cjk: Piece[] = [];
  const seen = new Set<string>();
  for (const piece of candidates) {
    if ((owners.get(piece.text)?.size ?? 0) > 1 || seen.has(piece.text)) continue;
    // also ambiguous when the piece is contained in another code's message
    if (all.some((e) => e.code !== piece.code && e.norm.some((t) => t.includes(piece.text))))
      continue;
    seen.add(piece.text);
    if (CJK.test(piece.text)) {
      cjk.push(piece);
      continue;
    }
    const key = piece.text.split(' ', 2).join(' ');
    const list = latin.get(key) ?? [];
    list.push(piece);
    latin.set(key, list);
  }
  const size = seen.size;
  return {
    size,
    match(text: string) {
      const norm = normalizeMessage(text);
      const found = new Map<number, number>();
      const words = norm.split(' ');
      let offset = 0;
      for (let w = 0; w < words.length; w++) {
        const word = words[w] ?? '';
        const key = `${word} ${words[w + 1] ?? ''}`;
        for (const piece of latin.get(key) ?? []) {
          if (!found.has(piece.code) && norm.startsWith(piece.text, offset)) {
            found.set(piece.code, offset);
          }
        }
        offset += word.length + 1;
      }
      if (CJK.test(norm)) {
        for (const piece of cjk) {
          const at = norm.indexOf(piece.text);
          if (at !== -1 && !found.has(piece.code)) found.set(piece.code, at);
        }
      }
      return [...found].map(([code, index]) => ({ code, index })).sort((a, b) => a.index - b.index);
    },
  };
}
