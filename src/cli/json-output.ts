/**
 * The --json document. Its shape is a contract pinned by tests:
 * {"codes":[{code, known, name?, summary, description?, severity?, contacts?, nextSteps?, security?,
 *   links, match, didYouMean?}], "context":{traceId?, correlationId?, requestId?, timestamp?, appId?},
 *  "truncated"?: true}
 * "truncated" appears only when the input was longer than the CLI reads (MAX_CLI_CHARS).
 */
import type { Catalog } from '../core/catalog/load.js';
import { format, messages } from '../core/i18n/messages.js';
import type { FoundCode, Locale, SignInContext } from '../core/reply.js';

/** one code in the --json document */
export interface JsonCode {
  code: number;
  known: boolean;
  name?: string;
  summary: string;
  description?: string;
  severity?: string;
  contacts?: string[];
  nextSteps?: string[];
  security?: string;
  links: string[];
  match: 'code' | 'text';
  /** the one catalog code a digit away from an unknown code */
  didYouMean?: number;
}

export interface JsonDocument {
  codes: JsonCode[];
  context: SignInContext;
  truncated?: true;
}

function jsonCode(code: FoundCode, catalog: Catalog, locale: Locale): JsonCode {
  if (!code.known) {
    return {
      code: code.code,
      known: false,
      summary: format(messages(locale).unknownSummary, { code: code.code }),
      links: [code.lookupUrl],
      match: code.match,
      ...(code.didYouMean ? { didYouMean: code.didYouMean.code } : {}),
    };
  }
  const sources = catalog.get(code.code)?.sources ?? [];
  const links = [code.lookupUrl];
  for (const source of sources) {
    if (source.url !== undefined && !links.includes(source.url)) links.push(source.url);
  }
  return {
    code: code.code,
    known: true,
    ...(code.name !== undefined ? { name: code.name } : {}),
    summary: code.summary,
    description: code.description,
    severity: code.severity,
    contacts: code.contacts,
    nextSteps: code.nextSteps,
    ...(code.security !== undefined ? { security: code.security } : {}),
    links,
    match: code.match,
  };
}

const CONTEXT_KEYS: readonly (keyof SignInContext)[] = [
  'traceId',
  'correlationId',
  'requestId',
  'timestamp',
  'appId',
];

/** builds the --json document */
export function toJsonDocument(
  codes: readonly FoundCode[],
  context: SignInContext,
  catalog: Catalog,
  locale: Locale,
): JsonDocument {
  const ctx: SignInContext = {};
  for (const key of CONTEXT_KEYS) {
    const value = context[key];
    if (value !== undefined) ctx[key] = value;
  }
  return { codes: codes.map((c) => jsonCode(c, catalog, locale)), context: ctx };
}
