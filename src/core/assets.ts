/**
 * Where the files the bot reads at run time live: `catalog/` and `cards/` at the project root.
 * The root is found by walking up from this module until a folder holds catalog/catalog.json, so
 * the same lookup works from src/ (tsx), from dist/ (tsc) and from the single-file server bundle
 * in dist/bundle/, whatever their depth.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = join('catalog', 'catalog.json');
// src/core, dist/core and dist/bundle are at most three levels below the root
const MAX_LEVELS = 4;

function findRoot(start: string): string {
  let dir = start;
  for (let level = 0; level <= MAX_LEVELS; level += 1) {
    if (existsSync(join(dir, MARKER))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // not found: keep the layout of src/core so the error names a sensible path
  return join(start, '..', '..');
}

let root: string | undefined;

/** the project root (the folder that holds catalog/ and cards/) */
export function projectRoot(): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return root;
}

/** an absolute path below the project root */
export function projectFile(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
