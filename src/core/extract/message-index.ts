/**
 * Finds catalog messages in text that carries no code, such as a Graph `failureReason`.
 * Built once per catalog: each message's opening sentences become templates, lists of literal
 * pieces with gaps where the catalog has a placeholder ({identifier}) or a quoted value. A
 * template is kept only when its literal text is long and no other code has the same one.
 * Matching walks the text's words once and checks only the templates whose first words match.
 */

/** an index of distinctive catalog messages */
export interface MessageIndex {
  /** codes whose message appears in `text`, in order of appearance */
  match(text: string): Array<{ code: number; index: number }>;
  /** number of templates indexed */
  readonly size: number;
}

const MIN_LITERAL = 28;
const MIN_WORDS = 4;
const MIN_CJK_LITERAL = 8;
/** longest value a placeholder or quote stands for */
const MAX_GAP = 200;
const SENTENCES = 2;

/** lower-case, plain quotes, contractions spelled out, whitespace collapsed */
export function normalizeMessage(text: string): string {
  let out = text.toLowerCase().replace(/[\u2018\u2019\u0060]/g, "'");
  // each rewrite below needs a character most texts lack; testing for it first skips a regex pass
  if (out.includes('\u201c') || out.includes('\u201d')) out = out.replace(/[\u201c\u201d]/g, '"');
  if (out.includes("'")) {
    out = out
      .replace(/\bcan't\b/g, 'cannot')
      .replace(/\bwon't\b/g, 'will not')
      .replace(/n't\b/g, ' not');
  }
  if (out.includes('\\')) out = out.replace(/\\[rn]/g, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

const CJK = /[\u3400-\u9fff]/;

/** the first sentences of a normalized message */
function sentences(normalized: string): string[] {
  return normalized
    .split(/(?<=[.!?])\s|(?<=[。！？])/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .slice(0, SENTENCES);
}

/** literal pieces between placeholders and quoted values */
function pieces(sentence: string): string[] {
  return sentence
    .split(/\{[^{}]{0,60}\}|'[^']{0,120}'|"[^"]{0,120}"/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2);
}

function distinctive(parts: string[]): boolean {
  const literal = parts.join(' ');
  if (CJK.test(literal)) return literal.length >= MIN_CJK_LITERAL;
  return literal.length >= MIN_LITERAL && literal.split(' ').length >= MIN_WORDS;
}

interface Template {
  code: number;
  parts: string[];
}

/** characters that may stick to the front of a word in pasted text ("Access, (Access) */
const LEADING = new Set(['"', "'", '(', '[', '{', '<', '*', '`', '>']);

function keyOf(parts: string[]): string {
  return (parts[0] ?? '').split(' ', 2).join(' ');
}

/** true when every piece follows the previous one, separated by at most MAX_GAP characters */
function matchesAt(norm: string, at: number, parts: string[]): boolean {
  const first = parts[0] ?? '';
  if (!norm.startsWith(first, at)) return false;
  let end = at + first.length;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const window = norm.slice(end, end + MAX_GAP + part.length);
    const found = window.indexOf(part);
    if (found === -1) return false;
    end += found + part.length;
  }
  return true;
}

/** records the code of every template in `list` that matches at `at` (first match per code) */
function matchKey(
  list: Template[] | undefined,
  norm: string,
  at: number,
  found: Map<number, number>,
): void {
  if (list === undefined) return;
  for (const t of list) {
    if (!found.has(t.code) && matchesAt(norm, at, t.parts)) found.set(t.code, at);
  }
}

/** builds the index from each code's message texts (English and official translations) */
export function buildMessageIndex(
  entries: Iterable<{ code: number; texts: string[] }>,
): MessageIndex {
  const owners = new Map<string, Set<number>>();
  const templates: Template[] = [];
  for (const { code, texts } of entries) {
    for (const text of texts) {
      for (const sentence of sentences(normalizeMessage(text))) {
        const parts = pieces(sentence);
        if (!distinctive(parts)) continue;
        const id = parts.join('\u0000');
        const set = owners.get(id) ?? new Set<number>();
        set.add(code);
        owners.set(id, set);
        templates.push({ code, parts });
      }
    }
  }
  // A sentence shared by two codes ("There's an issue with your federated Identity Provider.")
  // says nothing about which one it is.
  const byKey = new Map<string, Template[]>();
  const cjk: Template[] = [];
  const seen = new Set<string>();
  for (const t of templates) {
    const id = t.parts.join('\u0000');
    if ((owners.get(id)?.size ?? 0) > 1 || seen.has(`${t.code}:${id}`)) continue;
    seen.add(`${t.code}:${id}`);
    if (CJK.test(t.parts[0] ?? '')) {
      cjk.push(t);
      continue;
    }
    const key = keyOf(t.parts);
    const list = byKey.get(key) ?? [];
    list.push(t);
    byKey.set(key, list);
  }
  const firstWords = new Set([...byKey.keys()].map((key) => key.split(' ', 1)[0] ?? ''));
  return {
    size: seen.size,
    match(text: string) {
      const norm = normalizeMessage(text);
      const found = new Map<number, number>();
      const words = norm.split(' ');
      let offset = 0;
      for (let w = 0; w < words.length; w++) {
        const word = words[w] ?? '';
        let lead = 0;
        while (lead < word.length && LEADING.has(word[lead] ?? '')) lead++;
        const at = offset + lead;
        const one = lead === 0 ? word : word.slice(lead);
        // every key starts with a whole word: most words of a paste start none and cost one lookup
        if (firstWords.has(one)) {
          const next = words[w + 1];
          if (next !== undefined) matchKey(byKey.get(`${one} ${next}`), norm, at, found);
          matchKey(byKey.get(one), norm, at, found);
        }
        offset += word.length + 1;
      }
      if (CJK.test(norm)) {
        for (const t of cjk) {
          const at = norm.indexOf(t.parts[0] ?? '');
          if (at !== -1 && !found.has(t.code) && matchesAt(norm, at, t.parts))
            found.set(t.code, at);
        }
      }
      return [...found].map(([code, index]) => ({ code, index })).sort((a, b) => a.index - b.index);
    },
  };
}
