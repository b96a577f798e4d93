/**
 * The intent handler: one inbound message in, one platform-neutral Reply out.
 * It understands "help", "aadsts 53003", a bare "53003" and pasted text. On a passive channel
 * message it answers only when a code is found; addressed with nothing to explain, it shows help.
 */
import type { Catalog } from './catalog/load.js';
import { extract } from './extract/extract.js';
import { unescapeSlack, unescapeTeamsHtml } from './extract/normalize.js';
import { toFoundCode } from './found-code.js';
import { resolveLocale } from './i18n/resolve-locale.js';
import { knowledgeOf } from './knowledge.js';
import type { FoundCode, InboundMessage, OrgContacts, Reply } from './reply.js';

/** what the handler needs besides the message */
export interface HandlerDeps {
  catalog: Catalog;
  /** the organization's own contacts per role, from the operator's configuration */
  orgContacts?: OrgContacts;
}

/** words that ask for help, in the languages the bot speaks (and a few it is asked in) */
const HELP_WORDS = new Set([
  'help',
  '?',
  'usage',
  'aadsts',
  'aadsts help',
  '帮助',
  '幫助',
  'aide',
  'hilfe',
]);

function isHelp(msg: InboundMessage): boolean {
  if (msg.text.length > 200) return false;
  const plain =
    msg.encoding === 'slack'
      ? unescapeSlack(msg.text)
      : msg.encoding === 'teams-html'
        ? unescapeTeamsHtml(msg.text)
        : msg.text;
  const word = plain
    .trim()
    .toLowerCase()
    .replace(/^\/+/, '')
    .replace(/[\s.!。！]+$/, '');
  return HELP_WORDS.has(word);
}

/** answers one message; never throws */
export function handleMessage(msg: InboundMessage, deps: HandlerDeps): Reply {
  const passive = msg.surface === 'passive';
  try {
    const locale = resolveLocale(msg.locale);
    const text = typeof msg.text === 'string' ? msg.text : '';
    if (isHelp({ ...msg, text })) {
      // a passive message that says "help" is someone else's conversation
      return passive ? { kind: 'none' } : { kind: 'help', locale, reason: 'asked' };
    }
    const found = extract(text, {
      encoding: msg.encoding,
      knowledge: knowledgeOf(deps.catalog),
      addressed: !passive,
    });
    const codes: FoundCode[] = [];
    for (const ref of found.codes) {
      // In a channel nobody addressed, a lone unknown number is more likely chatter than a code.
      if (passive && ref.via === 'bare' && deps.catalog.get(ref.code) === undefined) continue;
      codes.push(toFoundCode(ref.code, ref.via === 'text' ? 'text' : 'code', deps.catalog, locale));
    }
    if (codes.length === 0) {
      return passive ? { kind: 'none' } : { kind: 'help', locale, reason: 'no-code' };
    }
    return {
      kind: 'explain',
      locale,
      codes,
      context: found.context,
      truncated: found.truncated,
      secrets: found.secrets,
      orgContacts: { ...(deps.orgContacts ?? {}) },
    };
  } catch {
    // The handler must answer something sensible even if a catalog entry is malformed.
    return passive ? { kind: 'none' } : { kind: 'help', locale: 'en', reason: 'no-code' };
  }
}
