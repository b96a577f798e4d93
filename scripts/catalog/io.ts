/**
 * Reads the build's inputs from the repository's catalog/ folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildInput } from './build.js';
import type { CurationFile } from './curation.js';
import { SOURCE_FILES, type SourceId } from './types.js';

/** loads sources, curation files (sorted by name), families and OAuth errors from `catalogDir` */
export function readBuildInput(catalogDir: string): BuildInput {
  const read = (...parts: string[]): string => readFileSync(join(catalogDir, ...parts), 'utf8');
  const sources = Object.fromEntries(
    SOURCE_FILES.map((file) => [file.id, read('sources', file.file)]),
  ) as Record<SourceId, string>;
  let names: string[] = [];
  try {
    names = readdirSync(join(catalogDir, 'curation'))
      .filter((name) => name.endsWith('.yaml'))
      .sort();
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const curation: CurationFile[] = names.map((name) => ({
    file: `catalog/curation/${name}`,
    text: read('curation', name),
  }));
  return {
    sources,
    curation,
    families: read('families.yaml'),
    oauthErrors: read('oauth-errors.yaml'),
  };
}
