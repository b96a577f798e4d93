import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTriageCommand } from '../../src/cli/triage-command.js';
import { testCatalog } from './support/catalog.js';
import { writeExport } from './support/generate.js';
import { benignTrace, sprayEvents, withEvents } from './support/traces.js';

const catalog = testCatalog();
// one temp folder for the files this suite writes, removed when it ends
const folder = mkdtempSync(join(tmpdir(), 'triage-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/triage/${name}`, import.meta.url));

async function run(argv: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runTriageCommand(
    argv,
    { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, env: {}, isTTY: false },
    { catalog },
  );
  return {
    code,
    out: Buffer.concat(out).toString('utf8'),
    err: Buffer.concat(err).toString('utf8'),
  };
}

describe('aadsts triage', () => {
  it('prints the table for a file', async () => {
    const r = await run([fixture('InteractiveSignIns_2026-11-20_2026-11-21.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sign-in triage');
    expect(r.out).toMatch(/Failures\s+7/);
    expect(r.out).toContain('AADSTS53003');
    expect(r.out).not.toContain('@contoso.example');
    expect(r.out).not.toContain('198.51.100.10');
    expect(r.err).toBe('');
  });

  it('reads standard input with -', async () => {
    const text = writeExport(withEvents(benignTrace(), sprayEvents()), 'ndjson');
    const r = await run(['-'], text);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Password spray');
  });

  it('prints JSON with --json', async () => {
    const r = await run([fixture('graph-signins-page.json'), '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { totals: { rows: number }; identities?: unknown };
    expect(parsed.totals.rows).toBe(12);
    expect(parsed.identities).toBeUndefined();
  });

  it('shows identities only with --show-identities', async () => {
    const r = await run([fixture('signinlogs-log-analytics.csv'), '--show-identities']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('megan.bowen@contoso.example');
    expect(r.out).toContain('192.0.2.77');
    const json = await run([fixture('signins.ndjson'), '--json', '--show-identities']);
    expect(JSON.parse(json.out).identities.users.length).toBeGreaterThan(0);
  });

  it('prints Chinese headings with --lang zh-CN', async () => {
    const r = await run([fixture('signins.ndjson'), '--lang', 'zh-CN']);
    expect(r.out).toContain('登录分诊');
  });

  it('explains a missing file, a directory, empty input and an unknown format', async () => {
    const missing = await run(['/nonexistent/signins.csv']);
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toContain('no such file: /nonexistent/signins.csv');
    const dir = await run([tmpdir()]);
    expect(dir.code).toBe(1);
    expect(dir.err).toContain('is a directory');
    const empty = await run(['-'], '');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('empty');
    const unknown = await run(['-'], 'hello,world\n1,2\n');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Download the sign-in log as CSV or JSON');
  });

  it('says when a file has a header and no rows', async () => {
    const file = join(folder, 'header-only.csv');
    writeFileSync(file, 'Date (UTC),Username,Status,Sign-in error code\r\n');
    const r = await run([file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no sign-in rows found');
  });

  it('refuses bad usage with status 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['a.csv', 'b.csv'])).code).toBe(2);
    expect((await run(['a.csv', '--format', 'xml'])).code).toBe(2);
    const unknown = await run(['a.csv', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown option --colour');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--show-identities');
  });

  it('honours --format over sniffing', async () => {
    const r = await run(['-', '--format', 'json'], 'Status\nSuccess\n');
    expect(r.code).toBe(1);
  });
});
