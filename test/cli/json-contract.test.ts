/** Pins the --json document: other tools parse it, so its shape must not drift. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { fakeIo } from './fake-io.js';

async function json(argv: string[], stdin?: string) {
  const io = fakeIo(stdin === undefined ? {} : { stdin });
  const status = await runCli(['--json', ...argv], io);
  const text = io.out.join('');
  // exactly one JSON document on one line
  expect(text.endsWith('\n')).toBe(true);
  expect(text.trimEnd().includes('\n')).toBe(false);
  return { status, doc: JSON.parse(text) as Record<string, unknown>, err: io.err.join('') };
}

const LEARN = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';

describe('--json', () => {
  it('describes a known code with exactly the contract fields', async () => {
    const { status, doc } = await json(['53003']);
    expect(status).toBe(0);
    expect(doc).toEqual({
      codes: [
        {
          code: 53003,
          known: true,
          name: 'BlockedByConditionalAccess',
          summary: 'A Conditional Access policy blocked this sign-in.',
          description:
            'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
          severity: 'error',
          contacts: ['tenant-admin'],
          nextSteps: [
            'Find the sign-in in the Entra sign-in log with the correlation id and open its Conditional Access tab.',
            'Check which policy applied and whether the block was intended.',
          ],
          links: ['https://login.microsoftonline.com/error?code=53003', LEARN],
          match: 'code',
        },
      ],
      context: {},
    });
  });

  it('includes security only when the catalog has it, and omits a missing name', async () => {
    const { doc } = await json(['50126', '7000215']);
    const [a, b] = doc.codes as Array<Record<string, unknown>>;
    expect(a?.security).toMatch(/password spraying/);
    expect(b).not.toHaveProperty('name');
    expect(b?.security).toBe('Rotate the secret if it was pasted in a chat.');
    const { doc: other } = await json(['50058']);
    expect((other.codes as Array<Record<string, unknown>>)[0]).not.toHaveProperty('security');
  });

  it('marks unknown codes and says so in the summary', async () => {
    const { status, doc } = await json(['53004', '99999']);
    expect(status).toBe(0);
    expect(doc.codes).toEqual([
      {
        code: 53004,
        known: false,
        summary: 'AADSTS53004 is not in the catalog. Microsoft’s lookup page may still know it.',
        links: ['https://login.microsoftonline.com/error?code=53004'],
        match: 'code',
        didYouMean: 53003,
      },
      {
        code: 99999,
        known: false,
        summary: 'AADSTS99999 is not in the catalog. Microsoft’s lookup page may still know it.',
        links: ['https://login.microsoftonline.com/error?code=99999'],
        match: 'code',
      },
    ]);
  });

  it('lists codes in order of first appearance with the context that is present', async () => {
    const paste = [
      'AADSTS50076: Due to a configuration change...',
      'Trace ID: 4e0b7d92-a615-4c38-9f27-b1d3e8c50a00',
      'Correlation ID: 8f2c6a1e-93d7-4b05-a4e8-2d71c09b6f34',
      'Timestamp: 2024-02-19 11:08:25Z',
      '"error_codes":[50076, 50126]',
    ].join('\n');
    const { status, doc } = await json([], paste);
    expect(status).toBe(0);
    expect((doc.codes as Array<{ code: number }>).map((c) => c.code)).toEqual([50076, 50126]);
    expect(doc.context).toEqual({
      traceId: '4e0b7d92-a615-4c38-9f27-b1d3e8c50a00',
      correlationId: '8f2c6a1e-93d7-4b05-a4e8-2d71c09b6f34',
      timestamp: '2024-02-19 11:08:25Z',
    });
  });

  it('marks codes recognised from their message text', async () => {
    const { doc } = await json(
      [],
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    );
    expect(doc.codes).toEqual([
      expect.objectContaining({ code: 53003, known: true, match: 'text' }),
    ]);
  });

  it('uses the catalog vocabulary for severity and contacts, and localizes text', async () => {
    const { doc } = await json(['--lang', 'zh-CN', '50053']);
    const [code] = doc.codes as Array<Record<string, unknown>>;
    expect(code?.severity).toBe('error');
    expect(code?.contacts).toEqual(['user', 'tenant-admin']);
    expect(code?.summary).toBe('帐户因多次登录失败而被锁定，或登录来自恶意 IP 地址。');
  });

  it('prints an empty document and exits 1 when nothing is found', async () => {
    const { status, doc } = await json([], 'no codes here, just HTTP 500');
    expect(status).toBe(1);
    expect(doc).toEqual({ codes: [], context: {} });
  });
});
