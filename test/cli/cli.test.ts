import { describe, expect, it } from 'vitest';
import { MAX_CLI_CHARS } from '../../src/cli/explain-inputs.js';
import { ANSI, run } from './fake-io.js';

describe('aadsts CLI: lookups and text', () => {
  it('explains a code given as an argument', async () => {
    const { status, out, err } = await run(['53003']);
    expect(status).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^AADSTS53003 {2}BlockedByConditionalAccess {2}\[Error\]\n/);
    expect(out).toContain('https://login.microsoftonline.com/error?code=53003');
  });

  it('looks up many codes at once, in the order given, each once', async () => {
    const { status, out } = await run(['AADSTS50126', '7000215', 'aadsts:50126']);
    expect(status).toBe(0);
    const heads = [...out.matchAll(/^AADSTS(\d+)/gm)].map((m) => Number(m[1]));
    expect(heads).toEqual([50126, 7000215]);
  });

  it('scans arguments that are not codes as text', async () => {
    const { status, out } = await run([
      'Error Code: 53003',
      'Correlation ID: 11111111-2222-4333-8444-555555555555',
    ]);
    expect(status).toBe(0);
    expect(out).toContain('AADSTS53003');
    expect(out).toContain('Correlation ID: 11111111-2222-4333-8444-555555555555');
  });

  it('reads stdin when there are no arguments', async () => {
    const { status, out } = await run([], {
      stdin: 'blah\nAADSTS50058: A silent sign-in request was sent\n',
    });
    expect(status).toBe(0);
    expect(out).toContain('AADSTS50058');
  });

  it('exits 1 and says so when there is no code', async () => {
    const { status, out } = await run([], { stdin: 'nothing to see, port 8080' });
    expect(status).toBe(1);
    expect(out).toBe('No AADSTS code found.\n');
  });

  it('says why an argument written like a code is none', async () => {
    const { status, out } = await run(['123', 'AADSTS', '053003', 'login failed']);
    expect(status).toBe(1);
    expect(out.split('\n')).toEqual([
      'No AADSTS code found.',
      '"123" is not an AADSTS code: the codes have 5 to 7 digits and no leading zero.',
      '"AADSTS" is not an AADSTS code: the codes have 5 to 7 digits and no leading zero.',
      '"053003" is not an AADSTS code: the codes have 5 to 7 digits and no leading zero.',
      '',
    ]);
  });

  it('says when a paste was longer than it reads, with or without a code', async () => {
    const filler = 'x'.repeat(MAX_CLI_CHARS);
    const late = await run([], { stdin: `${filler}\nAADSTS50126` });
    expect(late.status).toBe(1);
    expect(late.out).toContain('Only the first 8 MiB of the input were read.');
    expect(late.out).toContain('aadsts triage FILE');
    const early = await run(['--json'], { stdin: `AADSTS50126\n${filler}` });
    expect(early.status).toBe(0);
    expect(JSON.parse(early.out).truncated).toBe(true);
    const whole = await run(['--json'], { stdin: 'AADSTS50126' });
    expect(JSON.parse(whole.out)).not.toHaveProperty('truncated');
  });

  it('explains unknown codes with the lookup link and a suggestion', async () => {
    const { status, out } = await run(['53004']);
    expect(status).toBe(0);
    expect(out).toContain('AADSTS53004  [Unknown code]');
    expect(out).toContain('Did you mean: AADSTS53003 BlockedByConditionalAccess');
    expect(out).toContain('https://login.microsoftonline.com/error?code=53004');
  });

  it('answers in Chinese with --lang zh-CN', async () => {
    for (const argv of [
      ['--lang', 'zh-CN', '50126'],
      ['--lang=zh', '50126'],
    ]) {
      const { status, out } = await run(argv);
      expect(status).toBe(0);
      expect(out).toContain('用户名或密码错误。');
      expect(out).toContain('[警告]');
    }
  });
});

describe('aadsts CLI: terminal colour', () => {
  it('is plain when piped', async () => {
    expect((await run(['53003'])).out).not.toMatch(ANSI);
  });

  it('uses colour on a TTY', async () => {
    expect((await run(['53003'], { stdoutIsTTY: true })).out).toMatch(ANSI);
  });

  it('honours NO_COLOR (any non-empty value)', async () => {
    expect((await run(['53003'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).out).not.toMatch(
      ANSI,
    );
    expect((await run(['53003'], { stdoutIsTTY: true, env: { NO_COLOR: '' } })).out).toMatch(ANSI);
  });
});

describe('aadsts CLI: usage', () => {
  it('prints help and exits 0', async () => {
    const { status, out } = await run(['--help']);
    expect(status).toBe(0);
    expect(out).toMatch(/^Usage: aadsts/);
    expect(out).toContain('--json');
    expect((await run(['-h', '--lang', 'zh-CN'])).out).toMatch(/^用法：aadsts/);
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--lang'], /option --lang needs a value/],
    [['--lang', 'fr'], /unsupported language "fr"/],
    [['-x', '53003'], /unknown option -x/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { status, out, err } = await run(argv);
    expect(status).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain('Usage: aadsts');
  });

  it('is a usage error to give nothing at all on a terminal', async () => {
    const { status, err } = await run([], { stdinIsTTY: true });
    expect(status).toBe(2);
    expect(err).toMatch(/nothing to explain/);
  });

  it('takes arguments after -- as input', async () => {
    expect((await run(['--', '--json'])).status).toBe(1);
  });
});
