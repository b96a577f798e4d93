import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../../src/config/env.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const bicep = read('infra/main.bicep');
const envExample = read('.env.example');

/** the container's environment as written in main.bicep between the two marker comments */
function bicepSettings(): Map<string, { value?: string; secretRef?: string }> {
  const start = bicep.indexOf('// app settings: begin');
  const end = bicep.indexOf('// app settings: end');
  expect(start, 'marker "// app settings: begin" in main.bicep').toBeGreaterThan(-1);
  expect(end, 'marker "// app settings: end" in main.bicep').toBeGreaterThan(start);
  const block = bicep.slice(start, end);
  const settings = new Map<string, { value?: string; secretRef?: string }>();
  for (const m of block.matchAll(
    /\{\s*name:\s*'([^']+)',?\s*(value|secretRef):\s*([^}\n]+?)\s*\}/g,
  )) {
    const [, name, kind, raw] = m;
    const literal = /^'([^'$]*)'$/.exec(raw ?? '')?.[1];
    settings.set(
      name!,
      kind === 'value' ? { value: literal } : { secretRef: raw!.replace(/'/g, '') },
    );
  }
  // every entry was understood (a new shape of entry must not slip past the checks)
  expect(settings.size).toBe(block.match(/name:\s*'/g)?.length ?? 0);
  return settings;
}

/** variables of .env.example: set or commented out, with the comment lines above each */
function documented(): Map<string, { comment: string; line: string }> {
  const out = new Map<string, { comment: string; line: string }>();
  let comment: string[] = [];
  for (const line of envExample.split('\n')) {
    const assignment = /^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (assignment) {
      out.set(assignment[1]!, { comment: comment.join('\n'), line });
      comment = [];
    } else if (line.startsWith('#')) {
      comment.push(line);
    } else {
      comment = [];
    }
  }
  return out;
}

describe('configuration coverage: src/config/env.ts, .env.example and infra/main.bicep', () => {
  const settings = bicepSettings();
  const docs = documented();
  const read = new Set<string>(ENV_VARIABLES);

  it('exports the list of variables it reads', () => {
    expect(ENV_VARIABLES.length).toBeGreaterThan(10);
    for (const name of ['REDIS_URL', 'CONTACTS_FILE', 'MicrosoftAppId', 'SLACK_BOT_TOKEN']) {
      expect(read.has(name), name).toBe(true);
    }
  });

  it('documents every variable the config reads in .env.example, and nothing else', () => {
    expect([...read].filter((name) => !docs.has(name))).toEqual([]);
    expect([...docs.keys()].filter((name) => !read.has(name))).toEqual([]);
    for (const [name, { comment }] of docs) {
      expect(comment, `${name} has an explanation naming it`).toContain(name);
    }
  });

  it('sets every variable in the Bicep app settings unless .env.example marks it optional', () => {
    const missing = [...read].filter(
      (name) => !settings.has(name) && !/\(optional/.test(docs.get(name)?.comment ?? ''),
    );
    expect(missing).toEqual([]);
  });

  it('sets nothing in the Bicep app settings that the config does not read', () => {
    expect(settings.size).toBeGreaterThan(5);
    expect([...settings.keys()].filter((name) => !read.has(name))).toEqual([]);
  });

  it('passes secrets as Key Vault-backed secret references, never as values', () => {
    for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'REDIS_URL']) {
      expect(settings.get(name)?.secretRef, name).toBeTruthy();
      const ref = settings.get(name)!.secretRef!;
      expect(bicep).toMatch(
        new RegExp(
          `name: '${ref}'\\s*\\n\\s*keyVaultUrl: '\\$\\{vault\\.properties\\.vaultUri\\}secrets/${ref}'`,
        ),
      );
    }
    expect(settings.has('MicrosoftAppPassword')).toBe(false);
  });

  it('has literal production settings that the config accepts', () => {
    const env: Record<string, string> = {
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
      REDIS_URL: 'rediss://:key@example.redis.azure.net:10000',
      CONTACTS_FILE: '/app/config/contacts.yaml',
    };
    for (const [name, { value }] of settings) if (value !== undefined) env[name] = value;
    expect(env.NODE_ENV).toBe('production');
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.MicrosoftAppType).toBe('UserAssignedMSI');
    const config = loadConfig(env);
    expect(config.nodeEnv).toBe('production');
    expect(config.teams.appType).toBe('UserAssignedMSI');
  });

  it('ships an .env.example that loads as is', () => {
    const config = loadConfig(parseEnv(envExample) as NodeJS.ProcessEnv);
    expect(config.port).toBe(3978);
    expect(config.slack).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });
});
