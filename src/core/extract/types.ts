/** Shapes shared by the extraction modules. */
import type { SecretKind, SignInContext } from '../reply.js';

/** how a code was recognised; tests and the benchmark use it, replies only need code vs text */
export type Via =
  | 'prefix' // AADSTS50126
  | 'label' // Error Code: 50126, "errorCode": 50126, ResultType == 50126
  | 'list' // "error_codes":[50126], ResultType in (50126, 50053)
  | 'url' // login.microsoftonline.com/error?code=50126
  | 'oauth' // invalid_request: 9002326 -
  | 'csv' // a ResultType column
  | 'table' // a ResultType or ErrorCode column of a fixed-width table (az -o table, Format-Table)
  | 'bare' // a bare number in a message about sign-ins, or a message that is only codes
  | 'text'; // the catalog message itself

/** one code occurrence before de-duplication */
export interface Hit {
  index: number;
  code: number;
  via: Via;
}

/** what the extractor knows about the catalog; all optional so extraction also runs without one */
export interface CodeKnowledge {
  /** true when the catalog has this code */
  has(code: number): boolean;
  /** codes whose catalog message appears in the text, in order of appearance */
  matchMessages?(text: string): Array<{ code: number; index: number }>;
}

export interface ExtractOptions {
  /** how the platform escaped the text */
  encoding?: 'plain' | 'slack' | 'teams-html' | undefined;
  /** characters scanned at most; the rest is dropped and `truncated` is set (default 64 KB) */
  maxChars?: number;
  knowledge?: CodeKnowledge;
  /** the message was addressed to the bot, so a known code mentioned in passing counts */
  addressed?: boolean;
}

/** one code in the result, in order of first appearance */
export interface FoundRef {
  code: number;
  via: Via;
  index: number;
}

export interface Extraction {
  codes: FoundRef[];
  context: SignInContext;
  truncated: boolean;
  secrets: SecretKind[];
}
