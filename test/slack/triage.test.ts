import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triageErrorText } from '../../src/render/triage-text.js';
import type { RecordedCall } from './fake-slack.js';
import {
  BOT_USER_ID,
  commandFields,
  eventFrom,
  fixture,
  type Harness,
  startHarness,
} from './harness.js';

const PASTE = fixture<string>('pasted-rows.txt');
const EXPORT = fixture<string>('signin-export.csv');
// what must never reach a chat summary or a log line: names, addresses, the file's name
const PRIVATE = [
  'contoso.example',
  'Sample User',
  'Alex Sample',
  '203.0.113.7',
  '198.51.100.10',
  '192.0.2.1',
  'paste.user',
  'wave-3-export',
];

let seq = 0;
const nextTs = (): string => {
  seq += 1;
  return `1700400${String(seq).padStart(3, '0')}.000100`;
};
const nextId = (prefix: string): string => `${prefix}${++seq}`;
const shown = (call: RecordedCall | undefined): string =>
  `${String(call?.body.text)}\n${JSON.stringify(call?.body.blocks)}`;

describe('triage of pasted rows over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  const deliver = async (
    name: string,
    overrides: Record<string, unknown>,
  ): Promise<RecordedCall[]> => {
    const before = h.fake.delivered('chat.postMessage').length;
    await h.sendJson(eventFrom(name, nextId('EvPaste'), overrides));
    await h.mount.idle();
    return h.fake.delivered('chat.postMessage').slice(before);
  };

  it('answers a block of many rows in a DM with one summary, not one card per code', async () => {
    const replies = await deliver('event-message-im.json', { ts: nextTs(), text: PASTE });
    expect(replies).toHaveLength(1);
    const body = shown(replies[0]);
    expect(body).toContain('Sign-in triage');
    expect(body).toContain('53003');
    expect(body).toContain('50076');
    // Slack's &amp; undone for parsing and escaped once for output
    expect(body).toContain('Contoso HR &amp; Payroll');
    expect(body).not.toContain('&amp;amp;');
    for (const item of PRIVATE.filter((p) => p !== 'contoso.example')) {
      expect(body).not.toContain(item);
    }
    expect(body).not.toContain('@contoso.example');
  });

  it('answers a pasted block in a watched channel with one summary in a thread', async () => {
    const ts = nextTs();
    const replies = await deliver('event-message-channel.json', { ts, text: PASTE });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.thread_ts).toBe(ts);
    expect(shown(replies[0])).toContain('Sign-in triage');
  });

  it('answers a pasted block after an @mention with one summary', async () => {
    const replies = await deliver('event-app-mention.json', {
      ts: nextTs(),
      text: `<@${BOT_USER_ID}> what happened here?\n${PASTE}`,
    });
    expect(replies).toHaveLength(1);
    expect(shown(replies[0])).toContain('Sign-in triage');
  });

  it('keeps the per-code answer for a message with a few codes', async () => {
    const replies = await deliver('event-message-im.json', {
      ts: nextTs(),
      text: 'AADSTS53003 and AADSTS50076',
    });
    expect(replies).toHaveLength(1);
    expect(shown(replies[0])).not.toContain('Sign-in triage');
  });

  it('answers /aadsts with pasted rows privately with one summary', async () => {
    await h.sendForm(commandFields(h.fake, PASTE, 'pasted'));
    await h.mount.idle();
    const answers = h.fake.delivered('response_url').filter((c) => c.hook === 'pasted');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.body.response_type).toBe('ephemeral');
    expect(shown(answers[0])).toContain('Sign-in triage');
  });

  it('logs the outcome and codes, never the rows', () => {
    const all = h.logs.join('');
    expect(all).toContain('"outcome":"triaged"');
    for (const item of PRIVATE) expect(all).not.toContain(item);
  });
});

describe('triage of uploaded files over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  /** shares a file and returns what the bot posted */
  const share = async (
    fileId: string,
    channel: string,
    overrides: Record<string, unknown> = {},
  ): Promise<RecordedCall[]> => {
    const before = h.fake.delivered('chat.postMessage').length;
    const res = await h.sendJson(
      eventFrom('event-file-shared.json', nextId('EvFile'), {
        file_id: fileId,
        file: { id: fileId },
        channel_id: channel,
        ...overrides,
      }),
    );
    expect(res.status).toBe(200);
    await h.mount.idle();
    return h.fake.delivered('chat.postMessage').slice(before);
  };

  it('summarizes an uploaded CSV export in the thread of its message', async () => {
    const ts = nextTs();
    h.fake.addFile('F0000CSV1', {
      name: 'wave-3-export.csv',
      content: EXPORT,
      shares: { C0000HELP: { ts } },
    });
    const replies = await share('F0000CSV1', 'C0000HELP');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.channel).toBe('C0000HELP');
    expect(replies[0]!.body.thread_ts).toBe(ts);
    const body = shown(replies[0]);
    expect(body).toContain('Sign-in triage');
    expect(body).toContain('50126');
    expect(body.toLowerCase()).toContain('password spray');
    for (const item of PRIVATE) expect(body).not.toContain(item);
    // fetched with the bot token
    const downloads = h.fake.attempts('file_download');
    expect(downloads.at(-1)?.authorized).toBe(true);
  });

  it('summarizes a file once, however often Slack delivers file_shared', async () => {
    const ts = nextTs();
    h.fake.addFile('F0000CSV2', {
      name: 'wave-3-export.csv',
      content: EXPORT,
      shares: { C0000HELP: { ts } },
    });
    const first = await share('F0000CSV2', 'C0000HELP');
    const again = await share('F0000CSV2', 'C0000HELP');
    expect(first).toHaveLength(1);
    expect(again).toHaveLength(0);
  });

  it('answers a file shared inside a thread in that thread', async () => {
    h.fake.addFile('F0000CSV3', {
      name: 'export.csv',
      content: EXPORT,
      shares: { C0000HELP: { ts: nextTs(), thread_ts: '1700000001.000001' } },
    });
    const replies = await share('F0000CSV3', 'C0000HELP');
    expect(replies[0]!.body.thread_ts).toBe('1700000001.000001');
  });

  it('answers a file in a direct message in the conversation', async () => {
    h.fake.addFile('F0000DM01', {
      name: 'signins.csv',
      content: EXPORT,
      shares: { D0000DIRECT: { ts: nextTs() } },
    });
    const replies = await share('F0000DM01', 'D0000DIRECT');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.channel).toBe('D0000DIRECT');
    expect(replies[0]!.body.thread_ts).toBeUndefined();
    expect(shown(replies[0])).toContain('Sign-in triage');
  });

  it('ignores its own uploads without looking them up', async () => {
    const lookups = h.fake.attempts('files.info').length;
    h.fake.addFile('F0000OWN1', { name: 'x.csv', content: EXPORT, user: BOT_USER_ID });
    expect(await share('F0000OWN1', 'C0000HELP', { user_id: BOT_USER_ID })).toHaveLength(0);
    expect(h.fake.attempts('files.info').length).toBe(lookups);
  });

  it('stays silent in a channel about files that are not exports, and says why in a DM', async () => {
    const downloads = h.fake.attempts('file_download').length;
    h.fake.addFile('F0000PNG1', {
      name: 'screenshot.png',
      content: 'not really a picture',
      shares: { C0000HELP: { ts: nextTs() }, D0000DIRECT: { ts: nextTs() } },
    });
    expect(await share('F0000PNG1', 'C0000HELP')).toHaveLength(0);
    const dm = await share('F0000PNG1', 'D0000DIRECT');
    expect(dm).toHaveLength(1);
    expect(dm[0]!.body.text).toBe(triageErrorText('UNSUPPORTED_FILE', 'en'));
    // refused by name before any download
    expect(h.fake.attempts('file_download').length).toBe(downloads);

    h.fake.addFile('F0000NOTE', {
      name: 'notes.csv',
      content: 'name,team\nAda,helpdesk\nGrace,identity\n',
      shares: { C0000HELP: { ts: nextTs() }, D0000DIRECT: { ts: nextTs() } },
    });
    expect(await share('F0000NOTE', 'C0000HELP')).toHaveLength(0);
    const said = await share('F0000NOTE', 'D0000DIRECT');
    expect(said).toHaveLength(1);
    expect(said[0]!.body.text).not.toContain('Sign-in triage');
  });

  it('refuses a file above the size cap before downloading it, with the limit', async () => {
    const downloads = h.fake.attempts('file_download').length;
    h.fake.addFile('F0000BIG1', {
      name: 'huge.csv',
      content: EXPORT,
      size: 500 * 1024 * 1024,
      shares: { C0000HELP: { ts: nextTs() } },
    });
    const replies = await share('F0000BIG1', 'C0000HELP');
    expect(replies).toHaveLength(1);
    expect(String(replies[0]!.body.text)).toContain('20 MB');
    expect(h.fake.attempts('file_download').length).toBe(downloads);
  });

  it('never sends the bot token to a host other than Slack’s file host', async () => {
    const downloads = h.fake.attempts('file_download').length;
    h.fake.addFile('F0000EVIL', {
      name: 'export.csv',
      content: EXPORT,
      url: 'https://files.slack.com.attacker.example/export.csv',
      shares: { D0000DIRECT: { ts: nextTs() } },
    });
    const replies = await share('F0000EVIL', 'D0000DIRECT');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.text).toBe(triageErrorText('DOWNLOAD_FAILED', 'en'));
    expect(h.fake.attempts('file_download').length).toBe(downloads);
  });

  it('answers an upload without words through file_shared only, not with help', async () => {
    const before = h.fake.delivered('chat.postMessage').length;
    await h.sendJson(
      eventFrom('event-message-im.json', nextId('EvUpload'), {
        ts: nextTs(),
        subtype: 'file_share',
        text: '',
      }),
    );
    await h.mount.idle();
    const replies = h.fake.delivered('chat.postMessage').slice(before);
    expect(replies).toHaveLength(0);
  });

  it('never logs file names, contents or the token', () => {
    const all = h.logs.join('');
    expect(all).toContain('"event":"slack.file"');
    for (const item of [...PRIVATE, 'screenshot', 'notes.csv', 'huge.csv', 'xoxb-', 'Ada']) {
      expect(all).not.toContain(item);
    }
  });
});
