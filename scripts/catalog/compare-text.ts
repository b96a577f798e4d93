/**
 * Decides whether two sources say materially different things about a code. Rewordings between
 * editions (Azure AD → Microsoft Entra ID, "isn't" → "is not", "multi-factor" → "multifactor") are not
 * material; a different cause, remedy or owner is.
 */

const REWRITES: readonly [RegExp, string][] = [
  [
    /\bazure active directory\b|\bazure ad\b|\bmicrosoft entra id\b|\bmicrosoft entra\b|\baad\b/g,
    'entra',
  ],
  [/\bmulti-factor\b/g, 'multifactor'],
  [/\bapplications?\b/g, 'app'],
  [/\bmay\b/g, 'might'],
  [/\b(is|was|does|do|did|has|have|are|could|would)n't\b/g, '$1 not'],
  [/\bcan't\b|\bcannot\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bthere's\b/g, 'there is'],
  [/\b(administrator|admin)s?\b/g, 'admin'],
];

/** lower-cased words with edition rewordings undone and punctuation dropped */
export function normalizeWords(text: string): string[] {
  let value = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const [pattern, replacement] of REWRITES) value = value.replace(pattern, replacement);
  return value
    .replace(/[^a-z0-9'{} ]+/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '');
}

function bigrams(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let index = 0; index + 1 < words.length; index += 1) {
    const key = `${words[index]} ${words[index + 1]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient over word pairs, 0 (nothing shared) to 1 (same wording) */
export function similarity(a: string, b: string): number {
  const left = bigrams(normalizeWords(a));
  const right = bigrams(normalizeWords(b));
  const total =
    [...left.values()].reduce((sum, n) => sum + n, 0) +
    [...right.values()].reduce((sum, n) => sum + n, 0);
  if (total === 0) return normalizeWords(a).join(' ') === normalizeWords(b).join(' ') ? 1 : 0;
  let shared = 0;
  for (const [key, count] of left) shared += Math.min(count, right.get(key) ?? 0);
  return (2 * shared) / total;
}

const STOPWORDS = new Set(
  'a an and are as at be been by can due for from has have in is it not of on or that the this to was were will with'.split(
    ' ',
  ),
);

/** share of `other`'s content words that `kept` lacks, 0 (adds nothing) to 1 (all new) */
export function novelty(kept: string, other: string): number {
  const keptWords = new Set(normalizeWords(kept));
  const otherWords = [...new Set(normalizeWords(other))].filter((word) => !STOPWORDS.has(word));
  if (otherWords.length === 0) return 0;
  return otherWords.filter((word) => !keptWords.has(word)).length / otherWords.length;
}

/** at most this share of new content words still counts as the same statement */
export const NOVELTY_THRESHOLD = 0.1;

/** pairs this similar or more are the same text in another edition */
export const SAME_TEXT_THRESHOLD = 0.8;

/**
 * true when `other` adds nothing: a rewording of `kept` (word pairs mostly shared), or all its content
 * words already in `kept` (short texts such as the 2019 one-liners)
 */
export function isSameText(kept: string, other: string): boolean {
  const keptWords = normalizeWords(kept).join(' ');
  const otherWords = normalizeWords(other).join(' ');
  if (otherWords === '' || keptWords.includes(otherWords)) return true;
  return (
    similarity(kept, other) >= SAME_TEXT_THRESHOLD || novelty(kept, other) <= NOVELTY_THRESHOLD
  );
}
