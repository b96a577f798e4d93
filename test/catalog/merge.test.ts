import { describe, expect, it } from 'vitest';
import { isSameText, similarity } from '../../scripts/catalog/compare-text.js';
import { readCuration } from '../../scripts/catalog/curation.js';
import { familyFor, readFamilies } from '../../scripts/catalog/families.js';
import { mergeCatalog, nameOnlyDescription } from '../../scripts/catalog/merge.js';
import type { ParsedSources } from '../../scripts/catalog/parse-sources.js';
import type { SourceId, SourceRecord } from '../../scripts/catalog/types.js';

const families = readFamilies(`
families:
  - { id: general, title: all, match: ["*"] }
  - { id: ca, title: CA, match: ["53???", "53????"], severity: error, contacts: [tenant-admin], tags: [conditional-access] }
  - { id: pkce, title: PKCE, match: ["501???", "50148"], severity: error, contacts: [app-owner], tags: [oauth] }
`);

const record = (summary: string, extra = ''): string =>
  `  summary: ${summary}\n  nextSteps: [Do one thing.]\n  zh: { summary: 摘要, nextSteps: [做一件事。] }\n${extra}`;

function sources(entries: Partial<Record<SourceId, SourceRecord[]>>): ParsedSources {
  const parsed: ParsedSources = new Map();
  for (const [id, records] of Object.entries(entries) as [SourceId, SourceRecord[]][]) {
    parsed.set(id, new Map(records.map((r) => [r.code, r])));
  }
  return parsed;
}

describe('compare-text', () => {
  it('treats edition rewordings as the same text and new causes as different', () => {
    expect(
      isSameText("Azure AD can't find the app.", 'Microsoft Entra ID cannot find the application.'),
    ).toBe(true);
    expect(
      isSameText(
        'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
        'Access has been blocked by Conditional Access policies',
      ),
    ).toBe(true);
    expect(
      isSameText(
        'This is an internal implementation detail and not an error condition.',
        'User account does not exist in tenant and cannot access the application.',
      ),
    ).toBe(false);
    expect(similarity('a b c d', 'a b c d')).toBe(1);
  });
});

describe('families', () => {
  it('picks the most specific pattern and falls back to the catch-all', () => {
    expect(familyFor(53003, families)?.id).toBe('ca');
    expect(familyFor(530032, families)?.id).toBe('ca');
    expect(familyFor(50148, families)?.id).toBe('pkce');
    expect(familyFor(12345, families)?.id).toBe('general');
  });

  it('rejects tags outside the vocabulary', () => {
    expect(() =>
      readFamilies('families:\n  - { id: x, title: x, match: ["1"], tags: [nope] }'),
    ).toThrow(/tags/);
  });
});

describe('readCuration', () => {
  it('names file, code and field for every problem', () => {
    const { problems, byCode } = readCuration([
      {
        file: 'a.yaml',
        text: `53003:\n${record('ok')}\n50000:\n  summary: x\n  severity: fatal\n  nextSteps: []\n  zh: { summary: y, nextSteps: [z] }\n`,
      },
      { file: 'b.yaml', text: `53003:\n${record('again')}` },
    ]);
    expect(byCode.has(53003)).toBe(true);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^a\.yaml code 50000 field severity:/),
        expect.stringMatching(/^a\.yaml code 50000 field nextSteps:/),
        expect.stringMatching(/^b\.yaml code 53003: also curated in a\.yaml/),
      ]),
    );
  });

  it('requires the Chinese steps to match the English ones and zh.security with security', () => {
    const { problems } = readCuration([
      {
        file: 'c.yaml',
        text: '50053:\n  summary: s\n  security: watch it\n  nextSteps: [one, two]\n  zh: { summary: s, nextSteps: [一] }\n',
      },
    ]);
    expect(problems).toEqual([
      'c.yaml code 50053 field zh.nextSteps: has 1 steps, nextSteps has 2',
      'c.yaml code 50053 field zh.security: required because security is set',
    ]);
  });
});

describe('mergeCatalog', () => {
  const parsed = sources({
    'entra-reference-current': [
      {
        code: 53003,
        name: 'BlockedByConditionalAccess',
        description: 'Access has been blocked by Conditional Access policies.',
      },
      { code: 501481, description: "The Code_Verifier doesn't match the code_challenge." },
      { code: 120000, name: 'PasswordChangeIncorrectCurrentPassword' },
    ],
    'signin-report-2019': [
      { code: 53003, description: 'Access has been blocked due to conditional access policies.' },
      {
        code: 50148,
        description: 'The code_verifier does not match the code_challenge supplied for PKCE.',
      },
    ],
    'signin-report-2019-zh': [{ code: 53003, description: '访问已被阻止。' }],
    'security-watchlist': [
      { code: 53003, description: 'Access has been blocked by Conditional Access policies' },
      { code: 50203 },
    ],
  });
  const curation = readCuration([
    {
      file: 'c.yaml',
      text: `53003:\n${record('Blocked by a policy.', '  tags: [device]\n')}501481:\n${record('PKCE mismatch.')}120000:\n${record('Wrong current password.', '  severity: warning\n  contacts: [user]\n  tags: [password]\n')}`,
    },
  ]).byCode;
  const result = mergeCatalog({ parsed, curation, families });

  it('prefers the current reference, keeps sources, merges family tags and marks official Chinese', () => {
    const entry = result.entries.get(53003);
    expect(entry?.name).toBe('BlockedByConditionalAccess');
    expect(entry?.description).toBe('Access has been blocked by Conditional Access policies.');
    expect(entry?.severity).toBe('error');
    expect(entry?.contacts).toEqual(['tenant-admin']);
    expect(entry?.tags).toEqual(['conditional-access', 'device']);
    expect(entry?.sources.map((s) => s.id)).toEqual([
      'entra-reference-current',
      'signin-report-2019',
      'signin-report-2019-zh',
      'security-watchlist',
    ]);
    expect(entry?.zh).toMatchObject({ description: '访问已被阻止。', origin: 'official' });
  });

  it('records a materially different older text as an alternate, not a rewording', () => {
    expect(result.entries.get(53003)?.alternates).toBeUndefined();
  });

  it('gives both numbers of a renumbered code an entry that points at the other', () => {
    expect(result.entries.get(50148)?.alternates).toEqual([
      {
        source: 'entra-reference-current',
        code: 501481,
        text: "The Code_Verifier doesn't match the code_challenge.",
      },
    ]);
    expect(result.entries.get(501481)?.alternates?.[0]).toMatchObject({
      source: 'signin-report-2019',
      code: 50148,
    });
    expect(result.entries.get(501481)?.zh.origin).toBe('project');
  });

  it('describes a name-only code honestly and reports codes without curation', () => {
    expect(result.entries.get(120000)?.description).toBe(
      nameOnlyDescription('PasswordChangeIncorrectCurrentPassword'),
    );
    expect(result.missing).toEqual([50203]);
    expect(result.problems).toEqual([]);
  });

  it('keeps a second text the same source gives a code as an alternate of that source', () => {
    const twice = sources({
      'entra-reference-current': [
        {
          code: 50147,
          name: 'MissingCodeChallenge',
          description: 'Invalid size of the code challenge. Contact the application owner.',
          alternates: ['The code challenge parameter has the wrong length.'],
        },
      ],
    });
    const curated = readCuration([
      {
        file: 'e.yaml',
        text: `50147:\n${record('Bad PKCE challenge.', '  severity: error\n  contacts: [app-owner]\n  tags: [oauth]\n')}`,
      },
    ]).byCode;
    const out = mergeCatalog({ parsed: twice, curation: curated, families });
    expect(out.problems).toEqual([]);
    expect(out.entries.get(50147)?.description).toBe(
      'Invalid size of the code challenge. Contact the application owner.',
    );
    expect(out.entries.get(50147)?.alternates).toEqual([
      {
        source: 'entra-reference-current',
        text: 'The code challenge parameter has the wrong length.',
      },
    ]);
  });

  it('uses a sourced curated description for a name-only code and rejects one a source shadows', () => {
    const curated = readCuration([
      {
        file: 'f.yaml',
        text: `120000:\n${record('Wrong current password.', '  severity: warning\n  contacts: [user]\n  tags: [password]\n  description: The current password entered was wrong.\n  sources: [{ id: web, url: "https://example.com/a" }]\n')}53003:\n${record('Blocked.', '  description: Shadowed text.\n')}`,
      },
    ]).byCode;
    const out = mergeCatalog({ parsed, curation: curated, families });
    expect(out.entries.get(120000)?.description).toBe('The current password entered was wrong.');
    expect(out.entries.get(120000)?.sources.map((s) => s.id)).toEqual([
      'entra-reference-current',
      'web',
    ]);
    expect(out.problems).toEqual([
      'code 53003 field description: a vendored source describes this code; remove it from f.yaml',
    ]);
  });

  it('names code and field when a default is missing', () => {
    const bare = readCuration([{ file: 'd.yaml', text: `12345:\n${record('x')}` }]).byCode;
    const out = mergeCatalog({ parsed: sources({}), curation: bare, families });
    expect(out.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^code 12345 field sources:/),
        expect.stringMatching(/^code 12345 field description:/),
        expect.stringMatching(/^code 12345 field severity:/),
        expect.stringMatching(/^code 12345 field contacts:/),
      ]),
    );
  });
});
