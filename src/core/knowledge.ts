/**
 * What extraction may know about the catalog: which codes exist and an index of their messages.
 * Built once per catalog object and cached.
 */
import type { Catalog } from './catalog/load.js';
import { buildMessageIndex, type MessageIndex } from './extract/message-index.js';
import type { CodeKnowledge } from './extract/types.js';

const cache = new WeakMap<Catalog, CodeKnowledge & { index: MessageIndex }>();

/** strips the "SymbolicName - " prefix the reference puts before some descriptions */
function withoutName(text: string, name: string | undefined): string {
  return name !== undefined && text.startsWith(`${name} - `) ? text.slice(name.length + 3) : text;
}

/** the catalog seen from the extractor (cached per catalog) */
export function knowledgeOf(catalog: Catalog): CodeKnowledge & { index: MessageIndex } {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const entries = catalog.codes().map((code) => {
    const entry = catalog.get(code)!;
    const texts = [withoutName(entry.description, entry.name)];
    for (const alt of entry.alternates ?? []) {
      if (alt.code === undefined || alt.code === code) texts.push(alt.text);
    }
    if (entry.zh.origin === 'official' && entry.zh.description) texts.push(entry.zh.description);
    return { code, texts };
  });
  const index = buildMessageIndex(entries);
  const knowledge = {
    index,
    has: (code: number) => catalog.get(code) !== undefined,
    matchMessages: (text: string) => index.match(text),
  };
  cache.set(catalog, knowledge);
  return knowledge;
}
