/**
 * `aadsts triage FILE|-`: summarizes a sign-in log export (Entra portal CSV, Log Analytics
 * SigninLogs CSV/JSON, Graph signIns JSON, NDJSON) with constant memory. Prints tables, or the
 * summary model with --json. User names and IPs appear only with --show-identities.
 * Exit status: 0 summary printed, 1 the input could not be summarized, 2 usage error.
 */

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Catalog, loadCatalog } from '../core/catalog/load.js';
import type { Locale } from '../core/reply.js';
import { isTriageError, TriageError } from '../core/triage/errors.js';
import { triageStream } from '../core/triage/triage.js';
import { toTriageJson, toTriageTable } from '../render/triage-table.js';

/** what the triage command touches outside itself */
export interface TriageIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

/** optional dependencies (tests pass a small catalog) */
export interface TriageDeps {
  catalog?: Catalog;
}

export const TRIAGE_USAGE = `Usage: aadsts triage FILE [options]
       aadsts triage - [options]        (read standard input)

Summarizes a sign-in log export: totals, failures by code with severity and who acts,
top applications, distinct users and IPs (counts), the time range, and attack patterns.
Reads the Entra admin center download (CSV), Log Analytics SigninLogs (CSV or JSON),
Graph auditLogs/signIns JSON ({"value":[...]}), JSON arrays and NDJSON, of any size.

Options:
  --json              print the summary as JSON
  --show-identities   also list the top failing user names and IP addresses
  --format csv|json   skip format detection
  --lang en|zh-CN     language of the table
  -h, --help          show this help`;

interface TriageArgs {
  file?: string;
  json: boolean;
  showIdentities: boolean;
  format: 'auto' | 'csv' | 'json';
  locale: Locale;
  help: boolean;
}

function parseTriageArgs(argv: readonly string[]): TriageArgs | string {
  const args: TriageArgs = {
    json: false,
    showIdentities: false,
    format: 'auto',
    locale: 'en',
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') args.json = true;
    else if (arg === '--show-identities') args.showIdentities = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--format' || arg === '--lang') {
      const value = argv[++i];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--format') {
        if (value !== 'csv' && value !== 'json')
          return `--format must be csv or json, not "${value}"`;
        args.format = value;
      } else {
        if (value !== 'en' && value !== 'zh-CN')
          return `--lang must be en or zh-CN, not "${value}"`;
        args.locale = value;
      }
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    else if (args.file !== undefined) return 'give one file (or - for standard input)';
    else args.file = arg;
  }
  return args;
}

async function openInput(file: string, io: TriageIo): Promise<AsyncIterable<Uint8Array | string>> {
  if (file === '-') return io.stdin as AsyncIterable<Uint8Array | string>;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error: unknown) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new TriageError('FILE_NOT_FOUND', `no such file: ${file}`);
    throw new TriageError('READ_FAILED', `cannot read ${file}: ${String(code ?? error)}`);
  }
  if (info.isDirectory()) throw new TriageError('READ_FAILED', `${file} is a directory`);
  return createReadStream(file, { highWaterMark: 256 * 1024 });
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** runs `aadsts triage …` and returns the exit status */
export async function runTriageCommand(
  argv: string[],
  io: TriageIo,
  deps: TriageDeps = {},
): Promise<number> {
  const args = parseTriageArgs(argv);
  if (typeof args === 'string') {
    await write(io.stderr, `aadsts triage: ${args}\n${TRIAGE_USAGE.split('\n')[0]}\n`);
    return 2;
  }
  if (args.help) {
    await write(io.stdout, `${TRIAGE_USAGE}\n`);
    return 0;
  }
  if (args.file === undefined) {
    await write(
      io.stderr,
      `aadsts triage: give a file, or - to read standard input\n${TRIAGE_USAGE}\n`,
    );
    return 2;
  }
  try {
    const catalog = deps.catalog ?? loadCatalog();
    const source = await openInput(args.file, io);
    const summary = await triageStream(source, {
      catalog,
      format: args.format,
      showIdentities: args.showIdentities,
    });
    if (summary.totals.rows === 0) {
      const extra = summary.totals.malformed > 0 ? ` (${summary.totals.malformed} malformed)` : '';
      await write(io.stderr, `aadsts triage: no sign-in rows found${extra}\n`);
      if (args.json) await write(io.stdout, toTriageJson(summary));
      return 1;
    }
    await write(io.stdout, args.json ? toTriageJson(summary) : toTriageTable(summary, args.locale));
    return 0;
  } catch (error: unknown) {
    if (isTriageError(error)) {
      const hint =
        error.code === 'UNKNOWN_FORMAT'
          ? ' Download the sign-in log as CSV or JSON (Entra admin center, Log Analytics or Graph).'
          : '';
      await write(io.stderr, `aadsts triage: ${error.message}.${hint}\n`);
      return 1;
    }
    const reason = error instanceof Error ? error.message : String(error);
    await write(io.stderr, `aadsts triage: ${reason}\n`);
    return 1;
  }
}
