/** An in-memory CliIo for running the CLI in-process. */
import type { CliIo } from '../../src/cli/main.js';
import { fixtureCatalog } from '../core/helpers.js';

export interface FakeIo extends CliIo {
  out: string[];
  err: string[];
}

/** a CliIo that records output; stdin is piped with `stdin` unless stdinIsTTY is set */
export function fakeIo(options: Partial<CliIo> & { stdin?: string } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    readStdin: async () => options.stdin ?? '',
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    write: (text) => out.push(text),
    writeError: (text) => err.push(text),
    env: options.env ?? {},
    catalog: options.catalog ?? fixtureCatalog(),
    out,
    err,
  };
}

/** the start of an ANSI escape sequence */
export const ANSI = /\u001b\[/;
