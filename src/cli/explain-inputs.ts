/**
 * Turns CLI inputs into found codes and context: arguments that are codes are looked up directly,
 * everything else is scanned like a pasted message (with a larger cap than chat).
 */
import type { Catalog } from '../core/catalog/load.js';
import { extract } from '../core/extract/extract.js';
import { toFoundCode } from '../core/found-code.js';
import { knowledgeOf } from '../core/knowledge.js';
import type { FoundCode, Locale, SecretKind, SignInContext } from '../core/reply.js';
import { codeArgument } from './args.js';

/** how much of a piped file the CLI reads */
export const MAX_CLI_CHARS = 8 * 1024 * 1024;

export interface Explained {
  codes: FoundCode[];
  context: SignInContext;
  truncated: boolean;
  secrets: SecretKind[];
}

/** explains argument codes and scanned text, codes in order of first appearance */
export function explainInputs(
  inputs: readonly string[],
  catalog: Catalog,
  locale: Locale,
): Explained {
  const seen = new Set<number>();
  const out: Explained = { codes: [], context: {}, truncated: false, secrets: [] };
  const add = (code: number, match: 'code' | 'text'): void => {
    if (seen.has(code)) return;
    seen.add(code);
    out.codes.push(toFoundCode(code, match, catalog, locale));
  };
  for (const input of inputs) {
    const direct = codeArgument(input);
    if (direct !== undefined) {
      add(direct, 'code');
      continue;
    }
    const found = extract(input, {
      maxChars: MAX_CLI_CHARS,
      knowledge: knowledgeOf(catalog),
      addressed: true,
    });
    for (const ref of found.codes) add(ref.code, ref.via === 'text' ? 'text' : 'code');
    out.context = { ...found.context, ...out.context };
    out.truncated ||= found.truncated;
    for (const kind of found.secrets) if (!out.secrets.includes(kind)) out.secrets.push(kind);
  }
  return out;
}
