/**
 * Pattern checks over the aggregated counters. Each returns a finding with its evidence as counts,
 * or nothing; thresholds live in constants.ts with the reasoning behind them.
 */
import type { TriageAggregator } from './aggregate.js';
import {
  BRUTE_FORCE_MIN_WRONG_PASSWORDS,
  CA_BLOCK_CODE,
  CA_SPIKE_FACTOR,
  CA_SPIKE_MIN_HOURS,
  CA_SPIKE_MIN_PER_HOUR,
  CA_SPIKE_MIN_SHARE,
  LEGACY_BLOCK_CODES,
  LEGACY_MIN_FAILURES,
  LOCKOUT_CODE,
  LOCKOUT_MIN_EVENTS,
  LOCKOUT_MIN_USERS,
  MFA_FATIGUE_CODES,
  SPRAY_CODE,
  SPRAY_MAX_SUCCESS_SHARE,
  SPRAY_MIN_USERS_PER_IP,
} from './constants.js';
import type { PatternFinding } from './types.js';

const HOUR_MS = 3_600_000;
const MAX_LISTED = 20;

function withIdentities(
  finding: PatternFinding,
  keep: boolean,
  users: (string | undefined)[],
  ips: (string | undefined)[],
): PatternFinding {
  if (!keep) return finding;
  const clean = (list: (string | undefined)[]) =>
    list.filter((v): v is string => v !== undefined).slice(0, MAX_LISTED);
  return { ...finding, identities: { users: clean(users), ips: clean(ips) } };
}

/** many accounts with wrong passwords from few addresses that rarely succeed */
export function detectPasswordSpray(agg: TriageAggregator): PatternFinding | undefined {
  const sprayIps = [...agg.ipStates.values()].filter(
    (ip) =>
      ip.users.size >= SPRAY_MIN_USERS_PER_IP &&
      ip.successes <= ip.wrongPasswords * SPRAY_MAX_SUCCESS_SHARE,
  );
  if (sprayIps.length === 0) return undefined;
  const targeted = new Set<number>();
  let failures = 0;
  for (const ip of sprayIps) {
    failures += ip.wrongPasswords;
    for (const user of ip.users) targeted.add(user);
  }
  const finding: PatternFinding = {
    id: 'password-spray',
    level: 'alert',
    codes: [SPRAY_CODE],
    evidence: {
      sourceIps: sprayIps.length,
      targetedUsers: targeted.size,
      wrongPasswords: failures,
      allWrongPasswords: agg.codes.get(SPRAY_CODE)?.failures ?? 0,
    },
  };
  return withIdentities(
    finding,
    agg.keepIdentities,
    [],
    sprayIps.map((ip) => ip.name),
  );
}

/** Smart Lockout at work, or one account hammered with wrong passwords */
export function detectLockouts(agg: TriageAggregator): PatternFinding | undefined {
  const states = [...agg.userStates.values()];
  const locked = states.filter((u) => u.lockouts > 0);
  const hammered = states.filter((u) => u.wrongPasswords >= BRUTE_FORCE_MIN_WRONG_PASSWORDS);
  const events = agg.codes.get(LOCKOUT_CODE)?.failures ?? 0;
  const lockedUsers = Math.max(
    locked.length,
    agg.codes.get(LOCKOUT_CODE)?.users.result().count ?? 0,
  );
  if (lockedUsers < LOCKOUT_MIN_USERS && events < LOCKOUT_MIN_EVENTS && hammered.length === 0) {
    return undefined;
  }
  const finding: PatternFinding = {
    id: 'lockout-brute-force',
    level: 'alert',
    codes: [LOCKOUT_CODE, SPRAY_CODE],
    evidence: { lockoutEvents: events, lockedUsers, usersWithManyWrongPasswords: hammered.length },
  };
  return withIdentities(
    finding,
    agg.keepIdentities,
    [...locked, ...hammered].map((u) => u.name),
    [],
  );
}

/** repeated MFA prompts failing for one user within minutes */
export function detectMfaFatigue(agg: TriageAggregator): PatternFinding | undefined {
  const burst = [...agg.userStates.values()].filter((u) => u.mfaBurst);
  if (burst.length === 0) return undefined;
  let prompts = 0;
  for (const code of MFA_FATIGUE_CODES) prompts += agg.codes.get(code)?.failures ?? 0;
  const finding: PatternFinding = {
    id: 'mfa-fatigue',
    level: 'alert',
    codes: [...MFA_FATIGUE_CODES],
    evidence: { usersWithPromptBursts: burst.length, mfaFailures: prompts },
  };
  return withIdentities(
    finding,
    agg.keepIdentities,
    burst.map((u) => u.name),
    [],
  );
}

/** far more Conditional Access blocks than usual in one hour, or blocks dominating a short file */
export function detectCaSpike(agg: TriageAggregator): PatternFinding | undefined {
  const blocks = agg.caBlocks;
  if (blocks < CA_SPIKE_MIN_PER_HOUR) return undefined;
  let peak = 0;
  for (const count of agg.caHours.values()) if (count > peak) peak = count;
  const span = Number.isFinite(agg.first) ? (agg.last - agg.first) / HOUR_MS : 0;
  const hours = Math.max(1, Math.ceil(span));
  const usual = blocks / hours;
  const spike =
    span >= CA_SPIKE_MIN_HOURS && peak >= CA_SPIKE_MIN_PER_HOUR && peak >= CA_SPIKE_FACTOR * usual;
  const dominant = span < CA_SPIKE_MIN_HOURS && blocks >= CA_SPIKE_MIN_SHARE * agg.rows;
  if (!spike && !dominant) return undefined;
  return {
    id: 'conditional-access-spike',
    level: 'notice',
    codes: [CA_BLOCK_CODE],
    evidence: {
      blocks,
      peakHourBlocks: peak,
      averagePerHour: Math.round(usual * 10) / 10,
      users: agg.codes.get(CA_BLOCK_CODE)?.users.result().count ?? 0,
    },
  };
}

/** legacy protocols (IMAP, POP, SMTP AUTH, ActiveSync, other clients) failing or being blocked */
export function detectLegacyAuth(agg: TriageAggregator): PatternFinding | undefined {
  const { blocked, otherFailures, successes, clients } = agg.legacy;
  if (blocked + otherFailures < LEGACY_MIN_FAILURES) return undefined;
  return {
    id: 'legacy-auth-blocked',
    level: 'notice',
    codes: [...LEGACY_BLOCK_CODES],
    evidence: { blocked, otherFailures, successes, clientKinds: clients.size },
  };
}

/** failures that are normal steps of a sign-in */
export function detectInterrupts(
  agg: TriageAggregator,
  interruptCodes: ReadonlySet<number>,
): PatternFinding | undefined {
  let rows = 0;
  const codes: number[] = [];
  for (const [code, state] of agg.codes) {
    if (!interruptCodes.has(code)) continue;
    rows += state.failures;
    codes.push(code);
  }
  if (rows === 0) return undefined;
  codes.sort((a, b) => a - b);
  return {
    id: 'expected-interrupts',
    level: 'ignore',
    codes,
    evidence: {
      rows,
      percentOfFailures: agg.failures === 0 ? 0 : Math.round((rows / agg.failures) * 1000) / 10,
    },
  };
}

/** every pattern found, alerts first */
export function detectPatterns(
  agg: TriageAggregator,
  interruptCodes: ReadonlySet<number>,
): PatternFinding[] {
  const found = [
    detectPasswordSpray(agg),
    detectLockouts(agg),
    detectMfaFatigue(agg),
    detectCaSpike(agg),
    detectLegacyAuth(agg),
    detectInterrupts(agg, interruptCodes),
  ];
  return found.filter((f): f is PatternFinding => f !== undefined);
}
