/**
 * Triage in Teams over real HTTP: a pasted block of sign-in rows gets one summary card, and a CSV
 * sent to the bot in a personal chat is fetched from its (loopback stand-in for) SharePoint
 * download URL and summarized. The https rule and the host allow-list stay as in production: the
 * test only routes the SharePoint host name to a local server through the injected fetch.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, fixture, postActivity, startTeamsSuite, type TeamsSuite } from './harness.js';

const FILE_HOST = 'contoso-my.sharepoint.com';
const UPN = 'user7@contoso.example';
const IP = '203.0.113.7';

/** a portal-style export: 12 rows, 8 of them 50126 failures */
function exportCsv(): string {
  const rows = ['TimeGenerated,UserPrincipalName,AppDisplayName,IPAddress,ResultType'];
  for (let i = 0; i < 12; i++) {
    const minute = String(i).padStart(2, '0');
    rows.push(
      `2026-11-20T08:${minute}:00Z,user${i}@contoso.example,Outlook,203.0.113.${i},${i % 3 === 0 ? 0 : 50126}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

let t: TeamsSuite;
let files: Server;
let filesUrl: string;
const fileRequests: string[] = [];

beforeAll(async () => {
  files = createServer((req, res) => {
    fileRequests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(exportCsv());
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  // the SharePoint host, and only it, is served by the local file server
  const routed: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol === 'https:' && url.hostname === FILE_HOST) {
      return fetch(`${filesUrl}${url.pathname}${url.search}`, init);
    }
    return Promise.reject(new TypeError('no route to this host in the test'));
  };
  t = await startTeamsSuite({ files: { fetch: routed } });
});

afterAll(async () => {
  try {
    await t?.close();
  } finally {
    files.closeAllConnections();
    await new Promise<void>((resolve) => files.close(() => resolve()));
  }
});

afterEach(() => {
  t.clear();
  fileRequests.length = 0;
});

function onlyCardJson(): string {
  expect(t.recorder.calls).toHaveLength(1);
  const cards = cardsOf(t.recorder.calls[0]!.body);
  expect(cards).toHaveLength(1);
  return JSON.stringify(cards[0]);
}

describe('pasted rows', () => {
  it('answers a pasted many-row CSV with one triage card, not one card per code', async () => {
    const csv = exportCsv();
    const activity = {
      ...fixture('personal-paste', t.recorder.url),
      text: csv,
      attachments: [
        { contentType: 'text/html', content: `<p>${csv.split('\n').join('<br>')}</p>` },
      ],
    };
    expect((await postActivity(t.bot, activity)).status).toBe(200);
    const json = onlyCardJson();
    expect(json).toContain('Sign-in triage');
    expect(json).toContain('50126');
    // chat summaries never show who or from where
    expect(json).not.toContain(UPN);
    expect(json).not.toContain(IP);
    expect(t.bot.logs.join('')).toContain('"outcome":"triaged-paste"');
  });

  it('reads an HTML table pasted into Teams', async () => {
    const [header = '', ...rows] = exportCsv().trim().split('\n');
    const cells = (line: string, tag: string) =>
      `<tr>${line
        .split(',')
        .map((c) => `<${tag}>${c}</${tag}>`)
        .join('')}</tr>`;
    const table = `<table>${cells(header, 'th')}${rows.map((r) => cells(r, 'td')).join('')}</table>`;
    const activity = {
      ...fixture('personal-paste', t.recorder.url),
      text: 'table',
      attachments: [{ contentType: 'text/html', content: table }],
    };
    await postActivity(t.bot, activity);
    expect(onlyCardJson()).toContain('Sign-in triage');
  });

  it('keeps the per-code card for a message with a single error', async () => {
    await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
    expect(onlyCardJson()).not.toContain('Sign-in triage');
  });
});

describe('files sent in a personal chat', () => {
  it('downloads the CSV from its SharePoint URL and answers with a triage card', async () => {
    const activity = fixture('personal-file', t.recorder.url);
    expect((await postActivity(t.bot, activity)).status).toBe(200);
    expect(fileRequests).toHaveLength(1);
    expect(fileRequests[0]).toContain('download.aspx');
    const json = onlyCardJson();
    expect(json).toContain('Sign-in triage');
    expect(json).toContain('50126');
    expect(json).not.toContain(UPN);
    // neither the file name nor its content reaches the log
    const log = t.bot.logs.join('');
    expect(log).toContain('"outcome":"triaged-file"');
    expect(log).not.toContain('InteractiveSignIns');
    expect(log).not.toContain('contoso.example');
  });

  it('refuses a file type it cannot read without downloading it', async () => {
    const activity = fixture('personal-file', t.recorder.url);
    const [attachment] = activity.attachments as Array<Record<string, unknown>>;
    attachment!.name = 'SignIns.xlsx';
    await postActivity(t.bot, activity);
    expect(fileRequests).toHaveLength(0);
    expect(t.recorder.calls).toHaveLength(1);
    expect(String(t.recorder.calls[0]!.body.text)).toContain('CSV');
  });

  it('never fetches from a host outside the allow-list, nor over plain http', async () => {
    for (const url of [
      `https://files.example.net/export.csv`,
      `${filesUrl}/personal/export.csv`,
      `http://${FILE_HOST}/personal/export.csv`,
    ]) {
      const activity = fixture('personal-file', t.recorder.url);
      const [attachment] = activity.attachments as Array<{ content: { downloadUrl: string } }>;
      attachment!.content.downloadUrl = url;
      await postActivity(t.bot, activity);
    }
    expect(fileRequests).toHaveLength(0);
    expect(t.recorder.calls).toHaveLength(3);
    for (const call of t.recorder.calls) {
      expect(cardsOf(call.body)).toHaveLength(0);
      expect(String(call.body.text)).toContain('could not');
    }
  });

  it('ignores file attachments outside personal chats (Teams does not hand them to bots there)', async () => {
    const activity = fixture('personal-file', t.recorder.url);
    activity.conversation = { conversationType: 'channel', id: '19:channel@thread.tacv2' };
    await postActivity(t.bot, activity);
    expect(fileRequests).toHaveLength(0);
    expect(t.recorder.calls).toHaveLength(0);
  });
});
