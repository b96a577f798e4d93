/**
 * The extraction pipeline: cap the input, undo platform escaping and terminal colours, find codes
 * in code positions, fall back to bare numbers, JSON values and catalog messages when none is
 * found, then read the sign-in context (also from a decoded copy of a URL-encoded error response)
 * and notice secrets.
 * Never throws.
 */
import type { SignInContext } from '../reply.js';
import { bareKnownCodes, bulletedKnownCodes, onlyCodes } from './bare-numbers.js';
import { scanCodes } from './code-rules.js';
import { findContext, findMessageContext } from './context.js';
import { walkJson } from './json-walk.js';
import {
  capInput,
  MAX_CHAT_CHARS,
  stripTerminalColours,
  unescapeSlack,
  unescapeTeamsHtml,
} from './normalize.js';
import { oauthCodes } from './oauth.js';
import { findSecrets } from './secrets.js';
import type { Extraction, ExtractOptions, FoundRef, Hit } from './types.js';
import { looksUrlEncoded, urlDecoded } from './url-decoded.js';

/** text lower-cased and scanned with every rule; beyond it only the common spellings are searched */
const HEAD = 64 * 1024;
/** around the first code, where the context of a long log is read */
const CONTEXT_WINDOW = 4 * 1024;

const EMPTY: Extraction = { codes: [], context: {}, truncated: false, secrets: [] };

/** finds codes, context and secrets in pasted text; never throws */
export function extract(input: string, options: ExtractOptions = {}): Extraction {
  try {
    return run(typeof input === 'string' ? input : '', options);
  } catch {
    // A bug in a rule must not take the bot down; an empty result is the safe answer.
    return EMPTY;
  }
}

function decode(text: string, encoding: ExtractOptions['encoding']): string {
  const plain =
    encoding === 'slack'
      ? unescapeSlack(text)
      : encoding === 'teams-html'
        ? unescapeTeamsHtml(text)
        : text;
  return stripTerminalColours(plain);
}

function run(input: string, options: ExtractOptions): Extraction {
  const capped = capInput(input, options.maxChars ?? MAX_CHAT_CHARS);
  const text = decode(capped.text, options.encoding);
  const headLength = Math.min(text.length, HEAD);
  const lowerHead = text.slice(0, headLength).toLowerCase();
  // toLowerCase can change the length of a few characters (e.g. "İ"); then search by spelling
  const lower = lowerHead.length === headLength ? lowerHead : undefined;

  const scan = scanCodes(text, lower, text.length);
  const hits: Hit[] = scan.hits;
  if (lower !== undefined) hits.push(...oauthCodes(text, lower));

  if (hits.length > 0 && options.knowledge && lower !== undefined) {
    hits.push(...bulletedKnownCodes(lower, options.knowledge));
  }
  let codes = dedupe(hits);
  let messageText = '';
  if (codes.length === 0) {
    const head = text.slice(0, headLength);
    const fallback = onlyCodes(head.trim());
    const knowledge = options.knowledge;
    if (fallback.length === 0 && knowledge) {
      const addressed = options.addressed ?? false;
      fallback.push(...bareKnownCodes(head, knowledge, addressed));
      // "Codes we see today:\n• 50126\n• 50053", with no sign-in word to make it about sign-ins
      if (fallback.length === 0 && lower !== undefined) {
        fallback.push(...bulletedKnownCodes(lower, knowledge, addressed));
      }
    }
    const json = walkJson(head);
    fallback.push(...json.hits);
    messageText = json.strings;
    codes = dedupe(fallback);
    if (codes.length === 0 && knowledge?.matchMessages) {
      const matches = knowledge.matchMessages(`${head}\n${messageText}`);
      codes = matches.map((m) => ({ code: m.code, via: 'text' as const, index: m.index }));
    }
  }

  const context = readContext(
    text,
    codes.map((c) => c.index),
    lower,
  );
  for (const [key, value] of Object.entries(scan.csvContext)) {
    const field = key as keyof SignInContext;
    if (context[field] === undefined) context[field] = value;
  }
  return { codes, context, truncated: capped.truncated, secrets: findSecrets(text) };
}

/** in order of first appearance, each code once */
function dedupe(hits: Hit[]): FoundRef[] {
  // first occurrence per code, then order the (few) distinct codes: cheaper than sorting every hit
  const first = new Map<number, Hit>();
  for (const hit of hits) {
    const seen = first.get(hit.code);
    if (seen === undefined || hit.index < seen.index) first.set(hit.code, hit);
  }
  return [...first.values()]
    .sort((a, b) => a.index - b.index)
    .map((hit) => ({ code: hit.code, via: hit.via, index: hit.index }));
}

function readContext(text: string, codeAt: number[], lower: string | undefined): SignInContext {
  const anchor = codeAt[0] ?? 0;
  let from = 0;
  let to = text.length;
  let spanLower: string;
  if (text.length <= HEAD && lower !== undefined) {
    spanLower = lower;
  } else {
    // A long log holds many failures; the ids next to the first code belong to it.
    from = Math.max(0, anchor - CONTEXT_WINDOW);
    to = Math.min(text.length, anchor + CONTEXT_WINDOW);
    const span = text.slice(from, to);
    spanLower = span.toLowerCase();
    if (spanLower.length !== span.length) return {};
  }
  const context = findContext(text, spanLower, from, anchor);
  if (codeAt.length > 0) findMessageContext(text, spanLower, from, codeAt, context);
  if (looksUrlEncoded(spanLower)) fillFromDecoded(context, urlDecoded(text.slice(from, to)));
  return context;
}

/** fills the fields the plain read left empty from a URL-decoded copy of the span */
function fillFromDecoded(context: SignInContext, decoded: string): void {
  const decodedLower = decoded.toLowerCase();
  if (decodedLower.length !== decoded.length) return;
  const more = findContext(decoded, decodedLower, 0);
  for (const [key, value] of Object.entries(more)) {
    const field = key as keyof SignInContext;
    if (context[field] === undefined) context[field] = value;
  }
}
