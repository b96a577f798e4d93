/**
 * Runs the real command (`npx tsx src/cli/main.ts`) to pin what only a process shows: exit codes,
 * stdin from a pipe, and output without colour codes when stdout is not a terminal.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANSI } from './fake-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function aadsts(args: string[], input?: string) {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    env,
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('aadsts as a process', () => {
  it('exits 0 with plain text on a pipe when a code is given', () => {
    const { status, stdout } = aadsts(['53003']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^AADSTS53003 {2}BlockedByConditionalAccess/);
    expect(stdout).not.toMatch(ANSI);
  });

  it('reads a piped paste and prints one JSON document', () => {
    const { status, stdout } = aadsts(
      ['--json'],
      'AADSTS50126: bad password\nTrace ID: 0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f\n',
    );
    expect(status).toBe(0);
    const doc = JSON.parse(stdout) as {
      codes: Array<{ code: number; known: boolean }>;
      context: object;
    };
    expect(doc.codes.map((c) => [c.code, c.known])).toEqual([[50126, true]]);
    expect(doc.context).toEqual({ traceId: '0b5c6f1e-2f4a-4f5e-9d1c-3a2b1c0d9e8f' });
  });

  it('exits 1 when nothing is found and 2 on a usage error', () => {
    expect(aadsts([], 'port 8080, HTTP 500').status).toBe(1);
    const bad = aadsts(['--nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('aadsts: unknown option --nope');
  });
});
