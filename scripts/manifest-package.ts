/**
 * Builds appPackage.zip for Teams: manifest.json with its ${{NAME}} placeholders filled from the
 * environment, plus the two icons. The filled manifest is checked against the schema bundled in
 * @microsoft/app-manifest (offline) before anything is written.
 *
 * Run: BOT_ID=<app id> BOT_DOMAIN=<host> npm run manifest:package [-- --out path/to/appPackage.zip]
 * Package layout: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST_DIR = join(ROOT, 'manifest', 'teams');

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)(\*\.)?([a-zA-Z0-9-]{1,63}\.)*[a-zA-Z0-9-]{1,63}(:\d{1,5})?$/;

/** a problem the person packaging can fix, naming the variable */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** the placeholder values, from the environment with defaults for the optional ones */
export function placeholderValues(env: NodeJS.ProcessEnv, version: string): Record<string, string> {
  const problems: string[] = [];
  const botId = env.BOT_ID?.trim() ?? '';
  const domain = env.BOT_DOMAIN?.trim() ?? '';
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  if (!GUID.test(botId))
    problems.push('BOT_ID: set it to the Microsoft App ID (a GUID) of your Azure Bot.');
  if (env.TEAMS_APP_ID?.trim() && !GUID.test(appId))
    problems.push('TEAMS_APP_ID: must be a GUID (leave it empty to reuse BOT_ID).');
  if (!HOST.test(domain)) {
    problems.push(
      'BOT_DOMAIN: set it to the host name of the bot endpoint, e.g. bot.example.com (no https://).',
    );
  }
  const site = env.DEVELOPER_URL?.trim() || `https://${domain}/`;
  const values: Record<string, string> = {
    APP_VERSION: version,
    TEAMS_APP_ID: appId,
    BOT_ID: botId,
    BOT_DOMAIN: domain,
    DEVELOPER_NAME: env.DEVELOPER_NAME?.trim() || 'aadsts-bot',
    DEVELOPER_URL: site,
    PRIVACY_URL: env.PRIVACY_URL?.trim() || site,
    TERMS_URL: env.TERMS_URL?.trim() || site,
  };
  for (const key of ['DEVELOPER_URL', 'PRIVACY_URL', 'TERMS_URL'] as const) {
    if (!/^https:\/\/\S+$/.test(values[key] ?? ''))
      problems.push(`${key}: must be an https:// URL.`);
  }
  if (problems.length > 0)
    throw new PackageError(`Cannot build the Teams app package:\n  ${problems.join('\n  ')}`);
  return values;
}

/** replaces every ${{NAME}} in a JSON text; values are escaped as JSON string content */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const filled = template.replace(/\$\{\{([A-Z0-9_]{1,64})\}\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0)
    throw new PackageError(`No value for placeholder(s): ${[...missing].join(', ')}`);
  return filled;
}

/** checks a manifest against the schema bundled with @microsoft/app-manifest; returns the errors */
export async function validateManifest(manifest: { manifestVersion?: unknown }): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const { AppManifestUtils } = require('@microsoft/app-manifest') as {
    AppManifestUtils: { validateAgainstSchema(m: unknown, schema: unknown): Promise<string[]> };
  };
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const version = String(manifest.manifestVersion);
  if (!/^1\.\d{1,2}$/.test(version)) return [`unsupported manifestVersion ${version}`];
  const schemaFile = join(
    packageDir,
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    'MicrosoftTeams.schema.json',
  );
  const schema: unknown = JSON.parse(readFileSync(schemaFile, 'utf8'));
  return AppManifestUtils.validateAgainstSchema(manifest, schema);
}

/** a file to put in the archive */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * Writes a ZIP archive with stored (uncompressed) entries. Teams accepts stored entries, and a
 * fixed timestamp makes the package byte-for-byte reproducible.
 * Format: PKWARE APPNOTE.TXT, sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end record).
 */
export function createZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** builds the package in memory from manifest/teams and the given environment */
export async function buildPackage(env: NodeJS.ProcessEnv): Promise<Buffer> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const values = placeholderValues(env, pkg.version);
  const manifestText = fillPlaceholders(
    readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'),
    values,
  );
  const errors = await validateManifest(JSON.parse(manifestText) as { manifestVersion?: unknown });
  if (errors.length > 0)
    throw new PackageError(`The filled manifest is invalid:\n  ${errors.join('\n  ')}`);
  return createZip([
    { name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') },
    { name: 'color.png', data: readFileSync(join(MANIFEST_DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(MANIFEST_DIR, 'outline.png')) },
  ]);
}

async function main(): Promise<void> {
  const outFlag = process.argv.indexOf('--out');
  const out = resolve(
    outFlag > 0 ? (process.argv[outFlag + 1] ?? '') : join(ROOT, 'appPackage.zip'),
  );
  try {
    writeFileSync(out, await buildPackage(process.env));
    process.stdout.write(
      `wrote ${out}: upload it in Teams (Apps > Manage your apps > Upload an app)\n`,
    );
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
