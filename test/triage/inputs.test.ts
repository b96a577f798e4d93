import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TriageError, triageStream, triageText } from '../../src/core/triage/index.js';
import { testCatalog } from './support/catalog.js';
import { FORMATS, writeExport } from './support/generate.js';
import { benignTrace } from './support/traces.js';

const catalog = testCatalog();
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/triage/${name}`, import.meta.url));

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('recorded-shape fixtures', () => {
  const files = [
    ['InteractiveSignIns_2026-11-20_2026-11-21.csv', 'csv', 'entra-portal-csv'],
    ['signinlogs-log-analytics.csv', 'csv', 'log-analytics'],
    ['graph-signins-page.json', 'json', 'graph-json'],
    ['signins.ndjson', 'json', 'graph-json'],
  ] as const;

  it.each(files)('%s gives the same summary', async (name, format, shape) => {
    const summary = await triageStream(chunked(fixture(name), 97), { catalog });
    expect(summary.input.format).toBe(format);
    expect(summary.input.shape).toBe(shape);
    expect(summary.totals).toEqual({
      rows: 12,
      successes: 5,
      failures: 7,
      unknown: 0,
      malformed: 0,
    });
    expect(summary.codes.map((c) => [c.code, c.failures])).toEqual([
      [53003, 2],
      [50058, 1],
      [50126, 1],
      [50140, 1],
      [500121, 1],
      [700016, 1],
    ]);
    expect(summary.distinct.users).toEqual({ count: 7, exact: true });
    expect(summary.distinct.ips).toEqual({ count: 5, exact: true });
    expect(summary.timeRange).toEqual({
      first: '2026-11-20T08:00:00.000Z',
      last: '2026-11-20T08:45:00.000Z',
    });
    expect(summary.applications.slice(0, 2)).toEqual([
      { name: 'Microsoft Teams', rows: 3, failures: 2 },
      { name: 'Office 365 Exchange Online', rows: 3, failures: 2 },
    ]);
  });

  it('attaches catalog facts and marks unknown codes', async () => {
    const summary = await triageText(fixture('graph-signins-page.json').toString('utf8'), {
      catalog,
    });
    const ca = summary.codes.find((c) => c.code === 53003);
    expect(ca).toMatchObject({ known: true, severity: 'error', contacts: ['tenant-admin'] });
    expect(ca?.summary).toMatch(/Conditional Access/);
    const kmsi = summary.codes.find((c) => c.code === 50140);
    expect(kmsi?.expectedInterrupt).toBe(true);
    const unknown = summary.codes.find((c) => c.code === 500121);
    expect(unknown?.known).toBe(true);
  });
});

describe('every format agrees on a larger trace', () => {
  it('the same events give the same counts in all five shapes', async () => {
    const events = benignTrace();
    const results = await Promise.all(
      FORMATS.map((f) =>
        triageStream(chunked(Buffer.from(writeExport(events, f)), 4093), { catalog }),
      ),
    );
    const first = results[0];
    for (const r of results) {
      expect(r.totals).toEqual(first?.totals);
      expect(r.codes.map((c) => [c.code, c.failures, c.users.count])).toEqual(
        first?.codes.map((c) => [c.code, c.failures, c.users.count]),
      );
      expect(r.distinct).toEqual(first?.distinct);
      expect(r.timeRange).toEqual(first?.timeRange);
    }
    expect(first?.totals.rows).toBe(events.length);
  });
});

describe('CSV details', () => {
  const header =
    'Date (UTC),Username,IP address,Application,Status,Sign-in error code,Failure reason\r\n';
  const good = (code: number, n: number) =>
    `2026-11-20T08:0${n}:00Z,u${n}@contoso.example,192.0.2.${n},Microsoft Teams,${code === 0 ? 'Success' : 'Failure'},${code},\r\n`;

  it('reads quoted newlines, doubled quotes and a BOM', async () => {
    const text = `\ufeff${header}2026-11-20T08:00:00Z,a@contoso.example,192.0.2.1,"App, ""quoted""",Failure,50126,"line one\r\nline two"\r\n${good(0, 2)}`;
    const summary = await triageText(text, { catalog });
    expect(summary.totals).toMatchObject({ rows: 2, failures: 1, successes: 1, malformed: 0 });
    expect(summary.applications.map((a) => a.name)).toContain('App, "quoted"');
  });

  it('counts malformed rows without stopping', async () => {
    const text = [
      header,
      good(50126, 1),
      'only,three,cells\r\n',
      good(0, 2),
      '2026-11-20T08:03:00Z,b@contoso.example,192.0.2.3,Teams,Failure,50126,"unclosed\r\n',
    ].join('');
    const summary = await triageText(text, { catalog });
    expect(summary.totals.rows).toBe(2);
    expect(summary.totals.malformed).toBe(2);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])(
    'recovers after a quote that never closes, near the end or far from it (%s)',
    async (_, eol) => {
      const rows = (n: number) =>
        Array.from(
          { length: n },
          (_, i) => `2026-11-20T08:00:00Z,u${i}@contoso.example,${i % 4 ? 0 : 50126}`,
        ).join('\n');
      const head =
        'Date (UTC),Username,Sign-in error code\n2026-11-20T08:00:00Z,first@contoso.example,0\n';
      const broken = '2026-11-20T08:00:00Z,"runaway@contoso.example,50126\n';
      const multiLine = '2026-11-20T08:00:00Z,"two\nlines@contoso.example",53003\n';
      for (const n of [10, 70_000]) {
        const text = `${head}${broken}${rows(n)}\n${multiLine}`.replaceAll('\n', eol);
        const summary = await triageStream(chunked(Buffer.from(text), 65_536), { catalog });
        expect(summary.totals).toMatchObject({ rows: n + 2, malformed: 1 });
        expect(summary.codes.find((c) => c.code === 53003)?.failures).toBe(1);
      }
    },
  );

  it('sniffs tab and semicolon delimiters (a paste from the portal grid, European Excel)', async () => {
    const rows = [
      'Date (UTC)\tUsername\tStatus\tSign-in error code',
      '2026-11-20 08:00:00\ta@contoso.example\tFailure\t53003',
    ];
    const tsv = await triageText(rows.join('\n'), { catalog });
    expect(tsv.input.delimiter).toBe('\t');
    expect(tsv.codes[0]?.code).toBe(53003);
    const semi = await triageText(rows.join('\n').replaceAll('\t', ';'), { catalog });
    expect(semi.input.delimiter).toBe(';');
    expect(semi.totals.failures).toBe(1);
  });

  it('sniffs the delimiter from the whole header line, however it is cut', async () => {
    const text =
      'Date (UTC);Username;Status;Sign-in error code\n2026-11-20 08:00:00;a;Failure;53003\n';
    const summary = await triageStream(chunked(Buffer.from(text), 1), { catalog });
    expect(summary.input.delimiter).toBe(';');
    expect(summary.totals).toMatchObject({ rows: 1, failures: 1, malformed: 0 });
    const headerOnly = await triageStream(['Date (UTC);Username;', 'Status'], { catalog });
    expect(headerOnly.input.delimiter).toBe(';');
    expect(headerOnly.totals.rows).toBe(0);
  });

  it('reads the status word when there is no code column', async () => {
    const text =
      'Date,User,Status\n2026-11-20,a,Success\n2026-11-20,b,Failure\n2026-11-20,c,Interrupted\n2026-11-20,d,\n';
    const summary = await triageText(text, { catalog });
    expect(summary.totals).toMatchObject({ rows: 4, successes: 1, failures: 2, unknown: 1 });
    expect(summary.codes).toEqual([]);
  });

  it('reads a UTF-16 file with its BOM (Excel "Unicode text")', async () => {
    const text = `\ufeff${header}${good(50126, 1)}${good(0, 2)}`;
    const bytes = Buffer.from(text, 'utf16le');
    const summary = await triageStream(chunked(bytes, 33), { catalog });
    expect(summary.totals).toMatchObject({ rows: 2, failures: 1 });
  });

  it('counts unreadable times without failing', async () => {
    const text = `${header}yesterday,a,192.0.2.1,Teams,Failure,50126,\r\n${good(0, 2)}`;
    const summary = await triageText(text, { catalog });
    expect(summary.unreadableTimes).toBe(1);
    expect(summary.timeRange?.first).toBe('2026-11-20T08:02:00.000Z');
  });
});

describe('JSON details', () => {
  const obj = (code: number, n: number) =>
    JSON.stringify({
      createdDateTime: `2026-11-20T08:0${n}:00Z`,
      userPrincipalName: `u${n}@x`,
      status: { errorCode: code },
    });

  it('recovers from a broken NDJSON line', async () => {
    const text = [
      obj(0, 1),
      obj(50126, 2),
      '{"createdDateTime":"2026-11-20T08:03:00Z","status":{"errorCode":5',
      obj(0, 4),
      'not json at all',
      '{"createdDateTime":"2026-11-20T08:0',
      obj(53003, 5),
    ].join('\n');
    const summary = await triageText(text, { catalog });
    expect(summary.input.ndjson).toBe(true);
    expect(summary.totals).toMatchObject({ rows: 4, malformed: 3 });
  });

  it('reads concatenated pretty-printed objects (jq .value[] output)', async () => {
    const pretty = [0, 50126, 53003]
      .map((c, n) => JSON.stringify(JSON.parse(obj(c, n)), null, 2))
      .join('\n');
    const summary = await triageText(pretty, { catalog });
    expect(summary.totals).toMatchObject({ rows: 3, failures: 2, malformed: 0 });
  });

  it('handles braces, quotes and backslashes inside strings', async () => {
    const tricky = JSON.stringify({
      value: [
        {
          status: { errorCode: 50126 },
          appDisplayName: 'a "}{][" \\ app',
          userPrincipalName: 'x\\',
        },
        { status: { errorCode: 0 }, appDisplayName: '\\"value\\":[' },
      ],
    });
    const summary = await triageStream(chunked(Buffer.from(tricky), 3), { catalog });
    expect(summary.totals).toMatchObject({ rows: 2, failures: 1, malformed: 0 });
    expect(summary.input.shape).toBe('graph-json');
  });

  it('counts non-objects, truncated arrays and over-deep records as malformed', async () => {
    const deep = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    const text = `[${obj(0, 1)}, 42, "text", ${deep}, ${obj(50126, 2)}, {"status":`;
    const summary = await triageText(text, { catalog });
    expect(summary.totals.rows).toBe(2);
    expect(summary.totals.malformed).toBe(4);
  });

  it('reads PowerShell output (Get-MgAuditLogSignIn | ConvertTo-Json)', async () => {
    const records = [50126, 0, 53003, 0, 0].map((code, n) => ({
      CreatedDateTime: `2026-11-20T08:0${n}:00Z`,
      UserPrincipalName: `u${n}@contoso.example`,
      IPAddress: `192.0.2.${n}`,
      AppDisplayName: 'Azure Portal',
      ClientAppUsed: 'Browser',
      Status: {
        ErrorCode: code,
        FailureReason: code === 0 ? 'Other.' : 'x',
        AdditionalDetails: null,
      },
    }));
    const summary = await triageText(JSON.stringify(records, null, 4), { catalog });
    expect(summary.totals).toMatchObject({ rows: 5, successes: 3, failures: 2 });
    expect(summary.distinct.ips.count).toBe(5);
  });

  it('ignores the envelope of a Graph page and keeps reading after the value array', async () => {
    const page = `{"@odata.context":"x","value":[${obj(50126, 1)},${obj(0, 2)}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=1"}`;
    const summary = await triageText(`${page}\n${page}`, { catalog });
    expect(summary.totals).toMatchObject({ rows: 4, failures: 2, malformed: 0 });
  });
});

describe('errors', () => {
  const code = async (input: string | Buffer) => {
    try {
      await triageStream([input], { catalog });
      return 'none';
    } catch (error: unknown) {
      return error instanceof TriageError ? error.code : 'other';
    }
  };

  it('names empty, unknown and column-less inputs', async () => {
    expect(await code('')).toBe('EMPTY_INPUT');
    expect(await code(' \n\t ')).toBe('EMPTY_INPUT');
    expect(await code('name,colour\nx,y\n')).toBe('UNKNOWN_FORMAT');
    expect(await code('Date (UTC),Username\n2026-11-20,x\n')).toBe('NO_SIGNIN_COLUMNS');
    expect(await code('[{"a":1},{"b":2}]')).toBe('NO_SIGNIN_COLUMNS');
    expect(await code(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('UNKNOWN_FORMAT');
    expect(await code(Buffer.from([0x00, 0x01, 0x02]))).toBe('UNKNOWN_FORMAT');
    expect(await code('Status\nSuccess\n')).toBe('none');
  });

  it('stops at the byte cap', async () => {
    const text = writeExport(benignTrace(), 'la-csv');
    await expect(triageText(text, { catalog, maxBytes: 10_000 })).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
  });
});
