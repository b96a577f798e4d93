import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './fake-io.js';

const CSV = fileURLToPath(new URL('../fixtures/cli/signins.csv', import.meta.url));

describe('aadsts triage', () => {
  it('prints a summary of a CSV export and exits 0', async () => {
    const { status, out, err } = await run(['triage', CSV]);
    expect(err).toBe('');
    expect(status).toBe(0);
    expect(out).toMatch(/^Rows\s+5$/m);
    expect(out).toMatch(/^Failures\s+4$/m);
    expect(out).toMatch(/AADSTS50126\s+2\s/);
    expect(out).toContain('AADSTS53003');
    // identities only with --show-identities
    expect(out).not.toContain('contoso.example');
    expect(out).not.toContain('203.0.113.10');
  });

  it('prints one JSON document with --json', async () => {
    const { status, out } = await run(['triage', CSV, '--json']);
    expect(status).toBe(0);
    const doc = JSON.parse(out) as {
      totals: { rows: number; failures: number };
      codes: { code: number; failures: number }[];
    };
    expect(doc.totals).toMatchObject({ rows: 5, failures: 4 });
    expect(doc.codes.find((c) => c.code === 50126)?.failures).toBe(2);
    expect(out).not.toContain('contoso.example');
  });

  it('reads standard input with -', async () => {
    const { status, out } = await run(['triage', '-', '--json'], {
      stdin: readFileSync(CSV, 'utf8'),
    });
    expect(status).toBe(0);
    expect((JSON.parse(out) as { totals: { rows: number } }).totals.rows).toBe(5);
  });

  it('reports a missing file with exit 1 and a usage error with exit 2', async () => {
    const missing = await run(['triage', `${CSV}.absent`]);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('no such file');
    const usage = await run(['triage', '--bogus']);
    expect(usage.status).toBe(2);
    expect(usage.err).toContain('unknown option --bogus');
  });

  it('is named in the main usage text in both languages', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const { status, out } = await run(['--help', '--lang', lang]);
      expect(status).toBe(0);
      expect(out).toContain('aadsts triage');
    }
  });
});

describe('aadsts triage as a process', () => {
  it('streams a piped export from standard input', () => {
    const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'triage', '-', '--json'], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      input: readFileSync(CSV, 'utf8'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).not.toContain('aadsts triage:');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { totals: { rows: number } }).totals.rows).toBe(5);
  });
});
