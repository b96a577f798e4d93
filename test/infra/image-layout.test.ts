/**
 * Rebuilds the runtime stage of infra/Dockerfile without Docker: compiles src/ and bundles the server
 * the way `npm run build` does, lays out only the files the runtime stage copies (package.json,
 * dist/, catalog/catalog.json, cards/) in a temp dir, warms the compile cache as the image does, then
 * runs the container's command from there against local fakes of Teams and Slack. Catches a file the
 * app reads at run time that the image would not contain, and a package the bundle failed to take in
 * (the server runs from a copy that has no node_modules at all).
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess } from '../production/bot-process.js';
import {
  eventFrom,
  newPaste,
  sendSlack,
  sendTeams,
  slackRepliesTo,
  startFakes,
  teamsRepliesTo,
  uniqueId,
  uniqueTs,
  until,
} from '../production/platforms.js';
import { redisServerOrSkip } from '../state/redis-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const node = process.execPath;
const app = mkdtempSync(join(tmpdir(), 'aadsts-image-'));
// the same files without node_modules: what the bundle alone must be able to run
const bare = mkdtempSync(join(tmpdir(), 'aadsts-image-bare-'));
const cacheDir = join(app, 'compile-cache');

function run(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const options = { cwd, timeout: 120_000, env: { PATH: process.env.PATH ?? '', ...env } };
    execFile(node, args, options, (error, stdout) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ code, stdout });
    });
  });
}

beforeAll(async () => {
  // the same compiler settings as `npm run build`, written to the temp app instead of dist/
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const compiled = await run(
    [tsc, '-p', 'tsconfig.build.json', '--outDir', join(app, 'dist')],
    root,
  );
  const bundle = join(app, 'dist/bundle/server.mjs');
  const bundled = await run(['--import', 'tsx', 'scripts/bundle.ts', '--outfile', bundle], root);
  if (compiled.code !== 0 || bundled.code !== 0) throw new Error('the build failed');
  // what the runtime stage copies, and nothing else from the repository
  for (const dir of [app, bare]) {
    cpSync(join(root, 'package.json'), join(dir, 'package.json'));
    mkdirSync(join(dir, 'catalog'));
    cpSync(join(root, 'catalog/catalog.json'), join(dir, 'catalog/catalog.json'));
    cpSync(join(root, 'cards'), join(dir, 'cards'), { recursive: true });
  }
  cpSync(join(app, 'dist'), join(bare, 'dist'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
}, 180_000);

afterAll(() => {
  rmSync(app, { recursive: true, force: true });
  rmSync(bare, { recursive: true, force: true });
});

describe('the image layout (runtime stage of infra/Dockerfile)', () => {
  it('contains the start script, the bundle and the compiled modules', () => {
    for (const file of ['dist/server/start.js', 'dist/bundle/server.mjs', 'dist/server/run.js']) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
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

  it('warms the compile cache at build time as the runtime stage does', async () => {
    const { code, stdout } = await run(['dist/server/start.js', '--warm-compile-cache'], app, {
      NODE_COMPILE_CACHE: cacheDir,
    });
    expect(code).toBe(0);
    expect(stdout).toContain(`compile cache written to ${cacheDir}`);
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
  }, 60_000);

  it('starts from the bundle, answers Teams and Slack, and exits 0 on SIGTERM', async () => {
    // Redis too when installed (CI installs it), so the bundled client and limiter run for real
    const fakes = await startFakes(redisServerOrSkip('the bundled server with Redis'));
    const { redis, slack: fake, teams: recorder } = fakes;
    try {
      // from the copy without node_modules (the image keeps them for the CLI and the fallback)
      const bot = await startBotProcess(
        'image',
        { ...fakes.env, LOG_LEVEL: 'info', NODE_COMPILE_CACHE: cacheDir },
        { argv: [join(bare, 'dist/server/start.js')] },
      );
      try {
        expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        const ready = await fetch(`${bot.url}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ store: redis ? 'redis' : 'memory' });

        const { id, body: activity } = newPaste(recorder.url);
        expect((await sendTeams(bot, activity)).status).toBeLessThan(300);
        await until('the Teams reply', () => teamsRepliesTo(recorder, id).length > 0);
        const [reply] = teamsRepliesTo(recorder, id);
        const attachments = reply?.body.attachments as Array<{ contentType: string }> | undefined;
        expect(attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');

        const ts = uniqueTs();
        const event = eventFrom('event-message-channel.json', uniqueId('EvImg'), {
          text: 'AADSTS50126 after the password change',
          ts,
        });
        expect((await sendSlack(bot, JSON.stringify(event))).status).toBe(200);
        await until('the Slack reply', () => slackRepliesTo(fake, 'C0000HELP', ts).length > 0);
        expect(JSON.stringify(slackRepliesTo(fake, 'C0000HELP', ts))).toContain('50126');

        // the bundle loads no deprecated built-in and needs no package from node_modules: besides
        // the unauthenticated-mode banner (no app id here), nothing reaches stderr
        const stderr = bot.stderr().replace(/^!!! WARNING: MicrosoftAppId is empty.*$/m, '');
        expect(stderr.trim()).toBe('');
        expect(bot.records().find((r) => r.event === 'server.started')?.detail).toContain(
          'catalog: ',
        );
      } finally {
        expect(await bot.stop(15_000)).toBe(0);
      }
    } finally {
      await fakes.close();
    }
  }, 120_000);
});
