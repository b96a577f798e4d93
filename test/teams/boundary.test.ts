import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** module specifiers imported or re-exported by every .ts file in a src folder */
function importsOf(folder: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(join(SRC, folder)).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(SRC, folder, file), 'utf8');
    const specifiers = [...text.matchAll(/\bfrom '([^']{1,200})'/g)].map((m) => m[1]!);
    found.set(`${folder}/${file}`, specifiers);
  }
  return found;
}

describe('src/teams stays a thin Bot Framework adapter', () => {
  it('imports only botbuilder, node built-ins and the project core, renderers, logger, config and state', () => {
    for (const [file, specifiers] of importsOf('teams')) {
      for (const specifier of specifiers) {
        const allowed =
          specifier === 'botbuilder' ||
          specifier.startsWith('node:') ||
          specifier.startsWith('./') ||
          /^\.\.\/(core|render|log|config|state)\//.test(specifier) ||
          specifier === '../server/create-server.js' ||
          specifier === '../server/in-flight.js';
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('keeps every file under 300 lines', () => {
    for (const file of readdirSync(join(SRC, 'teams'))) {
      const lines = readFileSync(join(SRC, 'teams', file), 'utf8').split('\n').length;
      expect(lines, file).toBeLessThanOrEqual(300);
    }
  });
});

describe('src/server knows no chat platform SDK', () => {
  it('never imports botbuilder or Bolt', () => {
    for (const [file, specifiers] of importsOf('server')) {
      for (const specifier of specifiers) {
        expect(specifier, file).not.toMatch(/^(botbuilder|@slack\/)/);
      }
    }
  });
});
