import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

describe('infra/Dockerfile', () => {
  const dockerfile = read('infra/Dockerfile');
  // continuation lines joined, comments dropped
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = instructions
    .join('\n')
    .split(/^FROM /m)
    .slice(1);
  const runtime = stages.at(-1) ?? '';

  it('builds in several stages on a Node 22 slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-slim$/m);
    for (const stage of stages) expect(stage).toMatch(/^\$\{NODE_IMAGE\} AS /);
    expect(dockerfile).toContain('RUN npm run build');
  });

  it('installs production dependencies only with npm ci --omit=dev', () => {
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
    expect(runtime).not.toMatch(/RUN npm (ci|install)(?!.*--omit=dev)/);
  });

  it('runs as a non-root user, with a health check and node as PID 1', () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(runtime).toMatch(/^HEALTHCHECK .*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/server\/start\.js"\]$/m);
    expect(runtime).toContain('HOST=0.0.0.0');
  });

  it('copies what the app reads at run time, and those files exist', () => {
    for (const needed of ['package.json', 'catalog/catalog.json', 'cards']) {
      expect(runtime).toMatch(new RegExp(`^COPY (--chown=\\S+ )?${needed} `, 'm'));
    }
    expect(existsSync(new URL('catalog/catalog.json', root))).toBe(true);
    expect(readdirSync(new URL('cards/', root)).some((f) => f.endsWith('.json'))).toBe(true);
    expect(runtime).toMatch(/COPY --from=build .*\/app\/dist/);
  });

  it('keeps secrets and bulk out of the build context without hiding what the build copies', () => {
    const ignore = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['.env', '**/node_modules', '.git', 'contacts.yaml']) {
      expect(ignore).toContain(entry);
    }
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(?:--chown=\S+ )?(.+) \S+$/gm)].flatMap(
      (m) => m[1]!.split(/\s+/),
    );
    expect(copied.length).toBeGreaterThan(4);
    for (const path of copied) {
      const top = path.split('/')[0]!;
      expect(ignore, `${path} is copied but ignored`).not.toContain(top);
      expect(ignore, `${path} is copied but ignored`).not.toContain(path);
    }
  });
});

describe('infra/main.bicep', () => {
  const bicep = read('infra/main.bicep');
  const resources = [...bicep.matchAll(/^resource (\w+) '([^'@]+)@([^']+)'/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    version: m[3]!,
  }));
  const types = new Set(resources.map((r) => r.type));

  it('declares each required resource with a released API version', () => {
    for (const type of [
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.App/containerApps',
      'Microsoft.App/managedEnvironments',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.Cache/redisEnterprise',
      'Microsoft.KeyVault/vaults',
      'Microsoft.Insights/components',
      'Microsoft.OperationalInsights/workspaces',
    ]) {
      expect(types.has(type), type).toBe(true);
    }
    for (const r of resources) expect(r.version, `${r.type}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('authenticates the bot with the user-assigned identity and enables Teams', () => {
    expect(bicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bicep).toContain('msaAppId: identity.properties.clientId');
    expect(bicep).toContain('msaAppMSIResourceId: identity.id');
    expect(bicep).toMatch(/name: 'MsTeamsChannel'[\s\S]*?isEnabled: true/);
    expect(bicep).toMatch(/\/api\/messages'/);
  });

  it('keeps secrets out of plain parameters and the parameters file', () => {
    for (const param of ['slackSigningSecret', 'slackBotToken']) {
      expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\s*\\nparam ${param} string`));
    }
    const parameters = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, unknown>;
    };
    const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]));
    for (const name of Object.keys(parameters.parameters)) {
      expect(declared.has(name), `${name} is declared in main.bicep`).toBe(true);
      expect(name).not.toMatch(/secret|token|password/i);
    }
  });

  it('probes liveness on /healthz and readiness on /readyz', () => {
    expect(bicep).toMatch(/type: 'Liveness'\s*\n\s*httpGet: \{ path: '\/healthz'/);
    expect(bicep).toMatch(/type: 'Readiness'[\s\S]*?httpGet: \{ path: '\/readyz'/);
  });
});
