/**
 * The aadsts command: explains AADSTS codes given as arguments or found in text on stdin.
 * Exit status: 0 when a code was found, 1 when none was, 2 on a usage error.
 */
import { realpathSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type Catalog, loadCatalog } from '../core/catalog/load.js';
import { format, messages } from '../core/i18n/messages.js';
import type { Locale } from '../core/reply.js';
import { toPlainText } from '../render/plain-text.js';
import { looksLikeBadCode, parseArgs } from './args.js';
import { explainInputs, MAX_CLI_CHARS } from './explain-inputs.js';
import { toJsonDocument } from './json-output.js';
import { runTriageCommand, type TriageIo } from './triage-command.js';

/** everything the CLI touches outside itself, so tests can run it in-process */
export interface CliIo {
  /** reads all of standard input; called only when there are no arguments */
  readStdin: () => Promise<string>;
  /** true when stdin is a terminal (then nothing is piped in) */
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  write: (text: string) => void;
  writeError: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** the catalog to use; loaded from catalog/catalog.json when absent */
  catalog?: Catalog;
  /** standard input as a stream, for `aadsts triage -` (falls back to readStdin) */
  stdinStream?: () => NodeJS.ReadableStream;
}

/** a writable stream that forwards every chunk to a CliIo writer */
function forwardTo(write: (text: string) => void): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, callback) {
      write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      callback();
    },
  });
}

/** the triage command's io on top of the CLI's */
function triageIo(io: CliIo): TriageIo {
  return {
    // a file export can be large: stream stdin when the host can, else read it the capped way
    stdin:
      io.stdinStream?.() ??
      Readable.from(
        (async function* () {
          yield await io.readStdin();
        })(),
      ),
    stdout: forwardTo(io.write),
    stderr: forwardTo(io.writeError),
    env: { ...io.env },
    isTTY: io.stdoutIsTTY,
  };
}

/** runs the CLI and returns its exit status */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'triage') {
    return runTriageCommand(
      argv.slice(1),
      triageIo(io),
      io.catalog === undefined ? {} : { catalog: io.catalog },
    );
  }
  const parsed = parseArgs(argv);
  const fallbackLocale: Locale = 'en';
  if (!parsed.ok) {
    const m = messages(fallbackLocale).cli;
    const text =
      parsed.error === 'unknown-option'
        ? format(m.unknownOption, { option: parsed.value })
        : parsed.error === 'missing-value'
          ? format(m.missingValue, { option: parsed.value })
          : format(m.badLanguage, { value: parsed.value });
    io.writeError(`aadsts: ${text}\n${m.usage.split('\n')[0]}\n`);
    return 2;
  }
  const { args } = parsed;
  const locale = args.lang ?? 'en';
  const m = messages(locale);
  if (args.help) {
    io.write(`${m.cli.usage}\n`);
    return 0;
  }
  let inputs = args.inputs;
  if (inputs.length === 0) {
    if (io.stdinIsTTY) {
      io.writeError(`aadsts: ${m.cli.noInput}\n`);
      return 2;
    }
    inputs = [await io.readStdin()];
  }
  let catalog: Catalog;
  try {
    catalog = io.catalog ?? loadCatalog();
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    io.writeError(`aadsts: ${m.cli.catalogError}: ${reason}\n`);
    return 2;
  }
  const result = explainInputs(inputs, catalog, locale);
  if (args.json) {
    const doc = toJsonDocument(result.codes, result.context, catalog, locale);
    io.write(`${JSON.stringify(result.truncated ? { ...doc, truncated: true } : doc)}\n`);
    return result.codes.length > 0 ? 0 : 1;
  }
  if (result.codes.length === 0) {
    const lines = [m.noCodeFound];
    if (result.truncated)
      lines.push(format(m.cli.truncated, { size: `${MAX_CLI_CHARS / 1024 / 1024} MiB` }));
    for (const input of args.inputs) {
      if (looksLikeBadCode(input)) lines.push(format(m.cli.notACode, { value: input.trim() }));
    }
    io.write(`${lines.join('\n')}\n`);
    return 1;
  }
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const reply = {
    kind: 'explain' as const,
    locale,
    codes: result.codes,
    context: result.context,
    truncated: result.truncated,
    secrets: result.secrets,
    orgContacts: {},
  };
  io.write(toPlainText(reply, { color: io.stdoutIsTTY && !noColor }));
  return 0;
}

/** reads stdin up to the CLI's cap */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(buffer);
    size += buffer.length;
    // a little over the character cap so the scanner can still report truncation
    if (size > MAX_CLI_CHARS * 4) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    const real = realpathSync(script);
    // run directly (tsx src/cli/main.ts, node dist/cli/main.js) or through bin/aadsts.js
    return real === fileURLToPath(import.meta.url) || /[\\/]bin[\\/]aadsts(\.js)?$/.test(real);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const io: CliIo = {
    readStdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    write: (text) => process.stdout.write(text),
    writeError: (text) => process.stderr.write(text),
    stdinStream: () => process.stdin,
    // The CLI is an entry point like the server's: it hands its environment in here.
    env: process.env,
  };
  runCli(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`aadsts: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
