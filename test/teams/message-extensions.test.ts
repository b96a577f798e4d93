import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/render/i18n/labels.js';
import { fixture, postActivity, startTeamsSuite, type TeamsSuite } from './harness.js';

let t: TeamsSuite;

beforeAll(async () => {
  t = await startTeamsSuite();
});
afterAll(() => t.close());

interface ExtensionAnswer {
  composeExtension: {
    type: string;
    attachmentLayout: string;
    attachments: Array<{
      contentType: string;
      content: Record<string, unknown>;
      preview: { contentType: string; content: { title: string; text: string } };
    }>;
  };
}

/** posts an invoke and returns the response body; invokes answer in the HTTP body, not the connector */
async function invoke(name: string, patch: Record<string, unknown> = {}): Promise<ExtensionAnswer> {
  const started = Date.now();
  const answer = await postActivity(t.bot, { ...fixture(name, t.recorder.url), ...patch });
  expect(answer.status).toBe(200);
  // Teams gives a message extension 5 seconds; stay far below.
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(t.recorder.calls).toHaveLength(0);
  return answer.body as ExtensionAnswer;
}

describe('search message extension "lookup"', () => {
  it('returns a result card with a preview for parameter "code"', async () => {
    const body = await invoke('compose-query');
    expect(body.composeExtension.type).toBe('result');
    const [result] = body.composeExtension.attachments;
    expect(result?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(result?.content)).toContain('53003');
    expect(result?.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(result?.preview.content.title).toContain('53003');
  });

  it('tolerates a query without commandId or parameter name (Agents Playground)', async () => {
    const body = await invoke('compose-query-unnamed');
    expect(JSON.stringify(body.composeExtension.attachments[0]?.content)).toContain('700016');
  });

  it('answers the initial, empty run with help instead of an error', async () => {
    const body = await invoke('compose-query-initial-run');
    expect(body.composeExtension.attachments[0]?.preview.content.title).toBe(
      labels('en').help.title,
    );
  });

  it('follows the invoke locale', async () => {
    const body = await invoke('compose-query', { locale: 'zh-CN' });
    expect(JSON.stringify(body.composeExtension.attachments[0]?.content)).toMatch(
      /[\u4e00-\u9fff]/,
    );
  });
});

describe('message action "explain"', () => {
  it('explains the codes in the selected message HTML and returns the card to insert', async () => {
    const body = await invoke('submit-action');
    expect(body.composeExtension.type).toBe('result');
    const card = JSON.stringify(body.composeExtension.attachments[0]?.content);
    expect(card).toContain('53003');
    expect(card).toContain('5b1c0a7e-2d3f-4a5b-8c9d-0e1f2a3b4c5d');
    expect(card).not.toContain('<p>');
  });

  it('adds a code typed into the optional field to the codes of the message', async () => {
    const activity = fixture('submit-action', t.recorder.url) as { value: Record<string, unknown> };
    const value = { ...activity.value, data: { code: '50126' } };
    const body = await invoke('submit-action', { value });
    const card = JSON.stringify(body.composeExtension.attachments[0]?.content);
    expect(card).toContain('53003');
    expect(card).toContain('50126');
  });

  it('answers a message without a code with the help card', async () => {
    const activity = fixture('submit-action', t.recorder.url) as {
      value: { messagePayload: { body: { content: string } } };
    };
    activity.value.messagePayload.body.content = '<p>lunch at noon?</p>';
    const body = await invoke('submit-action', { value: activity.value });
    expect(body.composeExtension.attachments[0]?.preview.content.title).toBe(
      labels('en').help.title,
    );
  });
});
