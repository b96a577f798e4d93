import { describe, expect, it } from 'vitest';
import { readBuildInput } from '../../scripts/catalog/io.js';
import { parseEntraReference } from '../../scripts/catalog/parse-entra-reference.js';
import { parseFlattenedReference } from '../../scripts/catalog/parse-flattened-reference.js';
import { parseSigninReport } from '../../scripts/catalog/parse-signin-report.js';
import { mergeRepeatedRow, parseSources } from '../../scripts/catalog/parse-sources.js';
import { parseTroubleshoot } from '../../scripts/catalog/parse-troubleshoot.js';
import { parseWatchlist } from '../../scripts/catalog/parse-watchlist.js';
import { splitName } from '../../scripts/catalog/split-name.js';
import { SOURCE_FILES } from '../../scripts/catalog/types.js';
import { CATALOG_DIR, readSource, scanCodes } from './source-scan.js';

describe('splitName', () => {
  it('splits a symbolic name off the text', () => {
    expect(splitName('BlockedByConditionalAccess - Access has been blocked.')).toEqual({
      name: 'BlockedByConditionalAccess',
      description: 'Access has been blocked.',
    });
    expect(splitName('UserStrongAuthExpired- Presented MFA has expired.')).toEqual({
      name: 'UserStrongAuthExpired',
      description: 'Presented MFA has expired.',
    });
    expect(splitName('GraphServiceUnreachable')).toEqual({ name: 'GraphServiceUnreachable' });
    expect(splitName('Invalid Request - RawCredentialExpectedNotFound - No Credential.')).toEqual({
      name: 'RawCredentialExpectedNotFound',
      description: 'No Credential.',
    });
  });

  it('leaves plain sentences alone', () => {
    for (const text of [
      'Invalid URI - domain name contains invalid characters.',
      'Session mismatch - Session is invalid.',
      'User blocked due to risk on home tenant.',
    ]) {
      expect(splitName(text)).toEqual({ description: text });
    }
  });
});

describe('parseEntraReference', () => {
  const table = [
    '| Error | Description |',
    '|---|---|',
    '| AADSTS50003 | MissingSigningKey - See the article for error [AADSTS50003](/troubleshoot/x). Contact the app owner. |',
    '| AADSTS500208 | The domain is not a valid login domain - text without a closing pipe',
    "| AADSTS901002 | AADSTS901002: The 'resource' request parameter isn't supported. |",
    '| AADSTS90091 | GraphServiceUnreachable |',
  ].join('\n');

  it('reads names, texts, rows without a closing pipe and self-quoting rows', () => {
    expect(parseEntraReference(table)).toEqual([
      {
        code: 50003,
        name: 'MissingSigningKey',
        description: 'See the article for error AADSTS50003. Contact the app owner.',
      },
      {
        code: 500208,
        description: 'The domain is not a valid login domain - text without a closing pipe',
      },
      { code: 901002, description: "The 'resource' request parameter isn't supported." },
      { code: 90091, name: 'GraphServiceUnreachable' },
    ]);
  });
});

describe('mergeRepeatedRow', () => {
  it('keeps the first text, takes a missing name from the later row and keeps its text as an alternate', () => {
    expect(
      mergeRepeatedRow(
        'entra-reference-current',
        { code: 50147, description: 'Invalid size. Contact the application owner.' },
        { code: 50147, name: 'MissingCodeChallenge', description: 'The size is not valid.' },
      ),
    ).toEqual({
      code: 50147,
      name: 'MissingCodeChallenge',
      description: 'Invalid size. Contact the application owner.',
      alternates: ['The size is not valid.'],
    });
  });

  it('drops an identical repeated text and fills a missing description', () => {
    expect(
      mergeRepeatedRow(
        'entra-reference-current',
        { code: 90091, name: 'GraphServiceUnreachable' },
        { code: 90091, description: 'Graph is unreachable.' },
      ),
    ).toEqual({
      code: 90091,
      name: 'GraphServiceUnreachable',
      description: 'Graph is unreachable.',
    });
    expect(
      mergeRepeatedRow(
        'entra-reference-current',
        { code: 50001, description: 'Same text.' },
        { code: 50001, description: 'Same text.' },
      ),
    ).toEqual({ code: 50001, description: 'Same text.' });
  });

  it('refuses two different names for one code', () => {
    expect(() =>
      mergeRepeatedRow(
        'entra-reference-current',
        { code: 50147, name: 'MissingCodeChallenge' },
        { code: 50147, name: 'InvalidCodeChallenge' },
      ),
    ).toThrow(/50147 is listed twice with different names/);
  });
});

describe('parseFlattenedReference', () => {
  const page = [
    'Sample: "AADSTS70011: The provided value" appears before the list and is ignored.',
    'AADSTS error codes',
    '',
    "Error Description AADSTS500021 Access to '{tenant}' tenant is denied. AADSTS500021 indicates that the tenant restriction feature is configured. AADSTS50003 MissingSigningKey - To learn more, see the troubleshooting article for error AADSTS50003 . If you still see issues, contact the app owner. AADSTS65005 MisconfiguredApplication - see the troubleshooting article for error AADSTS650056 . AADSTS650052 The app needs access to a service. AADSTS90100 InvalidRequestParameter - The parameter is empty or not valid. AADSTS901002 AADSTS901002: The 'resource' request parameter isn't supported. AADSTS50012 AuthenticationFailed - Authentication failed for one of the following reasons:",
    "  • The subject name isn't authorized",
    "  • The certificate chain isn't valid",
    'AADSTS50043 UnableToGeneratePairwiseIdentifierWithMultipleSalts AADSTS50048 SubjectMismatchesIssuer - Subject mismatches Issuer claim. Contact the tenant admin.',
    '',
    'Next steps',
    '',
    '  • Have a question? AADSTS99999 is not a code.',
  ].join('\n');
  const records = parseFlattenedReference(page);

  it('splits entries only at tokens that start an entry', () => {
    expect(records.map((record) => record.code)).toEqual([
      500021, 50003, 65005, 650052, 90100, 901002, 50012, 50043, 50048,
    ]);
  });

  it('keeps mentions of other codes and of its own code inside the description', () => {
    expect(records[0]?.description).toContain('AADSTS500021 indicates');
    expect(records[1]?.description).toBe(
      'To learn more, see the troubleshooting article for error AADSTS50003. If you still see issues, contact the app owner.',
    );
    expect(records[2]?.description).toBe('see the troubleshooting article for error AADSTS650056.');
    expect(records[5]).toEqual({
      code: 901002,
      description: "The 'resource' request parameter isn't supported.",
    });
  });

  it('flattens bullets and reads name-only entries', () => {
    expect(records[6]?.description).toBe(
      "Authentication failed for one of the following reasons: The subject name isn't authorized; The certificate chain isn't valid.",
    );
    expect(records[7]).toEqual({
      code: 50043,
      name: 'UnableToGeneratePairwiseIdentifierWithMultipleSalts',
    });
  });

  it('fails loudly when the heading is missing', () => {
    expect(() => parseFlattenedReference('no list here')).toThrow(/AADSTS error codes/);
  });
});

describe('parseSigninReport', () => {
  it('reads English and Chinese rows and ignores other lines', () => {
    const text =
      '|Error|Description|\n|---|---|\n|16000|Ignore this.|\n|50000|[Open a support ticket](../x.md) now.|\n| 20001 | 联合标识提供者出现问题。 请联系 IDP。|\nplain 50001 text';
    expect(parseSigninReport(text)).toEqual([
      { code: 16000, description: 'Ignore this.' },
      { code: 50000, description: 'Open a support ticket now.' },
      { code: 20001, description: '联合标识提供者出现问题。请联系 IDP。' },
    ]);
  });
});

describe('parseWatchlist', () => {
  it('reads table rows, including an empty note', () => {
    const html =
      'All codes&#x20;\n{% embed url="https://x" %}\n<table><tbody><tr><td>500121</td><td>repeated MFA prompts<br>may be fatigue</td></tr><tr><td>500113</td><td></td></tr></tbody></table>';
    expect(parseWatchlist(html)).toEqual([
      { code: 500121, description: 'repeated MFA prompts may be fatigue' },
      { code: 500113 },
    ]);
  });
});

describe('parseTroubleshoot', () => {
  it('joins a code line with its sub-bullets', () => {
    const text =
      '- **90025**: An internal service hit its retry allowance.\n    - It usually resolves itself\n    - If it persists, sign in again.\n\nOther text';
    expect(parseTroubleshoot(text)).toEqual([
      {
        code: 90025,
        description:
          'An internal service hit its retry allowance. It usually resolves itself. If it persists, sign in again.',
      },
    ]);
  });
});

describe('parsers on the vendored files', () => {
  const parsed = parseSources(readBuildInput(CATALOG_DIR).sources);

  it('find exactly the codes the independent scan finds', () => {
    for (const file of SOURCE_FILES) {
      const found = [...(parsed.get(file.id)?.keys() ?? [])].sort((a, b) => a - b);
      const scanned = [...scanCodes(readSource(file.file))].sort((a, b) => a - b);
      expect(found, file.id).toEqual(scanned);
    }
  });

  it('read the expected number of codes per source', () => {
    const counts = Object.fromEntries([...parsed].map(([id, byCode]) => [id, byCode.size]));
    expect(counts).toEqual({
      'entra-reference-current': 345,
      'aadsts-reference-2023': 294,
      'signin-report-2019': 131,
      'signin-report-2019-zh': 133,
      'security-watchlist': 29,
      'troubleshoot-signin-2023': 3,
    });
  });

  it('merge the current reference listing 50147 twice into one record', () => {
    expect(parsed.get('entra-reference-current')?.get(50147)).toEqual({
      code: 50147,
      name: 'MissingCodeChallenge',
      description:
        'Invalid size of the code challenge parameter. Contact the application owner to correct their use of the PKCE parameters.',
      alternates: ["The size of the code challenge parameter isn't valid."],
    });
  });

  it('leave no markup in any text', () => {
    for (const [id, byCode] of parsed) {
      for (const record of byCode.values()) {
        expect(
          `${record.name ?? ''} ${record.description ?? ''} ${(record.alternates ?? []).join(' ')}`,
          `${id} ${record.code}`,
        ).not.toMatch(/<\/?(?:br|ul|li|td|tr)\b|\]\(|•|\*\*|&#x?\d|&amp;|\{%/i);
      }
    }
  });
});
