/**
 * Rebuilds the runtime stage of infra/Dockerfile without Docker: compiles src/ the way `npm run build`
 * does, lays out only the files the runtime stage copies (package.json, dist/, catalog/catalog.json,
 * cards/) in a temp dir, then runs the server from there. Catches a file the app reads at run time
 * that the image would not contain.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = process.execPath;
const app = mkdtempSync(join(tmpdir(), 'aadsts-image-'));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(node, args, { cwd, timeout: 120_000 }, (error, stdout) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ code, stdout });
    });
  });
}

beforeAll(async () => {
  // the same compiler settings as `npm run build`, written to the temp app instead of dist/
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  await run([tsc, '-p', 'tsconfig.build.json', '--outDir', join(app, 'dist')], root);
  // what the runtime stage copies, and nothing else from the repository
  cpSync(join(root, 'package.json'), join(app, 'package.json'));
  mkdirSync(join(app, 'catalog'));
  cpSync(join(root, 'catalog/catalog.json'), join(app, 'catalog/catalog.json'));
  cpSync(join(root, 'cards'), join(app, 'cards'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
}, 180_000);

afterAll(() => {
  rmSync(app, { recursive: true, force: true });
});

describe('the image layout (runtime stage of infra/Dockerfile)', () => {
  it('contains the compiled server', () => {
    expect(existsSync(join(app, 'dist/server/main.js'))).toBe(true);
  });

  it('finds the catalog and the card templates from dist/', async () => {
    const script = [
      "const { loadCatalog } = await import('./dist/core/catalog/load.js');",
      "const { handleMessage } = await import('./dist/core/handle.js');",
      "const { toAdaptiveCard } = await import('./dist/render/adaptive-card.js');",
      'const catalog = loadCatalog();',
      "const reply = handleMessage({ text: 'AADSTS50126', surface: 'direct' }, { catalog });",
      'const card = toAdaptiveCard(reply);',
      'console.log(JSON.stringify({ size: catalog.size, kind: reply.kind, type: card.type }));',
    ].join('\n');
    const { code, stdout } = await run(['--input-type=module', '-e', script], app);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { size: number; kind: string; type: string };
    expect(result.size).toBeGreaterThan(100);
    expect(result.kind).not.toBe('none');
    expect(result.type).toBe('AdaptiveCard');
  }, 60_000);

  it('starts the server, answers /healthz and /readyz, and exits on SIGTERM', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(node, ['dist/server/main.js'], {
      cwd: app,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      let health: Response | undefined;
      for (let i = 0; i < 200 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 50));
      }
      expect(health?.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000)),
    ]);
    if (code === 'timeout') child.kill('SIGKILL');
    expect(code).toBe(0);
  }, 60_000);
});
