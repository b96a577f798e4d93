import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/reply.js';
import { triageText } from '../../src/core/triage/index.js';
import type { PatternFinding, TriageSummary } from '../../src/core/triage/types.js';
import { LIMITS } from '../../src/render/slack-text.js';
import { toTriageAdaptiveCard } from '../../src/render/triage-adaptive-card.js';
import { toTriageBlockKit } from '../../src/render/triage-block-kit.js';
import { displayWidth, toTriageJson, toTriageTable } from '../../src/render/triage-table.js';
import { evidenceLine, triageWords } from '../../src/render/triage-text.js';
import { TRIAGE_CHAT_CAPS } from '../../src/render/triage-view.js';
import { schemaErrors, sdkIssues } from '../render/helpers.js';
import { testCatalog } from './support/catalog.js';
import { type SignInEvent, writeExport } from './support/generate.js';
import {
  benignTrace,
  caSpikeEvents,
  legacyEvents,
  lockoutEvents,
  mfaFatigueEvents,
  START,
  sprayEvents,
  withEvents,
} from './support/traces.js';

const catalog = testCatalog();
const attack = withEvents(benignTrace(), [
  ...sprayEvents(),
  ...lockoutEvents(),
  ...mfaFatigueEvents(),
  ...caSpikeEvents(),
  ...legacyEvents(),
]);
// identities requested on purpose: the chat renderers must ignore them anyway
const summarize = (events: SignInEvent[]) =>
  triageText(writeExport(events, 'portal-csv'), { catalog, showIdentities: true });

function identitiesOf(events: SignInEvent[]): string[] {
  return [...new Set(events.flatMap((e) => [e.user, e.ip, e.user.split('@')[0] ?? '']))];
}

function manyCodes(): SignInEvent[] {
  return Array.from({ length: 40 }, (_, k) => ({
    time: START + k * 60_000,
    user: `user${k}@contoso.example`,
    ip: `192.0.2.${k}`,
    app: `Line-of-business app ${k}`,
    code: 90_000 + k,
  }));
}

describe('chat summaries never show identities', () => {
  it.each(LOCALES)('Adaptive Card and Block Kit (%s)', async (locale) => {
    const summary = await summarize(attack);
    expect(summary.identities?.users.length).toBeGreaterThan(0);
    const outputs = [
      JSON.stringify(toTriageAdaptiveCard(summary, locale)),
      JSON.stringify(toTriageBlockKit(summary, locale)),
    ];
    for (const out of outputs) {
      for (const identity of identitiesOf(attack)) expect(out).not.toContain(identity);
      expect(out).not.toMatch(/contoso\.example|\d+\.\d+\.\d+\.\d+/);
    }
  });

  it('the terminal table lists identities only when the summary carries them', async () => {
    const withIds = toTriageTable(await summarize(attack));
    expect(withIds).toContain('192.0.2.200');
    expect(withIds).toContain('@contoso.example');
    const plain = toTriageTable(await triageText(writeExport(attack, 'la-csv'), { catalog }));
    for (const identity of identitiesOf(attack)) expect(plain).not.toContain(identity);
  });
});

describe('Adaptive Card', () => {
  it.each(LOCALES)(
    'is valid for the SDK and the 1.5 schema, with every pattern (%s)',
    async (locale) => {
      const card = toTriageAdaptiveCard(await summarize(attack), locale);
      expect(sdkIssues(card)).toEqual([]);
      expect(schemaErrors(card)).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).not.toContain('${');
      expect(json.length).toBeLessThan(80_000);
      expect(card.version).toBe('1.5');
    },
  );

  it('caps the code and application lists and says so', async () => {
    const summary = await summarize(withEvents(benignTrace(), manyCodes()));
    const card = toTriageAdaptiveCard(summary);
    const json = JSON.stringify(card);
    const codeCount = (json.match(/AADSTS\d+/g) ?? []).length;
    expect(codeCount).toBe(TRIAGE_CHAT_CAPS.codes);
    expect(json).toContain('aadsts triage FILE');
    expect(sdkIssues(card)).toEqual([]);
  });

  it('renders a summary without failures or patterns', async () => {
    const ok = benignTrace().filter((e) => e.code === 0);
    const card = toTriageAdaptiveCard(await summarize(ok));
    expect(sdkIssues(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('No failures.');
  });

  it('makes hostile application names inert', async () => {
    const placeholder = ['$', '{title}'].join('');
    const hostile = `[click](https://evil.example/x) **bold** ${placeholder} <at>boss</at>`;
    const events = benignTrace().map((e, i) => (i < 200 ? { ...e, app: hostile } : e));
    const json = JSON.stringify(toTriageAdaptiveCard(await summarize(events)));
    expect(json).not.toContain('https://evil');
    expect(json).not.toContain(placeholder);
    expect(json).not.toContain('[click]');
    expect(json).not.toContain('<at>');
  });
});

describe('Block Kit', () => {
  it.each(LOCALES)(
    'stays within Slack limits with every pattern and many codes (%s)',
    async (locale) => {
      const message = toTriageBlockKit(await summarize(withEvents(attack, manyCodes())), locale);
      expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(JSON.stringify(message).length).toBeLessThan(LIMITS.message);
      for (const block of message.blocks as { type: string; text?: { text: string } }[]) {
        if (block.type === 'section' && block.text)
          expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.text);
        if (block.type === 'header')
          expect(block.text?.text.length).toBeLessThanOrEqual(LIMITS.header);
      }
      expect(message.text.length).toBeGreaterThan(0);
    },
  );

  it('escapes hostile application names', async () => {
    const hostile = '<!channel> <https://evil.example|click> *bold* `tick`';
    const events = benignTrace().map((e, i) => (i < 200 ? { ...e, app: hostile } : e));
    const json = JSON.stringify(toTriageBlockKit(await summarize(events)));
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil');
    expect(json).toContain('&lt;!channel&gt;');
  });
});

describe('terminal and JSON output', () => {
  it('prints totals, patterns, codes and applications', async () => {
    const summary = await triageText(writeExport(attack, 'graph-json'), { catalog });
    const table = toTriageTable(summary);
    expect(table).toMatch(/Rows\s+\d/);
    expect(table).toContain('[Alert] Password spray');
    expect(table).toContain('AADSTS50126');
    expect(table).toContain('Top applications');
    expect(toTriageTable(summary, 'zh-CN')).toContain('密码喷洒');
  });

  it('names the kind of export in words and counts in the singular after 1', async () => {
    const portal = toTriageTable(await triageText(writeExport(attack, 'portal-csv'), { catalog }));
    expect(portal.split('\n')[0]).toBe('Sign-in triage \u2014 Entra admin center export (CSV)');
    const graph = toTriageTable(await triageText(writeExport(attack, 'graph-json'), { catalog }));
    expect(graph.split('\n')[0]).toBe('Sign-in triage \u2014 Microsoft Graph sign-ins (JSON)');
    const finding: PatternFinding = {
      id: 'password-spray',
      level: 'alert',
      evidence: {},
      codes: [],
    };
    const w = triageWords('en');
    expect(evidenceLine({ ...finding, evidence: { sourceIps: 1, lockedUsers: 2 } }, w)).toBe(
      '1 source IP, 2 locked users',
    );
  });

  it('lines up Chinese labels by the columns they take in a terminal', async () => {
    expect(displayWidth('行数')).toBe(4);
    expect(displayWidth('Rows')).toBe(4);
    const table = toTriageTable(
      await triageText(writeExport(attack, 'la-csv'), { catalog }),
      'zh-CN',
    );
    const facts = table.split('\n').slice(2, 5);
    // every fact's value starts in the same terminal column
    const columns = facts.map((line) => {
      const value = /\s{2}(\d)/.exec(line);
      return value === null ? -1 : displayWidth(line.slice(0, value.index + 2));
    });
    expect(new Set(columns).size).toBe(1);
    expect(columns[0]).toBeGreaterThan(0);
  });

  it('strips control characters from names in the table', async () => {
    const events = benignTrace().map((e, i) =>
      i < 300 ? { ...e, app: 'Evil\u001b[31mRed\u0007' } : e,
    );
    const table = toTriageTable(await triageText(writeExport(events, 'la-csv'), { catalog }));
    expect(table).not.toContain('\u001b');
    expect(table).not.toContain('\u0007');
  });

  it('gives machines the model plus the pattern texts', async () => {
    const summary: TriageSummary = await triageText(writeExport(attack, 'ndjson'), { catalog });
    const parsed = JSON.parse(toTriageJson(summary)) as Omit<TriageSummary, 'patterns'> & {
      patterns: { id: string; title: string; nextStep: string }[];
    };
    expect(parsed.totals).toEqual(summary.totals);
    expect(parsed.patterns[0]).toMatchObject({ id: 'password-spray', title: 'Password spray' });
    expect(parsed.patterns.every((p) => p.nextStep.length > 0)).toBe(true);
    expect(parsed.identities).toBeUndefined();
  });
});
