/**
 * What the vendored sources say about one code: its name, the best official description, the
 * alternates worth keeping, the list of sources and the official Chinese text.
 */
import type { SourceRef } from '../../src/core/catalog/schema.js';
import { isSameText } from './compare-text.js';
import type { ParsedSources } from './parse-sources.js';
import { SOURCE_FILES, type SourceId } from './types.js';

/**
 * Codes Microsoft renumbered, old → current. The 2019 table lists 50148 for the PKCE code_verifier
 * mismatch, the 2023 reference lists it as 501481 and the 2025 reference lists both. The current number is canonical; the old
 * one keeps its own entry (people still paste it) that points at the new one through `alternates`.
 */
export const RENUMBERED: ReadonlyMap<number, number> = new Map([[50148, 501481]]);

/** the reverse of RENUMBERED: current → old */
const OLD_NUMBER: ReadonlyMap<number, number> = new Map(
  [...RENUMBERED].map(([old, now]) => [now, old]),
);

/** English description sources, best first; the zh-CN page is the Chinese text, not a candidate */
const DESCRIPTION_ORDER: readonly SourceId[] = [
  'entra-reference-current',
  'aadsts-reference-2023',
  'signin-report-2019',
  'troubleshoot-signin-2023',
  'security-watchlist',
];

/** official facts about one code */
export interface OfficialText {
  name?: string;
  description?: string;
  alternates: { source: string; code?: number; text: string }[];
  sources: SourceRef[];
  zhDescription?: string;
}

/** collects the official facts for `code` from every parsed source */
export function officialText(code: number, parsed: ParsedSources): OfficialText {
  const get = (id: SourceId, at: number = code) => parsed.get(id)?.get(at);
  const name = get('entra-reference-current')?.name ?? get('aadsts-reference-2023')?.name;
  // a source that lists the code twice contributes its second text right after its first
  const candidates = DESCRIPTION_ORDER.flatMap((id) => {
    const record = get(id);
    const texts = [record?.description, ...(record?.alternates ?? [])];
    return texts.flatMap((text) => (text ? [{ source: id, text }] : []));
  });
  const best = candidates[0];
  const alternates: OfficialText['alternates'] = [];
  if (best) {
    const kept = [best.text];
    for (const candidate of candidates.slice(1)) {
      if (kept.some((text) => isSameText(text, candidate.text))) continue;
      kept.push(candidate.text);
      alternates.push({ source: candidate.source, text: candidate.text });
    }
  }
  alternates.push(...renumberedAlternates(code, parsed));
  const sources: SourceRef[] = SOURCE_FILES.filter((file) => get(file.id) !== undefined).map(
    (file) => (file.url ? { id: file.id, url: file.url } : { id: file.id }),
  );
  const zhDescription = get('signin-report-2019-zh')?.description;
  return {
    ...(name ? { name } : {}),
    ...(best ? { description: best.text } : {}),
    alternates,
    sources,
    ...(zhDescription ? { zhDescription } : {}),
  };
}

/** the other number's best text, so both numbers of a renumbered code point at each other */
function renumberedAlternates(code: number, parsed: ParsedSources): OfficialText['alternates'] {
  const other = RENUMBERED.get(code) ?? OLD_NUMBER.get(code);
  if (other === undefined) return [];
  for (const id of DESCRIPTION_ORDER) {
    const text = parsed.get(id)?.get(other)?.description;
    if (text) return [{ source: id, code: other, text }];
  }
  return [];
}
