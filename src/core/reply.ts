/**
 * The platform-neutral reply model. The intent handler returns a Reply; pure converters turn it
 * into an Adaptive Card (Teams), Block Kit (Slack) or plain text (CLI).
 */
import type { Contact, Severity } from './catalog/schema.js';

/** languages the bot answers in */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** where a message came from, which decides whether the bot may stay silent */
export type Surface = 'direct' | 'mention' | 'passive' | 'command' | 'message-action';

/** what an adapter hands to the core */
export interface InboundMessage {
  /** the text as the platform gave it, after the adapter removed the bot's own @mention */
  text: string;
  /** the platform's locale string (e.g. "zh-CN", "en-US"); undefined means English */
  locale?: string | undefined;
  surface: Surface;
  /** how the platform escapes text, so the core can undo it before scanning */
  encoding?: 'plain' | 'slack' | 'teams-html';
}

/** IDs an admin needs to find the failure in the sign-in log */
export interface SignInContext {
  traceId?: string;
  correlationId?: string;
  requestId?: string;
  timestamp?: string;
  appId?: string;
}

/** the organization's own contact for a role (configured by the operator, never from user text) */
export interface OrgContact {
  name: string;
  /** a channel reference shown as text, never as a mention */
  channel?: string;
  url?: string;
}
export type OrgContacts = Partial<Record<Contact, OrgContact>>;

/** a catalog entry with its text already resolved to the reply's locale */
export interface KnownCode {
  known: true;
  code: number;
  /** "code": the number was in the text; "text": the text contained the catalog message */
  match: 'code' | 'text';
  name?: string;
  summary: string;
  description: string;
  severity: Severity;
  contacts: Contact[];
  nextSteps: string[];
  security?: string;
  tags: string[];
  /** Microsoft's live lookup page for this code */
  lookupUrl: string;
  /** "official" Microsoft translation, "project" translation, or "none" (English shown) */
  translation: 'official' | 'project' | 'none';
}

/** a number found in a code position that the catalog does not know */
export interface UnknownCode {
  known: false;
  code: number;
  match: 'code';
  lookupUrl: string;
  /** the one catalog code a single digit away, if exactly one exists */
  didYouMean?: { code: number; name?: string; summary: string };
}

export type FoundCode = KnownCode | UnknownCode;

/** sensitive things noticed in a paste; the reply warns, it never echoes them */
export type SecretKind = 'jwt' | 'client-secret';

export type Reply =
  | {
      kind: 'explain';
      locale: Locale;
      /** in order of first appearance; at least one entry */
      codes: FoundCode[];
      context: SignInContext;
      /** the input was longer than the cap and only its start was scanned */
      truncated: boolean;
      secrets: SecretKind[];
      orgContacts: OrgContacts;
    }
  | {
      kind: 'help';
      locale: Locale;
      /** "asked": the user typed help; "no-code": addressed with nothing to explain; "welcome": install */
      reason: 'asked' | 'no-code' | 'welcome';
    }
  | {
      kind: 'stats';
      locale: Locale;
      /** how many days the counts cover */
      days: number;
      /** codes explained in this channel or team over those days */
      total: number;
      /** most frequent codes first; counts only, never who asked */
      top: { code: number; name?: string; summary?: string; severity?: Severity; count: number }[];
    }
  | {
      kind: 'notice';
      locale: Locale;
      /** "slow-down": the first message over a rate limit (later ones get silence) */
      notice: 'slow-down';
    }
  | { kind: 'none' };
