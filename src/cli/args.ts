/** Command-line parsing for the aadsts CLI; usage errors are values, not exceptions. */
import type { Locale } from '../core/reply.js';

export interface CliArgs {
  json: boolean;
  help: boolean;
  /** undefined: not given */
  lang: Locale | undefined;
  /** arguments that are not options, in order */
  inputs: string[];
}

export type ParseResult =
  | { ok: true; args: CliArgs }
  | { ok: false; error: 'unknown-option' | 'missing-value' | 'bad-language'; value: string };

const LANGS: Record<string, Locale> = {
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
  zh: 'zh-CN',
  'zh-cn': 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
};

/** parses argv without the node and script paths */
export function parseArgs(argv: readonly string[]): ParseResult {
  const args: CliArgs = { json: false, help: false, lang: undefined, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      args.inputs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--json') args.json = true;
    else if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (value === undefined || value === '')
        return { ok: false, error: 'missing-value', value: '--lang' };
      const lang = LANGS[value.toLowerCase().replaceAll('_', '-')];
      if (!lang) return { ok: false, error: 'bad-language', value };
      args.lang = lang;
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      return { ok: false, error: 'unknown-option', value: arg };
    } else {
      args.inputs.push(arg);
    }
  }
  return { ok: true, args };
}

/** "53003", "AADSTS50126", "aadsts:7000215": an argument that is one code */
/** an argument written like a code ("123", "AADSTS", "053003", "12345678") that is none */
export function looksLikeBadCode(arg: string): boolean {
  const t = arg.trim();
  return /^(?:aadsts[:：]?)?[-+]?\d*$/i.test(t) && t !== '' && codeArgument(t) === undefined;
}

export function codeArgument(arg: string): number | undefined {
  const m = /^(?:aadsts[:：]?)?(\d{5,7})$/i.exec(arg.trim());
  if (!m?.[1] || m[1].startsWith('0')) return undefined;
  return Number(m[1]);
}
