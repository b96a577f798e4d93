import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLATFORM =
  /from '(botbuilder[^']*|restify[^']*|@slack\/[^']*|adaptivecards[^']*|ioredis|pino)'/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('dependency direction', () => {
  it('src/core imports no platform SDK, renderer or server code', () => {
    for (const file of files(join(ROOT, 'src/core'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(PLATFORM);
      expect(text, file).not.toMatch(/from '\.\.\/(\.\.\/)*(render|teams|slack|server|cli)\//);
    }
  });

  it('the CLI and its renderer import no chat platform', () => {
    for (const file of [...files(join(ROOT, 'src/cli')), join(ROOT, 'src/render/plain-text.ts')]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(PLATFORM);
    }
  });
});
