/**
 * Static checks of infra/main.bicep, infra/main.parameters.json and infra/README.md. No Bicep compiler
 * runs here, so these tests pin what can be checked by reading: resource types and API versions
 * against a list verified in Microsoft's template reference, parameter names, types and limits,
 * documented property ranges, the routes the template points at, and the order of the deployment
 * commands in the README.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

const bicep = read('infra/main.bicep');
const infraReadme = read('infra/README.md');

/**
 * Every resource type and API version the template may use, with where it was checked. A new type or
 * version must be looked up in the template reference and added here.
 */
const VERIFIED_TYPES: Record<string, string> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31':
    'https://learn.microsoft.com/azure/templates/microsoft.managedidentity/2023-01-31/userassignedidentities',
  'Microsoft.OperationalInsights/workspaces@2023-09-01':
    'https://learn.microsoft.com/azure/templates/microsoft.operationalinsights/2023-09-01/workspaces',
  'Microsoft.Insights/components@2020-02-02':
    'https://learn.microsoft.com/azure/templates/microsoft.insights/2020-02-02/components',
  'Microsoft.ContainerRegistry/registries@2023-07-01':
    'https://learn.microsoft.com/azure/templates/microsoft.containerregistry/2023-07-01/registries',
  'Microsoft.Authorization/roleAssignments@2022-04-01':
    'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-rest',
  'Microsoft.Cache/redisEnterprise@2025-04-01':
    'https://learn.microsoft.com/azure/templates/microsoft.cache/2025-04-01/redisenterprise',
  'Microsoft.Cache/redisEnterprise/databases@2025-04-01':
    'https://learn.microsoft.com/azure/templates/microsoft.cache/2025-04-01/redisenterprise/databases',
  'Microsoft.KeyVault/vaults@2023-07-01':
    'https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults',
  'Microsoft.KeyVault/vaults/secrets@2023-07-01':
    'https://learn.microsoft.com/azure/templates/microsoft.keyvault/2023-07-01/vaults/secrets',
  'Microsoft.App/managedEnvironments@2024-03-01':
    'https://learn.microsoft.com/azure/templates/microsoft.app/2024-03-01/managedenvironments',
  'Microsoft.App/containerApps@2024-03-01':
    'https://learn.microsoft.com/azure/templates/microsoft.app/2024-03-01/containerapps',
  'Microsoft.BotService/botServices@2022-09-15':
    'https://learn.microsoft.com/azure/templates/microsoft.botservice/2022-09-15/botservices',
  'Microsoft.BotService/botServices/channels@2022-09-15':
    'https://learn.microsoft.com/azure/templates/microsoft.botservice/2022-09-15/botservices/channels',
};

/** built-in role ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles) */
const ROLE_IDS = {
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
};

interface Param {
  name: string;
  type: string;
  hasDefault: boolean;
  allowed?: string[];
  minValue?: number;
  maxValue?: number;
  secure: boolean;
}

/** the `param` declarations with the decorators written above each */
function params(): Map<string, Param> {
  const out = new Map<string, Param>();
  let decorators: string[] = [];
  for (const line of bicep.split('\n')) {
    if (line.startsWith('@')) {
      decorators.push(line);
      continue;
    }
    const m = /^param (\w+) (\w+)( = .+)?$/.exec(line);
    if (m) {
      const allowed = decorators.find((d) => d.startsWith('@allowed('));
      const min = decorators.find((d) => d.startsWith('@minValue('));
      const max = decorators.find((d) => d.startsWith('@maxValue('));
      out.set(m[1]!, {
        name: m[1]!,
        type: m[2]!,
        hasDefault: m[3] !== undefined,
        allowed: allowed ? [...allowed.matchAll(/'([^']*)'/g)].map((a) => a[1]!) : undefined,
        minValue: min ? Number(/\((-?\d+)\)/.exec(min)?.[1]) : undefined,
        maxValue: max ? Number(/\((-?\d+)\)/.exec(max)?.[1]) : undefined,
        secure: decorators.includes('@secure()'),
      });
    }
    if (line.trim() !== '' && !line.startsWith('//')) decorators = [];
  }
  return out;
}

const outputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!));

/** the text of one resource declaration, from its `resource` line to the closing brace at column 0 */
function resourceBlock(symbol: string): string {
  const start = bicep.search(new RegExp(`^resource ${symbol} `, 'm'));
  expect(start, `resource ${symbol} in main.bicep`).toBeGreaterThan(-1);
  const end = bicep.indexOf('\n}\n', start);
  return bicep.slice(start, end + 2);
}

describe('main.bicep resource types and API versions', () => {
  const used = [...bicep.matchAll(/^resource \w+ '([^']+)'/gm)].map((m) => m[1]!);

  it('uses only type@version pairs verified in the template reference', () => {
    expect(used.length).toBeGreaterThanOrEqual(12);
    expect(used.filter((t) => !(t in VERIFIED_TYPES))).toEqual([]);
  });

  it('keeps the verified list free of entries the template no longer uses', () => {
    expect(Object.keys(VERIFIED_TYPES).filter((t) => !used.includes(t))).toEqual([]);
  });

  it('grants the built-in roles by their documented ids', () => {
    expect(bicep).toContain(`var roleAcrPull = '${ROLE_IDS.AcrPull}'`);
    expect(bicep).toContain(
      `var roleKeyVaultSecretsUser = '${ROLE_IDS['Key Vault Secrets User']}'`,
    );
  });
});

describe('main.parameters.json against the parameters of main.bicep', () => {
  const declared = params();
  const file = JSON.parse(read('infra/main.parameters.json')) as {
    $schema: string;
    parameters: Record<string, { value: unknown }>;
  };

  it('is a deployment parameters file', () => {
    expect(file.$schema).toMatch(/deploymentParameters\.json#$/);
    expect(declared.size).toBeGreaterThan(10);
  });

  it('sets only declared parameters, each with a value of the declared type and within its limits', () => {
    for (const [name, { value }] of Object.entries(file.parameters)) {
      const param = declared.get(name);
      expect(param, `${name} is declared in main.bicep`).toBeDefined();
      const jsonType = Number.isInteger(value)
        ? 'int'
        : typeof value === 'boolean'
          ? 'bool'
          : typeof value;
      expect(jsonType, `${name} has type ${param!.type}`).toBe(param!.type);
      if (param!.allowed) expect(param!.allowed, name).toContain(value);
      if (param!.minValue !== undefined)
        expect(value as number, name).toBeGreaterThanOrEqual(param!.minValue);
      if (param!.maxValue !== undefined)
        expect(value as number, name).toBeLessThanOrEqual(param!.maxValue);
      expect(param!.secure, `${name} is secure and does not belong in a committed file`).toBe(
        false,
      );
    }
  });

  it('leaves no required parameter without a value', () => {
    const required = [...declared.values()].filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((name) => !(name in file.parameters))).toEqual([]);
  });

  it('does not pin per-deployment values (the pass and the image) in the shared file', () => {
    expect(Object.keys(file.parameters)).not.toContain('deployApp');
    expect(Object.keys(file.parameters)).not.toContain('containerImage');
  });

  it('gives every default that has limits a value within them', () => {
    for (const line of bicep.matchAll(/^param (\w+) int = (\d+)$/gm)) {
      const p = declared.get(line[1]!)!;
      const value = Number(line[2]);
      if (p.minValue !== undefined) expect(value, p.name).toBeGreaterThanOrEqual(p.minValue);
      if (p.maxValue !== undefined) expect(value, p.name).toBeLessThanOrEqual(p.maxValue);
    }
  });
});

describe('main.bicep container app', () => {
  const app = resourceBlock('app');

  it('keeps every probe within the documented limits', () => {
    // https://learn.microsoft.com/javascript/api/@azure/arm-appcontainers/containerappprobe
    const probes = app.slice(app.indexOf('probes: ['), app.indexOf('volumeMounts'));
    const failure = [...probes.matchAll(/failureThreshold: (\d+)/g)].map((m) => Number(m[1]));
    const period = [...probes.matchAll(/periodSeconds: (\d+)/g)].map((m) => Number(m[1]));
    const delay = [...probes.matchAll(/initialDelaySeconds: (\d+)/g)].map((m) => Number(m[1]));
    expect(failure.length).toBe(3);
    expect(period.length).toBe(3);
    for (const n of failure) expect(n >= 1 && n <= 10, `failureThreshold ${n}`).toBe(true);
    for (const n of period) expect(n >= 1 && n <= 240, `periodSeconds ${n}`).toBe(true);
    for (const n of delay) expect(n >= 1 && n <= 60, `initialDelaySeconds ${n}`).toBe(true);
    expect(probes).toMatch(/type: 'Startup'\s*\n\s*httpGet: \{ path: '\/healthz'/);
  });

  it('listens, probes and routes on the port and paths the server uses', () => {
    const port = Number(/^var port = (\d+)$/m.exec(bicep)?.[1]);
    expect(port).toBe(loadConfig({}).port);
    expect(read('infra/Dockerfile')).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(app).toContain('targetPort: port');
    expect(app.match(/port: port \}/g)?.length).toBe(3);
    const server = read('src/server/create-server.ts');
    for (const route of ["get('/healthz'", "get('/readyz'", "post('/api/messages'"]) {
      expect(server).toContain(route);
    }
    expect(read('src/slack/names.ts')).toContain("SLACK_EVENTS_PATH = '/slack/events'");
    expect(bicep).toContain(
      `endpoint: deployApp ? 'https://\${app!.properties.configuration.ingress.fqdn}/api/messages' : ''`,
    );
    expect(bicep).toContain(`output slackEventsUrl string = 'https://\${appFqdn}/slack/events'`);
  });

  it('reads every Key Vault secret with the managed identity, after its role assignments exist', () => {
    const refs = [
      ...bicep.matchAll(
        /keyVaultUrl: '\$\{vault\.properties\.vaultUri\}secrets\/([\w-]+)'\s*\n\s*identity: (\S+)/g,
      ),
    ];
    expect(refs.map((m) => m[1])).toEqual(['slack-signing-secret', 'slack-bot-token', 'redis-url']);
    for (const m of refs) expect(m[2]).toBe('identity.id');
    for (const name of refs.map((m) => m[1])) {
      expect(bicep, `a vaults/secrets resource named ${name}`).toMatch(
        new RegExp(`parent: vault\\s*\\n\\s*name: '${name}'`),
      );
    }
    const dependsOn = /dependsOn: \[([^\]]*)\]/.exec(app)?.[1] ?? '';
    for (const dep of [
      'acrPull',
      'vaultSecretsUser',
      'slackSigningSecretKv',
      'slackBotTokenKv',
      'redisUrlKv',
    ]) {
      expect(dependsOn.split(',').map((d) => d.trim())).toContain(dep);
    }
    expect(app).toMatch(
      /registries: \[\s*\{\s*server: registry\.properties\.loginServer\s*identity: identity\.id/,
    );
  });

  it('passes Redis a TLS URL on the database port', () => {
    const dbPort = /clientProtocol: 'Encrypted'\s*\n\s*port: (\d+)/.exec(bicep)?.[1];
    expect(dbPort).toBe('10000');
    expect(bicep).toContain(
      `'rediss://:\${uriComponent(redisDb!.listKeys().primaryKey)}@\${redis!.properties.hostName}:${dbPort}'`,
    );
  });

  it('scales on HTTP concurrency and never below one replica', () => {
    expect(app).toMatch(/minReplicas: enableRedis \? minReplicas : 1/);
    expect(app).toMatch(/http: \{\s*metadata: \{ concurrentRequests: string\(httpConcurrency\) \}/);
    expect(params().get('minReplicas')?.minValue).toBe(1);
  });
});

describe('infra/README.md against main.bicep', () => {
  const declared = params();

  it('reads only outputs the template declares', () => {
    const read = [
      ...[...infraReadme.matchAll(/properties\.outputs\.(\w+)\.value/g)].map((m) => m[1]!),
      ...[...infraReadme.matchAll(/\$\(out (\w+)\)/g)].map((m) => m[1]!),
    ];
    expect(read.length).toBeGreaterThan(4);
    expect(read.filter((name) => !outputs.has(name))).toEqual([]);
    for (const name of infraReadme.matchAll(/`(\w+)` output/g)) {
      expect(outputs.has(name[1]!), `${name[1]} output`).toBe(true);
    }
  });

  it('passes only parameters the template declares', () => {
    const shell = [...infraReadme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).join('\n');
    const passed = [...shell.matchAll(/(?:^|[\s(])([a-z][A-Za-z]+)=(?=["$\w])/gm)]
      .map((m) => m[1]!)
      .filter((name) => /[A-Z]/.test(name) || declared.has(name));
    expect(passed).toEqual(expect.arrayContaining(['deployApp', 'containerImage', 'enableSlack']));
    expect(passed.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('gives the commands in a working order', () => {
    const shell = [...infraReadme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).join('\n');
    const order = [
      'az group create',
      'deployApp=false',
      'az acr build',
      'deployApp=true',
      'npm run manifest:package',
      'slack-manifest.yml',
    ].map((step) => [step, shell.indexOf(step)] as const);
    for (const [step, at] of order) expect(at, step).toBeGreaterThan(-1);
    for (let i = 1; i < order.length; i++) {
      expect(order[i]![1], `${order[i]![0]} after ${order[i - 1]![0]}`).toBeGreaterThan(
        order[i - 1]![1],
      );
    }
  });

  it('says where the logs go and that Application Insights only covers the Azure Bot', () => {
    expect(infraReadme).toContain('ContainerAppConsoleLogs_CL');
    expect(infraReadme).toMatch(/only to the Azure Bot resource/);
    expect(bicep).toContain("destination: 'log-analytics'");
    // the app itself is given no Application Insights setting
    expect(bicep).not.toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING|ConnectionString/);
  });
});
