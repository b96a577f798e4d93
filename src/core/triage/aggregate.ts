/**
 * Folds sign-in rows into bounded counters: every map has a cap from TRIAGE_LIMITS, so memory stays
 * constant whatever the number of rows. Pattern checks read the state this class keeps.
 */
import {
  CA_BLOCK_CODE,
  LEGACY_BLOCK_CODES,
  LEGACY_CLIENT_APPS,
  LOCKOUT_CODE,
  MFA_FATIGUE_CODES,
  MFA_FATIGUE_MIN_PROMPTS,
  MFA_FATIGUE_WINDOW_MS,
  SPRAY_CODE,
  TRIAGE_LIMITS,
} from './constants.js';
import { DistinctCounter, hash53 } from './distinct.js';
import type { Outcome, SignInRow } from './types.js';

/** per failure code */
export interface CodeState {
  failures: number;
  users: DistinctCounter;
}

/** per source IP, for the password-spray check */
export interface IpState {
  successes: number;
  wrongPasswords: number;
  /** hashes of the users with a wrong password from this IP, at most TRIAGE_LIMITS.usersPerIp */
  users: Set<number>;
  name?: string;
}

/** per user with lockout, wrong-password or MFA failures */
export interface UserState {
  wrongPasswords: number;
  lockouts: number;
  /** the last MFA_FATIGUE_MIN_PROMPTS MFA failure times, as a ring */
  mfaTimes: number[];
  mfaNext: number;
  mfaBurst: boolean;
  name?: string;
}

const LEGACY = new Set(LEGACY_CLIENT_APPS);
const LEGACY_BLOCKS = new Set(LEGACY_BLOCK_CODES);
const MFA = new Set(MFA_FATIGUE_CODES);
const HOUR_MS = 3_600_000;

/** bounded counters over a stream of rows */
export class TriageAggregator {
  rows = 0;
  successes = 0;
  failures = 0;
  unknown = 0;
  malformed = 0;
  unreadableTimes = 0;
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  readonly codes = new Map<number, CodeState>();
  otherCodeFailures = 0;
  readonly apps = new Map<string, { rows: number; failures: number }>();
  otherApplicationRows = 0;
  readonly users = new DistinctCounter(TRIAGE_LIMITS.exactDistinct);
  readonly ips = new DistinctCounter(TRIAGE_LIMITS.exactDistinct);
  readonly ipStates = new Map<number, IpState>();
  readonly userStates = new Map<number, UserState>();
  /** hour index → 53003 rows */
  readonly caHours = new Map<number, number>();
  caBlocks = 0;
  readonly legacy = { blocked: 0, otherFailures: 0, successes: 0, clients: new Set<string>() };
  private readonly legacyNames = new Map<string, string>();
  readonly failingUsers = new Map<string, number>();
  readonly failingIps = new Map<string, number>();

  constructor(readonly keepIdentities: boolean = false) {}

  /** counts one row that could not be parsed */
  addMalformed(count = 1): void {
    this.malformed += count;
  }

  /** folds one row into the counters */
  add(row: SignInRow): void {
    const userKey = row.user === undefined ? undefined : row.user.toLowerCase();
    this.addFields(
      row.code,
      row.outcome,
      row.time,
      userKey === undefined ? -1 : hash53(userKey),
      row.ip === undefined ? -1 : hash53(row.ip),
      row.app,
      row.clientApp,
      userKey,
      row.ip,
    );
  }

  /**
   * Folds one row whose user (lower-cased) and IP are already hashed with hash53, -1 when absent.
   * The CSV reader hashes them straight from the bytes; the texts `userKey` and `ip` are needed only
   * when identities are kept.
   */
  addFields(
    code: number | undefined,
    outcome: Outcome,
    time: number | undefined,
    userHash: number,
    ipHash: number,
    app: string | undefined,
    clientApp: string | undefined,
    userKey: string | undefined,
    ip: string | undefined,
  ): void {
    this.rows++;
    if (userHash >= 0) this.users.addHash(userHash);
    if (ipHash >= 0) this.ips.addHash(ipHash);
    this.addTime(time);
    if (app !== undefined) this.addApp(app, outcome === 'failure');
    if (outcome === 'success') this.successes++;
    else if (outcome === 'failure') this.failures++;
    else this.unknown++;

    if (outcome === 'failure' && code !== undefined) {
      this.addCode(code, userHash);
      if (this.keepIdentities) {
        if (userKey !== undefined) bump(this.failingUsers, userKey);
        if (ip !== undefined) bump(this.failingIps, ip);
      }
    }
    if (ipHash >= 0 && (outcome === 'success' || code === SPRAY_CODE)) {
      this.addIp(ipHash, ip, code, outcome, userHash);
    }
    if (
      userHash >= 0 &&
      code !== undefined &&
      (code === SPRAY_CODE || code === LOCKOUT_CODE || MFA.has(code))
    ) {
      this.addUser(userHash, userKey, code, time);
    }
    if (code === CA_BLOCK_CODE) this.addCaBlock(time);
    if (clientApp !== undefined) this.addLegacy(clientApp, code, outcome);
  }

  private addTime(time: number | undefined): void {
    if (time === undefined) return;
    if (Number.isNaN(time)) {
      this.unreadableTimes++;
      return;
    }
    if (time < this.first) this.first = time;
    if (time > this.last) this.last = time;
  }

  private addApp(app: string, failed: boolean): void {
    let state = this.apps.get(app);
    if (state === undefined) {
      if (this.apps.size >= TRIAGE_LIMITS.applications) {
        this.otherApplicationRows++;
        return;
      }
      state = { rows: 0, failures: 0 };
      this.apps.set(app, state);
    }
    state.rows++;
    if (failed) state.failures++;
  }

  private addCode(code: number, userHash: number): void {
    let state = this.codes.get(code);
    if (state === undefined) {
      if (this.codes.size >= TRIAGE_LIMITS.codes) {
        this.otherCodeFailures++;
        return;
      }
      state = { failures: 0, users: new DistinctCounter(TRIAGE_LIMITS.exactDistinctPerCode) };
      this.codes.set(code, state);
    }
    state.failures++;
    if (userHash >= 0) state.users.addHash(userHash);
  }

  // only a success or a wrong password (the spray code) reaches here
  private addIp(
    ipHash: number,
    ip: string | undefined,
    code: number | undefined,
    outcome: Outcome,
    userHash: number,
  ): void {
    let state = this.ipStates.get(ipHash);
    if (state === undefined) {
      // only an IP with a wrong password can start a record: successes alone never make a spray
      if (code !== SPRAY_CODE || this.ipStates.size >= TRIAGE_LIMITS.trackedIps) return;
      state = { successes: 0, wrongPasswords: 0, users: new Set() };
      if (this.keepIdentities && ip !== undefined) state.name = ip;
      this.ipStates.set(ipHash, state);
    }
    if (outcome === 'success') {
      state.successes++;
      return;
    }
    state.wrongPasswords++;
    if (userHash >= 0 && state.users.size < TRIAGE_LIMITS.usersPerIp) {
      state.users.add(userHash);
    }
  }

  private addUser(
    userHash: number,
    userKey: string | undefined,
    code: number,
    time: number | undefined,
  ): void {
    let state = this.userStates.get(userHash);
    if (state === undefined) {
      if (this.userStates.size >= TRIAGE_LIMITS.trackedUsers) return;
      state = { wrongPasswords: 0, lockouts: 0, mfaTimes: [], mfaNext: 0, mfaBurst: false };
      if (this.keepIdentities && userKey !== undefined) state.name = userKey;
      this.userStates.set(userHash, state);
    }
    if (code === SPRAY_CODE) state.wrongPasswords++;
    else if (code === LOCKOUT_CODE) state.lockouts++;
    else if (time !== undefined && !Number.isNaN(time)) recordMfa(state, time);
  }

  private addCaBlock(time: number | undefined): void {
    this.caBlocks++;
    if (time === undefined || Number.isNaN(time)) return;
    const hour = Math.floor(time / HOUR_MS);
    const count = this.caHours.get(hour);
    if (count !== undefined) this.caHours.set(hour, count + 1);
    else if (this.caHours.size < TRIAGE_LIMITS.hourBuckets) this.caHours.set(hour, 1);
  }

  private addLegacy(clientApp: string, code: number | undefined, outcome: string): void {
    // a file has a handful of client app values: remember each one's verdict instead of re-checking
    let name = this.legacyNames.get(clientApp);
    if (name === undefined) {
      const lower = clientApp.toLowerCase();
      name = LEGACY.has(lower) ? lower : '';
      if (this.legacyNames.size < 256) this.legacyNames.set(clientApp, name);
    }
    if (name === '') return;
    if (outcome === 'success') this.legacy.successes++;
    else if (outcome === 'failure') {
      if (code !== undefined && LEGACY_BLOCKS.has(code)) this.legacy.blocked++;
      else this.legacy.otherFailures++;
      this.legacy.clients.add(name);
    }
  }
}

// exports are sorted either way (newest or oldest first): the ring holds the last N prompt times,
// and N prompts within the window in either direction make a burst
function recordMfa(state: UserState, time: number): void {
  const ring = state.mfaTimes;
  if (ring.length < MFA_FATIGUE_MIN_PROMPTS) ring.push(time);
  else ring[state.mfaNext] = time;
  state.mfaNext = (state.mfaNext + 1) % MFA_FATIGUE_MIN_PROMPTS;
  if (ring.length === MFA_FATIGUE_MIN_PROMPTS) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const t of ring) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
    if (hi - lo <= MFA_FATIGUE_WINDOW_MS) state.mfaBurst = true;
  }
}

function bump(map: Map<string, number>, key: string): void {
  const count = map.get(key);
  if (count !== undefined) map.set(key, count + 1);
  else if (map.size < TRIAGE_LIMITS.identities) map.set(key, 1);
}
