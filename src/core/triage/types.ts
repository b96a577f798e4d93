/**
 * The triage's data model: one normalized sign-in row in, one summary out. The summary holds counts
 * only; identities appear solely in `identities`, filled only when the caller asks for them (CLI).
 */
import type { Contact, Severity } from '../catalog/schema.js';

/** how a sign-in ended, read from an error code or a status word */
export type Outcome = 'success' | 'failure' | 'unknown';

/** one sign-in, whatever the export it came from */
export interface SignInRow {
  /** the AADSTS code (0 for success); undefined when the row has none */
  code: number | undefined;
  outcome: Outcome;
  /** milliseconds since the epoch (UTC), undefined when absent or unreadable */
  time: number | undefined;
  user: string | undefined;
  ip: string | undefined;
  app: string | undefined;
  clientApp: string | undefined;
}

/** a count that is exact up to a cap and an estimate beyond it */
export interface DistinctCount {
  count: number;
  exact: boolean;
}

/** one failure code in the summary */
export interface CodeSummary {
  code: number;
  failures: number;
  users: DistinctCount;
  known: boolean;
  name?: string;
  severity?: Severity;
  contacts: Contact[];
  /** the catalog's one-line meaning */
  summary?: string;
  /** the same line in Chinese */
  summaryZh?: string;
  /** a normal step of sign-in recorded as a failure; safe to ignore */
  expectedInterrupt: boolean;
}

/** identifiers of the patterns the triage looks for */
export const PATTERN_IDS = [
  'password-spray',
  'lockout-brute-force',
  'mfa-fatigue',
  'conditional-access-spike',
  'legacy-auth-blocked',
  'expected-interrupts',
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

/** alert: looks like an attack; notice: worth a look; ignore: expected noise */
export type PatternLevel = 'alert' | 'notice' | 'ignore';

/** a pattern found in the rows, with its evidence as named counts */
export interface PatternFinding {
  id: PatternId;
  level: PatternLevel;
  evidence: Record<string, number>;
  /** codes involved */
  codes: number[];
  /** users and IPs involved: only when identities were requested (CLI), never in chat */
  identities?: { users: string[]; ips: string[] };
}

/** which export the rows came from, as far as the columns tell */
export type InputShape = 'entra-portal-csv' | 'log-analytics' | 'graph-json' | 'generic';

/** what the triage tells about a file or a paste */
export interface TriageSummary {
  input: { format: 'csv' | 'json'; shape: InputShape; delimiter?: string; ndjson?: boolean };
  totals: {
    rows: number;
    successes: number;
    failures: number;
    /** rows whose outcome could not be read (no code, no status) */
    unknown: number;
    /** rows that could not be parsed at all (bad quoting, wrong column count, broken JSON) */
    malformed: number;
  };
  /** failure codes, most frequent first */
  codes: CodeSummary[];
  /** failures whose codes were not tracked one by one (beyond TRIAGE_LIMITS.codes) */
  otherCodeFailures: number;
  applications: { name: string; rows: number; failures: number }[];
  /** rows whose application was not tracked (beyond TRIAGE_LIMITS.applications) */
  otherApplicationRows: number;
  distinct: { users: DistinctCount; ips: DistinctCount };
  timeRange?: { first: string; last: string };
  /** rows with a time value that could not be read */
  unreadableTimes: number;
  patterns: PatternFinding[];
  /** top failing users and IPs; only present when identities were requested */
  identities?: {
    users: { name: string; failures: number }[];
    ips: { address: string; failures: number }[];
  };
}
