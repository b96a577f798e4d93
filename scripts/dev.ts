/**
 * `npm run dev`: the bot without credentials plus the Microsoft 365 Agents Playground, a local
 * Teams-like chat in the browser. Prints the URL to open; Ctrl-C stops both.
 *
 * Environment: PORT (bot, default 3978), PLAYGROUND_PORT (default 56150).
 * Playground CLI: https://learn.microsoft.com/microsoftteams/platform/toolkit/debug-your-agents-playground
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const STARTUP_TIMEOUT_MS = 60_000;

// The Playground CLI has no bind option and listens on every interface. This preload makes a
// listen() call without a host bind to loopback, so the unauthenticated local chat stays local.
const LOOPBACK_PRELOAD = `data:text/javascript,${encodeURIComponent(`
import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '${HOST}');
  return listen.apply(this, args);
};`)}`;

const children: ChildProcess[] = [];
let stopping = false;

/**
 * Each child runs in a process group of its own (detached), so Ctrl-C in a terminal reaches only
 * this script, which then stops each child once with SIGTERM: the bot drains as in production
 * instead of seeing two signals and forcing its exit. If this script ends any other way, it takes
 * its children with it.
 */
const CHILD_OPTIONS: SpawnOptions = {
  cwd: ROOT,
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
};
process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

/** fails with a clear message when another process already listens on the bot's port */
async function checkBotPort(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${botPort} on ${HOST} is in use by another process; stop it or set PORT`
            : `cannot listen on ${HOST}:${botPort} (${error.code ?? error.message})`,
        ),
      );
    });
    probe.listen(botPort, HOST, () => probe.close(() => resolve()));
  });
}

/** copies a child's output line by line with a prefix */
function pipeLines(child: ChildProcess, label: string, onLine?: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`[${label}] ${line}\n`);
      onLine?.(line);
    });
  }
}

function startBot(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(botPort),
    HOST,
    // no load balancer to wait for: on Ctrl-C the local bot stops at once
    DRAIN_GRACE_MS: process.env.DRAIN_GRACE_MS ?? '0',
  };
  // A local run never uses real credentials, even if the shell has them.
  for (const key of [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppType',
    'MicrosoftAppTenantId',
  ]) {
    delete env[key];
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src', 'server', 'main.ts')],
    { ...CHILD_OPTIONS, env },
  );
  pipeLines(child, 'bot');
  return child;
}

async function waitForBot(): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(`http://${HOST}:${botPort}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bot did not become ready on port ${botPort}`);
}

function startPlayground(): { child: ChildProcess; port: Promise<number> } {
  const require = createRequire(import.meta.url);
  const cli = join(
    dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
    'cli.js',
  );
  const args = [
    cli,
    'start',
    '-e',
    `http://${HOST}:${botPort}/api/messages`,
    '-c',
    'msteams',
    '-p',
    String(playgroundPort),
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, ['--import', LOOPBACK_PRELOAD, ...args], {
    ...CHILD_OPTIONS,
    // "none" stops it from opening a browser (it exits when it cannot).
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
  });
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the Playground did not start')),
      STARTUP_TIMEOUT_MS,
    );
    pipeLines(child, 'playground', (line) => {
      // It falls back to a random port when the one asked for is taken.
      const match = /^Listening on (\d{1,5})$/.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', () => reject(new Error('the Playground exited during startup')));
  });
  return { child, port };
}

async function stopAll(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  await checkBotPort();
  const bot = startBot();
  children.push(bot);
  bot.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`the bot exited (code ${code}); stopping\n`);
      void stopAll(1);
    }
  });
  await waitForBot();

  const playground = startPlayground();
  children.push(playground.child);
  playground.child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`the Playground exited (code ${code}); stopping\n`);
      void stopAll(1);
    }
  });
  const port = await playground.port;

  process.stdout.write(
    [
      '',
      `  Bot:        http://${HOST}:${botPort}/api/messages (no credentials, local only)`,
      `  Open this:  http://${HOST}:${port}`,
      '  Paste a sign-in error (or type "help" or "aadsts 53003") in the chat. Ctrl-C stops both.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run dev: ${error instanceof Error ? error.message : String(error)}\n`);
  void stopAll(1);
});
