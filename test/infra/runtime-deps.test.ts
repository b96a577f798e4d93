import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** package names imported at run time (type-only imports vanish when compiled) */
function runtimePackages(text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s*'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s*'([^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

describe('the production image has every package the server imports', () => {
  it('imports only dependencies (not devDependencies) from src/, since the image omits dev ones', () => {
    const offenders: string[] = [];
    let seen = 0;
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const name of runtimePackages(readFileSync(file, 'utf8'))) {
        seen++;
        if (!pkg.dependencies[name]) offenders.push(`${file.slice(root.length)} imports ${name}`);
      }
    }
    expect(seen).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('recognises multi-line, side-effect and dynamic imports and skips type-only ones', () => {
    const sample = [
      "import {\n  a,\n  b,\n} from 'multi-line';",
      "import 'side-effect';",
      "const m = await import('dynamic');",
      "import type { T } from 'types-only';",
      "import { type U, v } from '@scope/pkg/sub.js';",
      "import { x } from './local.js';",
      "import { y } from 'node:fs';",
    ].join('\n');
    expect(runtimePackages(sample).sort()).toEqual(
      ['@scope/pkg', 'dynamic', 'multi-line', 'side-effect'].sort(),
    );
  });
});
