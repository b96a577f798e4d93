/**
 * Every threshold and limit of the triage, named and explained in one place. Pattern thresholds are
 * deliberately conservative: a summary that cries wolf on an ordinary day gets ignored.
 */

/** bounds that keep memory constant whatever the input size */
export const TRIAGE_LIMITS = {
  /** distinct users/IPs counted exactly (64-bit-style hashes in a Set); past this an estimate takes over */
  exactDistinct: 200_000,
  /** distinct users counted exactly per failure code before that code's count becomes an estimate */
  exactDistinctPerCode: 256,
  /** distinct failure codes tracked one by one; rarer codes beyond this are added to "other codes" */
  codes: 300,
  /** distinct application names tracked; later new names are added to "other applications" */
  applications: 2_000,
  /** source IPs tracked for the password-spray check (first seen first kept) */
  trackedIps: 20_000,
  /** users tracked for the lockout and MFA-fatigue checks (only users with such failures are tracked) */
  trackedUsers: 50_000,
  /** distinct users remembered per tracked IP: enough to prove the spray threshold, no more */
  usersPerIp: 64,
  /** hours tracked for the Conditional Access spike check (about a year of hourly buckets) */
  hourBuckets: 24 * 366,
  /** longest JSON record accepted (characters); a larger one is counted as malformed */
  jsonRecordChars: 1_000_000,
  /** deepest JSON nesting accepted inside one record */
  jsonDepth: 64,
  /** longest CSV record accepted (bytes; a longer one is malformed and reading resumes on its next line) */
  csvRecordChars: 1_000_000,
  /** identities kept for `--show-identities` (CLI only); later new names are not listed */
  identities: 10_000,
  /** rows shown per list in the summary model (codes keep all tracked entries) */
  topApplications: 10,
  topIdentities: 10,
} as const;

/**
 * Password spray: one source address tries the same few passwords against many accounts.
 * Flagged per IP when that IP produced wrong-password failures (50126) for at least
 * SPRAY_MIN_USERS_PER_IP distinct users and its successful sign-ins stay below
 * SPRAY_MAX_SUCCESS_SHARE of those failures, so a busy office NAT with a few typos is not flagged.
 */
export const SPRAY_CODE = 50126;
export const SPRAY_MIN_USERS_PER_IP = 10;
export const SPRAY_MAX_SUCCESS_SHARE = 0.2;

/**
 * Lockouts and brute force: Smart Lockout answers 50053. One locked user is routine; flagged when
 * at least LOCKOUT_MIN_USERS accounts are locked, LOCKOUT_MIN_EVENTS lockout rows appear, or one
 * account collects BRUTE_FORCE_MIN_WRONG_PASSWORDS wrong passwords (50126).
 */
export const LOCKOUT_CODE = 50053;
export const LOCKOUT_MIN_USERS = 3;
export const LOCKOUT_MIN_EVENTS = 10;
export const BRUTE_FORCE_MIN_WRONG_PASSWORDS = 20;

/**
 * MFA fatigue: an attacker who has the password keeps triggering push prompts until the user
 * approves one. Flagged when one user collects MFA_FATIGUE_MIN_PROMPTS failures with 500121 (MFA
 * failed or denied) or 50074 (MFA required, not completed) within MFA_FATIGUE_WINDOW_MS. A normal
 * sign-in shows one or two such rows followed by a success.
 */
export const MFA_FATIGUE_CODES: readonly number[] = [500121, 50074];
export const MFA_FATIGUE_MIN_PROMPTS = 6;
export const MFA_FATIGUE_WINDOW_MS = 10 * 60 * 1000;

/**
 * Conditional Access spike: 53003 rows are normal in small numbers (a policy doing its job).
 * Flagged when the busiest hour has at least CA_SPIKE_MIN_PER_HOUR blocks and at least
 * CA_SPIKE_FACTOR times the average hour of the file (files spanning CA_SPIKE_MIN_HOURS or more),
 * or, for a short file, when blocks are at least CA_SPIKE_MIN_PER_HOUR and CA_SPIKE_MIN_SHARE of rows.
 */
export const CA_BLOCK_CODE = 53003;
export const CA_SPIKE_MIN_PER_HOUR = 20;
export const CA_SPIKE_FACTOR = 3;
export const CA_SPIKE_MIN_HOURS = 3;
export const CA_SPIKE_MIN_SHARE = 0.25;

/**
 * Legacy authentication: clients that cannot do modern auth (and so cannot do MFA). Values of the
 * sign-in log's "Client app" / clientAppUsed; see
 * https://learn.microsoft.com/entra/identity/conditional-access/block-legacy-authentication
 * Flagged when at least LEGACY_MIN_FAILURES legacy sign-ins failed. Blocked means 53003 (a
 * Conditional Access block) or 530035 (security defaults).
 */
export const LEGACY_CLIENT_APPS: readonly string[] = [
  'authenticated smtp',
  'autodiscover',
  'exchange activesync',
  'exchange online powershell',
  'exchange web services',
  'imap4',
  'imap',
  'mapi over http',
  'offline address book',
  'other clients',
  'outlook anywhere (rpc over http)',
  'pop3',
  'pop',
  'reporting web services',
  'universal outlook',
];
export const LEGACY_BLOCK_CODES: readonly number[] = [53003, 530035];
export const LEGACY_MIN_FAILURES = 5;

/**
 * Expected interrupts: steps of a normal sign-in that the log records as failures (a silent sign-in
 * that needs interaction, the "Stay signed in?" prompt, the account picker). Reported so they can be
 * ignored; catalog entries tagged "interrupt" with severity "info" are added to this list.
 */
export const EXPECTED_INTERRUPT_CODES: readonly number[] = [50058, 50140, 16000];

/** a pasted block becomes one summary only with at least this many data rows; fewer get per-code cards */
export const PASTE_MIN_ROWS = 5;
