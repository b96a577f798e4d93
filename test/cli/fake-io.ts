/** An in-memory CliIo for running the CLI in-process. */
import { type CliIo, runCli } from '../../src/cli/main.js';
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

/** runs the CLI in-process on a fake I/O; returns its exit status and what it wrote */
export async function run(
  argv: string[],
  options: Parameters<typeof fakeIo>[0] = {},
): Promise<{ status: number; out: string; err: string }> {
  const io = fakeIo(options);
  const status = await runCli(argv, io);
  return { status, out: io.out.join(''), err: io.err.join('') };
}

/** the start of an ANSI escape sequence */
export const ANSI = /\u001b\[/;
