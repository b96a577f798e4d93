import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { colorIcon, encodePng, outlineIcon } from '../../scripts/manifest-icons.js';
import {
  buildPackage,
  fillPlaceholders,
  PackageError,
  placeholderValues,
  validateManifest,
} from '../../scripts/manifest-package.js';
import { SEARCH_PARAMETER } from '../../src/teams/inbound.js';

const DIR = join(import.meta.dirname, '..', '..', 'manifest', 'teams');
const ENV = {
  BOT_ID: '0b7e3f5a-1c2d-4e6f-8a9b-0c1d2e3f4a5b',
  BOT_DOMAIN: 'aadsts-bot.example.net',
};

interface Manifest {
  manifestVersion: string;
  bots: Array<{
    botId: string;
    scopes: string[];
    supportsTargetedMessages?: boolean;
    supportsFiles?: boolean;
    commandLists: Array<{ triggers?: string[]; commands: Array<{ title: string }> }>;
  }>;
  composeExtensions: Array<{
    commands: Array<{
      id: string;
      type: string;
      context?: string[];
      fetchTask?: boolean;
      parameters: Array<{ name: string }>;
    }>;
  }>;
  authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } };
  validDomains: string[];
}

function filledManifest(): Manifest {
  const template = readFileSync(join(DIR, 'manifest.json'), 'utf8');
  return JSON.parse(fillPlaceholders(template, placeholderValues(ENV, '1.2.3'))) as Manifest;
}

describe('Teams manifest', () => {
  it('validates offline against the bundled schema of its version', async () => {
    const manifest = filledManifest();
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('is rejected by the validator when a required field goes missing', async () => {
    const broken: Partial<Manifest> & { manifestVersion: string } = { ...filledManifest() };
    delete (broken as { icons?: unknown }).icons;
    expect((await validateManifest(broken)).length).toBeGreaterThan(0);
  });

  it('offers the bot commands by @mention and as slash commands', () => {
    const bot = filledManifest().bots[0]!;
    expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
    expect(bot.supportsTargetedMessages).toBe(true);
    const list = bot.commandLists[0]!;
    expect(list.triggers).toEqual(expect.arrayContaining(['mention', 'slash']));
    expect(list.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['aadsts', 'help', 'stats']),
    );
  });

  it('accepts files in personal chats, so an exported sign-in log can be sent for triage', () => {
    expect(filledManifest().bots[0]!.supportsFiles).toBe(true);
  });

  it('declares the search and message-action extensions the bot answers', () => {
    const commands = filledManifest().composeExtensions[0]!.commands;
    const lookup = commands.find((c) => c.id === 'lookup');
    expect(lookup?.type).toBe('query');
    expect(lookup?.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
    const explain = commands.find((c) => c.id === 'explain');
    expect(explain?.type).toBe('action');
    expect(explain?.context).toEqual(['message']);
    expect(explain?.fetchTask).toBe(false);
    // its one static field is optional and read under the same name
    expect(explain?.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
  });

  it('asks for the RSC permission that lets the bot see unmentioned channel messages', () => {
    const rsc = filledManifest().authorization.permissions.resourceSpecific;
    expect(rsc).toContainEqual({ name: 'ChannelMessage.Read.Group', type: 'Application' });
    expect(filledManifest().validDomains).toEqual([ENV.BOT_DOMAIN]);
  });
});

/** decodes an 8-bit RGBA PNG written without filters (what the icon script writes) */
function decodePng(file: Buffer): {
  width: number;
  height: number;
  colourType: number;
  rgba: Buffer;
} {
  expect(file.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length)).toBe(
      crc32(file.subarray(offset + 4, offset + 8 + length)),
    );
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colourType, rgba };
}

describe('Teams icons', () => {
  it('colour icon is a 192×192 opaque PNG', () => {
    const png = decodePng(readFileSync(join(DIR, 'color.png')));
    expect([png.width, png.height, png.colourType]).toEqual([192, 192, 6]);
    for (let i = 3; i < png.rgba.length; i += 4) expect(png.rgba[i]).toBe(255);
  });

  it('outline icon is 32×32, white on a transparent background', () => {
    const png = decodePng(readFileSync(join(DIR, 'outline.png')));
    expect([png.width, png.height, png.colourType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const alpha = png.rgba[i + 3]!;
      if (alpha === 0) transparent += 1;
      else expect([png.rgba[i], png.rgba[i + 1], png.rgba[i + 2]]).toEqual([255, 255, 255]);
      if (alpha === 255) opaque += 1;
    }
    expect(png.rgba[3]).toBe(0); // the corner is background
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(opaque).toBeGreaterThan(50);
  });

  it('committed icons are what the script draws', () => {
    expect(readFileSync(join(DIR, 'color.png'))).toEqual(encodePng(colorIcon()));
    expect(readFileSync(join(DIR, 'outline.png'))).toEqual(encodePng(outlineIcon()));
  });
});

/** reads the stored entries of a ZIP archive through its central directory */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

/** builds a ${{NAME}} placeholder without writing template-like string literals */
const placeholder = (name: string): string => `$${'{{'}${name}}}`;

describe('npm run manifest:package', () => {
  it('zips the filled manifest and both icons at the archive root', async () => {
    const files = readZip(await buildPackage(ENV));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest & {
      id: string;
    };
    expect(manifest.bots[0]!.botId).toBe(ENV.BOT_ID);
    expect(manifest.id).toBe(ENV.BOT_ID);
    expect(JSON.stringify(manifest)).not.toContain(placeholder('').slice(0, 3));
    expect(files.get('color.png')).toEqual(readFileSync(join(DIR, 'color.png')));
  });

  it('is reproducible byte for byte', async () => {
    expect(await buildPackage(ENV)).toEqual(await buildPackage(ENV));
  });

  it('names the variables to set when the bot id or domain is missing', async () => {
    await expect(buildPackage({})).rejects.toThrow(PackageError);
    await expect(buildPackage({ BOT_DOMAIN: ENV.BOT_DOMAIN })).rejects.toThrow(/BOT_ID/);
    await expect(
      buildPackage({ BOT_ID: ENV.BOT_ID, BOT_DOMAIN: 'https://x.example' }),
    ).rejects.toThrow(/BOT_DOMAIN/);
  });

  it('escapes placeholder values as JSON string content', () => {
    const filled = fillPlaceholders(`{"n":"${placeholder('DEVELOPER_NAME')}"}`, {
      DEVELOPER_NAME: 'A "quoted" \\ name',
    });
    expect(JSON.parse(filled)).toEqual({ n: 'A "quoted" \\ name' });
    expect(() => fillPlaceholders(`"${placeholder('NOPE')}"`, {})).toThrow(/NOPE/);
  });
});
