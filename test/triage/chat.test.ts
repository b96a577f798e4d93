import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkUpload,
  hostAllowed,
  SLACK_FILE_HOSTS,
  TEAMS_FILE_HOSTS,
  TRIAGE_CHAT_LIMITS,
  triageDownload,
  triagePaste,
} from '../../src/core/triage/chat.js';
import { triageErrorText } from '../../src/render/triage-text.js';
import { testCatalog } from './support/catalog.js';

const catalog = testCatalog();
const csv = readFileSync(
  new URL('../fixtures/triage/signinlogs-log-analytics.csv', import.meta.url),
);
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    switch (req.url) {
      case '/file.csv':
        res.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
        return;
      case '/redirect':
        res.writeHead(302, { location: '/file.csv' }).end();
        return;
      case '/redirect-away':
        res.writeHead(302, { location: 'https://collector.example.net/steal' }).end();
        return;
      case '/declared-big':
        res.writeHead(200, { 'content-length': String(TRIAGE_CHAT_LIMITS.fileBytes + 1) });
        res.write('Status\n');
        return; // never finishes: the client must stop at the header
      case '/streamed-big': {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('Status,ResultType\n');
        const line = 'Failure,50126\n'.repeat(10_000);
        let sent = 0;
        const pump = () => {
          while (sent < 40 && res.write(line)) sent++;
          if (sent < 40) res.once('drain', pump);
          else res.end();
        };
        pump();
        return;
      }
      case '/login-page':
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html>sign in</html>');
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('Status,ResultType\n');
        return;
      default:
        res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// the real fetch, with the Slack host pointed at the loopback server (and nothing else reachable)
const attempted: string[] = [];
const loopbackFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof URL ? input.href : input);
  attempted.push(url);
  if (!url.startsWith('https://files.slack.com/')) throw new Error(`unexpected host ${url}`);
  return fetch(url.replace('https://files.slack.com', `http://127.0.0.1:${port}`), init);
};

const slack = (path: string, extra: { maxBytes?: number; timeoutMs?: number } = {}) =>
  triageDownload(`https://files.slack.com${path}`, {
    catalog,
    allowedHosts: ['files.slack.com'],
    headers: { authorization: 'Bearer xoxb-test-token' },
    fetch: loopbackFetch,
    ...extra,
  });

describe('uploads', () => {
  it('summarizes a downloaded file and sends the token only to the allowed host', async () => {
    const result = await slack('/file.csv');
    expect(result.kind).toBe('summary');
    if (result.kind === 'summary') expect(result.summary.totals.rows).toBe(12);
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer xoxb-test-token');
  });

  it('follows a same-host redirect and refuses one to another host', async () => {
    expect((await slack('/redirect')).kind).toBe('summary');
    attempted.length = 0;
    expect(await slack('/redirect-away')).toEqual({ kind: 'error', code: 'DOWNLOAD_FAILED' });
    expect(attempted.some((u) => u.includes('collector.example.net'))).toBe(false);
  });

  it('refuses URLs off the allow-list or without https before any request', async () => {
    attempted.length = 0;
    const options = { catalog, allowedHosts: ['files.slack.com'], fetch: loopbackFetch };
    expect((await triageDownload('https://files.slack.com.example.net/x.csv', options)).kind).toBe(
      'error',
    );
    expect((await triageDownload('http://files.slack.com/file.csv', options)).kind).toBe('error');
    expect((await triageDownload('not a url', options)).kind).toBe('error');
    expect(attempted).toEqual([]);
  });

  it('stops at the size cap, declared or streamed', async () => {
    expect(await slack('/declared-big')).toEqual({
      kind: 'error',
      code: 'TOO_LARGE',
      limitBytes: TRIAGE_CHAT_LIMITS.fileBytes,
    });
    expect(await slack('/streamed-big', { maxBytes: 1_000_000 })).toEqual({
      kind: 'error',
      code: 'TOO_LARGE',
      limitBytes: 1_000_000,
    });
  });

  it('turns a login page, a 404 and a stalled download into DOWNLOAD_FAILED', async () => {
    expect((await slack('/login-page')).kind).toBe('error');
    expect(await slack('/missing')).toEqual({ kind: 'error', code: 'DOWNLOAD_FAILED' });
    expect(await slack('/slow', { timeoutMs: 300 })).toEqual({
      kind: 'error',
      code: 'DOWNLOAD_FAILED',
    });
  });

  it('checks name and declared size first', () => {
    expect(checkUpload({ name: 'InteractiveSignIns_2026.csv', size: 1000 })).toBeUndefined();
    expect(checkUpload({ name: 'export.JSON' })).toBeUndefined();
    expect(checkUpload({ name: 'report.xlsx', size: 10 })).toEqual({
      kind: 'error',
      code: 'UNSUPPORTED_FILE',
    });
    expect(checkUpload({ name: 'big.csv', size: TRIAGE_CHAT_LIMITS.fileBytes + 1 })).toMatchObject({
      code: 'TOO_LARGE',
    });
  });

  it("allows the platforms' own file hosts and nothing near them", () => {
    expect(hostAllowed('files.slack.com', SLACK_FILE_HOSTS)).toBe(true);
    expect(hostAllowed('slack.com', SLACK_FILE_HOSTS)).toBe(false);
    expect(hostAllowed('contoso-my.sharepoint.com', TEAMS_FILE_HOSTS)).toBe(true);
    expect(hostAllowed('contoso-my.sharepoint.com.example.net', TEAMS_FILE_HOSTS)).toBe(false);
  });

  it('matches hosts exactly or by a dotted suffix', () => {
    expect(hostAllowed('contoso.sharepoint.com', ['.sharepoint.com'])).toBe(true);
    expect(hostAllowed('sharepoint.com', ['.sharepoint.com'])).toBe(false);
    expect(hostAllowed('evilsharepoint.com', ['.sharepoint.com'])).toBe(false);
    expect(hostAllowed('FILES.slack.com', ['files.slack.com'])).toBe(true);
    expect(hostAllowed('files.slack.com.evil.net', ['files.slack.com'])).toBe(false);
  });

  it('explains errors in both languages with the limit filled in', () => {
    expect(triageErrorText('TOO_LARGE', 'en', 20 * 1024 * 1024)).toContain('20 MB');
    expect(triageErrorText('TOO_LARGE', 'zh-CN', 20 * 1024 * 1024)).toContain('20 MB');
    expect(triageErrorText('UNSUPPORTED_FILE', 'en')).toContain('CSV');
  });
});

describe('pasted blocks', () => {
  const header = 'Date (UTC)\tUsername\tIP address\tApplication\tStatus\tSign-in error code';
  const line = (n: number, code: number) =>
    `2026-11-20 08:0${n}:00\tu${n}@contoso.example\t192.0.2.${n}\tMicrosoft Teams\tFailure\t${code}`;

  it('gives one summary for a block of rows', async () => {
    const text = [
      header,
      ...Array.from({ length: 8 }, (_, n) => line(n, n % 2 ? 50126 : 53003)),
    ].join('\n');
    const summary = await triagePaste(text, catalog);
    expect(summary?.totals.rows).toBe(8);
    expect(summary?.codes.map((c) => c.code).sort()).toEqual([50126, 53003]);
  });

  it('skips a line or two of prose before the header', async () => {
    const table = [header, ...Array.from({ length: 6 }, (_, n) => line(n, 50126))].join('\n');
    const summary = await triagePaste(
      `Failures since 9:00, can someone look?\n\n${table}`,
      catalog,
    );
    expect(summary?.totals).toMatchObject({ rows: 6, malformed: 0 });
    const tooFar = `a\nb\nc\nd\ne\n${table}`;
    expect(await triagePaste(tooFar, catalog)).toBeUndefined();
  });

  it('leaves short blocks and prose to the per-code reply', async () => {
    expect(
      await triagePaste([header, line(1, 50126), line(2, 50126)].join('\n'), catalog),
    ).toBeUndefined();
    expect(
      await triagePaste('AADSTS50126 for everyone since 9:00, please help', catalog),
    ).toBeUndefined();
  });
});

describe('pasted blocks as the platforms encode them', () => {
  const rows = [
    ['Date (UTC)', 'Username', 'IP address', 'Status', 'Sign-in error code'],
    ...Array.from({ length: 6 }, (_, n) => [
      `2026-11-20 08:0${n}:00`,
      `u${n}@contoso.example`,
      `192.0.2.${n}`,
      'Failure',
      n < 3 ? '50126' : '53003',
    ]),
  ];

  it('reads a table pasted into Teams (HTML)', async () => {
    const html = `<p>since 9am:</p><table><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td><p>${c.replace('@', '&#64;')}</p></td>`).join('')}</tr>`)
      .join('')}</tbody></table><p>thanks</p>`;
    const summary = await triagePaste(html, catalog, 'teams-html');
    expect(summary?.totals.rows).toBe(6);
    expect(summary?.distinct.users.count).toBe(6);
    expect(summary?.codes.map((c) => [c.code, c.failures])).toEqual([
      [50126, 3],
      [53003, 3],
    ]);
  });

  it('reads TSV pasted into Slack (escaped)', async () => {
    const text = rows
      .map((r) => r.join('\t'))
      .join('\n')
      .replace('Date (UTC)', 'Date &lt;UTC&gt;');
    const summary = await triagePaste(text, catalog, 'slack');
    expect(summary?.totals.failures).toBe(6);
  });
});
