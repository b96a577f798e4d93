import { describe, expect, it } from 'vitest';
import { triageText } from '../../src/core/triage/index.js';
import type { PatternId, TriageSummary } from '../../src/core/triage/types.js';
import { testCatalog } from './support/catalog.js';
import { FORMATS, type SignInEvent, writeExport } from './support/generate.js';
import {
  benignTrace,
  caSpikeEvents,
  legacyEvents,
  lockoutEvents,
  mfaFatigueEvents,
  START,
  sprayEvents,
  user,
  withEvents,
} from './support/traces.js';

const catalog = testCatalog();
const ids = (s: TriageSummary) => s.patterns.map((p) => p.id);
const run = (events: SignInEvent[], format: (typeof FORMATS)[number] = 'la-csv') =>
  triageText(writeExport(events, format), { catalog });

describe('benign traces raise no alarm', () => {
  it.each(FORMATS)(
    'two ordinary days (%s): only the expected interrupts are reported',
    async (format) => {
      const summary = await run(benignTrace(), format);
      expect(summary.totals.failures).toBeGreaterThan(50);
      expect(ids(summary)).toEqual(['expected-interrupts']);
    },
  );

  it('a busy office NAT with many typing mistakes is not a spray', async () => {
    const typos: SignInEvent[] = Array.from({ length: 30 }, (_, n) => ({
      time: START + n * 60_000,
      user: user(n),
      ip: '198.51.100.10',
      app: 'Microsoft Teams',
      code: 50126,
    }));
    const summary = await run(withEvents(benignTrace(), typos));
    expect(ids(summary)).not.toContain('password-spray');
  });

  it('a steady trickle of Conditional Access blocks is not a spike', async () => {
    const trickle: SignInEvent[] = Array.from({ length: 96 }, (_, k) => ({
      time: START + k * 30 * 60_000,
      user: user(k % 40),
      ip: '198.51.100.10',
      app: 'Azure Portal',
      code: 53003,
    }));
    const summary = await run(withEvents(benignTrace(), trickle));
    expect(ids(summary)).not.toContain('conditional-access-spike');
  });

  it('MFA prompts spread over a day are not fatigue', async () => {
    const prompts: SignInEvent[] = Array.from({ length: 12 }, (_, k) => ({
      time: START + k * 2 * 3_600_000,
      user: user(5),
      ip: '198.51.100.10',
      app: 'Microsoft Teams',
      code: 500121,
    }));
    const summary = await run(withEvents(benignTrace(), prompts));
    expect(ids(summary)).not.toContain('mfa-fatigue');
  });
});

describe('attacks are flagged with evidence', () => {
  it.each(FORMATS)('password spray (%s)', async (format) => {
    const summary = await run(withEvents(benignTrace(), sprayEvents()), format);
    const spray = summary.patterns.find((p) => p.id === 'password-spray');
    expect(spray?.level).toBe('alert');
    expect(spray?.evidence).toMatchObject({ sourceIps: 3, targetedUsers: 75, wrongPasswords: 75 });
    expect(spray?.identities).toBeUndefined();
  });

  it('lockouts and brute force', async () => {
    const summary = await run(withEvents(benignTrace(), lockoutEvents()));
    const found = summary.patterns.find((p) => p.id === 'lockout-brute-force');
    expect(found?.evidence).toMatchObject({
      lockoutEvents: 17,
      lockedUsers: 6,
      usersWithManyWrongPasswords: 1,
    });
  });

  it('MFA fatigue', async () => {
    const summary = await run(withEvents(benignTrace(), mfaFatigueEvents()));
    const found = summary.patterns.find((p) => p.id === 'mfa-fatigue');
    expect(found?.evidence.usersWithPromptBursts).toBe(1);
  });

  it('MFA fatigue in an oldest-first export', async () => {
    const events = withEvents(benignTrace(), mfaFatigueEvents()).reverse();
    expect(ids(await run(events, 'graph-json'))).toContain('mfa-fatigue');
  });

  it('Conditional Access spike', async () => {
    const summary = await run(withEvents(benignTrace(), caSpikeEvents()));
    const found = summary.patterns.find((p) => p.id === 'conditional-access-spike');
    expect(found?.evidence.peakHourBlocks).toBeGreaterThanOrEqual(60);
  });

  it('legacy authentication blocked', async () => {
    const summary = await run(withEvents(benignTrace(), legacyEvents()));
    const found = summary.patterns.find((p) => p.id === 'legacy-auth-blocked');
    expect(found?.evidence).toMatchObject({ blocked: 11, clientKinds: 5 });
  });

  it('names identities in a pattern only when asked', async () => {
    const text = writeExport(withEvents(benignTrace(), sprayEvents()), 'portal-csv');
    const summary = await triageText(text, { catalog, showIdentities: true });
    const spray = summary.patterns.find((p) => p.id === 'password-spray');
    expect(spray?.identities?.ips.sort()).toEqual(['192.0.2.200', '192.0.2.201', '192.0.2.202']);
    expect(summary.identities?.ips.length).toBeGreaterThan(0);
  });

  it('lists alerts in a fixed order', async () => {
    const all = [
      sprayEvents(),
      lockoutEvents(),
      mfaFatigueEvents(),
      caSpikeEvents(),
      legacyEvents(),
    ].flat();
    const summary = await run(withEvents(benignTrace(), all));
    expect(ids(summary)).toEqual([
      'password-spray',
      'lockout-brute-force',
      'mfa-fatigue',
      'conditional-access-spike',
      'legacy-auth-blocked',
      'expected-interrupts',
    ] satisfies PatternId[]);
  });
});
