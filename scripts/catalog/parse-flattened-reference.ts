/**
 * Parser for the 2023 "Azure AD authentication and authorization error codes" page, vendored as flattened
 * page text: the table lost its cells, so entries run together as "AADSTSnnnn Name - text AADSTSmmmm …"
 * and lists became "•" bullets.
 *
 * An entry runs until the next `AADSTSnnnn` token that starts an entry. Descriptions also mention codes,
 * and those mentions must not split an entry. A token is a mention, not an entry start, when:
 * - it is followed by ":" (901002's text quotes itself: "AADSTS901002: The 'resource' …");
 * - it is followed by " ." — the copy left a space where a link ended a sentence
 *   ("see the troubleshooting article for error AADSTS650056 .");
 * - it repeats the code of the entry it is in (500021: "AADSTS500021 indicates that …");
 * - the word before it introduces a reference ("error", "visit", "see", "code").
 */
import { splitName } from './split-name.js';
import { cleanText } from './text-clean.js';
import type { SourceRecord } from './types.js';

const TOKEN = /AADSTS(\d{5,7})/g;
const REFERENCE_LEAD = new Set(['error', 'visit', 'see', 'code']);

/** the part of the page holding the code list: after the "AADSTS error codes" heading, before "Next steps" */
export function codeListSection(text: string): string {
  const heading = /^AADSTS error codes\s*$/m.exec(text);
  if (!heading) throw new Error('aadsts-reference-2023: heading "AADSTS error codes" not found');
  const start = heading.index + heading[0].length;
  const rest = text.slice(start);
  const end = /^Next steps\s*$/m.exec(rest);
  return (end ? rest.slice(0, end.index) : rest).replace(/^\s*Error Description\s+/, '');
}

/** whether the token at `index` (length `length`) is a mention inside the current entry */
function isMention(
  section: string,
  index: number,
  length: number,
  code: number,
  current?: number,
): boolean {
  const after = section.slice(index + length, index + length + 3);
  if (after.startsWith(':') || /^\s*\./.test(after)) return true;
  if (current === code) return true;
  const before = /([A-Za-z]+)\s+$/.exec(section.slice(Math.max(0, index - 20), index));
  return before?.[1] !== undefined && REFERENCE_LEAD.has(before[1].toLowerCase());
}

/** reads the code list of the flattened 2023 reference */
export function parseFlattenedReference(text: string): SourceRecord[] {
  const section = codeListSection(text);
  const starts: { code: number; from: number; to: number }[] = [];
  let current: number | undefined;
  for (const match of section.matchAll(TOKEN)) {
    const code = Number(match[1]);
    const index = match.index ?? 0;
    if (isMention(section, index, match[0].length, code, current)) continue;
    starts.push({ code, from: index, to: index + match[0].length });
    current = code;
  }
  return starts.map((start, position) => {
    const next = starts[position + 1];
    const raw = section
      .slice(start.to, next ? next.from : section.length)
      .replace(new RegExp(`^:?\\s*AADSTS${start.code}:\\s*`), '');
    const { name, description } = splitName(cleanText(raw));
    return {
      code: start.code,
      ...(name ? { name } : {}),
      ...(description ? { description } : {}),
    };
  });
}
