import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
}

describe('Slack adapter boundaries', () => {
  it('src/slack never imports Teams, the server or botbuilder', () => {
    for (const file of sources('src/slack')) {
      for (const spec of imports(file)) {
        expect(spec, file).not.toMatch(/botbuilder|restify|\/teams\/|\/server\//);
      }
    }
  });

  it('src/slack reaches @slack/web-api only through @slack/bolt, a declared dependency', () => {
    for (const file of sources('src/slack')) {
      for (const spec of imports(file)) expect(spec, file).not.toMatch(/^@slack\/(?!bolt$)/);
    }
  });

  it('src/state imports no platform SDK', () => {
    for (const file of sources('src/state')) {
      for (const spec of imports(file)) expect(spec, file).not.toMatch(/@slack|botbuilder|restify/);
    }
  });

  it('src/slack reads no environment variables (config arrives as an argument)', () => {
    for (const file of sources('src/slack')) {
      expect(readFileSync(join(root, file), 'utf8'), file).not.toContain('process.env');
    }
  });
});
