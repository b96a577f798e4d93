/**
 * The log-leak test: pastes carrying a JWT, an Entra client secret, a UPN and IPv4 and IPv6 addresses
 * next to a real code reach every Slack and Teams surface of the real entry point at debug level.
 * None of those values may appear anywhere in its stdout or stderr, nor in any reply; the replies
 * warn that a token and a secret were pasted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, commandFields } from '../slack/harness.js';
import { findRedisServer } from '../state/redis-server.js';
import { type BotProcess, startInstances } from './bot-process.js';
import { STACK_LINE, stdoutProblems } from './log-checks.js';
import {
  type Answer,
  eventFrom,
  type Fakes,
  findShareValue,
  forbiddenStrings,
  leakPaste,
  leaksIn,
  type Planted,
  plantedValues,
  richText,
  sendSlack,
  sendTeams,
  settle,
  slackFixture,
  startFakes,
  teamsFixture,
  uniqueId,
  uniqueTs,
  until,
} from './platforms.js';

const CODE = '7000215';

describe('no secret or personal data in logs or replies', () => {
  const planted: Planted = plantedValues();
  const forbidden = forbiddenStrings(planted);
  const slackPaste = leakPaste(planted, 'slack');
  const teamsPaste = leakPaste(planted, 'teams');
  let fakes: Fakes;
  let bot: BotProcess | undefined;
  /** HTTP answers of Teams invokes: message extension results are replies too */
  const invokeAnswers: Answer[] = [];
  /** every answer to a paste, whichever way it went out */
  const pasteAnswers: Array<{ surface: string; body: unknown }> = [];

  beforeAll(async () => {
    // Redis when installed, so its code paths log too; the test itself does not need it
    fakes = await startFakes(findRedisServer());
    [bot] = await startInstances(['leak instance'], { ...fakes.env, LOG_LEVEL: 'debug' });
  }, 120_000);

  afterAll(async () => {
    await bot?.stop(5_000);
    await fakes?.close();
  }, 30_000);

  it('sends the pastes to every Slack surface and gets one answer each', async () => {
    const events = [
      { file: 'event-message-channel.json', channel: 'C0000HELP', text: slackPaste },
      {
        file: 'event-app-mention.json',
        channel: 'C0000HELP',
        text: `<@${BOT_USER_ID}> ${slackPaste}`,
      },
      { file: 'event-message-im.json', channel: 'D0000DIRECT', text: slackPaste },
    ].map((e) => ({ ...e, ts: uniqueTs() }));
    for (const e of events) {
      const body = eventFrom(e.file, uniqueId('Ev'), {
        ts: e.ts,
        event_ts: e.ts,
        text: e.text,
        blocks: richText(e.text),
      });
      expect((await sendSlack(bot!, JSON.stringify(body))).status).toBe(200);
    }
    const command = new URLSearchParams(commandFields(fakes.slack, slackPaste, 'leak-command'));
    expect((await sendSlack(bot!, command.toString(), { form: true })).status).toBe(200);
    const shortcut = slackFixture<Record<string, unknown> & { message: Record<string, unknown> }>(
      'shortcut-explain-error.json',
    );
    const shortcutPayload = {
      ...shortcut,
      response_url: fakes.slack.responseUrl('leak-shortcut'),
      message: { ...shortcut.message, text: slackPaste, blocks: richText(slackPaste) },
    };
    const form = new URLSearchParams({ payload: JSON.stringify(shortcutPayload) }).toString();
    expect((await sendSlack(bot!, form, { form: true })).status).toBe(200);

    const posted = () =>
      fakes.slack
        .delivered('chat.postMessage')
        .filter((c) =>
          events.some((e) => c.body.thread_ts === e.ts || c.body.channel === 'D0000DIRECT'),
        );
    const hooks = () => fakes.slack.delivered('response_url');
    await until(
      'three messages and two ephemeral answers',
      () => posted().length >= 3 && hooks().length >= 2,
    );
    await settle();
    expect(posted()).toHaveLength(3);
    expect(
      hooks()
        .map((c) => c.hook)
        .sort(),
    ).toEqual(['leak-command', 'leak-shortcut']);
    for (const c of [...posted(), ...hooks()])
      pasteAnswers.push({ surface: `slack ${c.hook ?? String(c.body.channel)}`, body: c.body });
  });

  it('shares the ephemeral answer in the channel without the pasted values', async () => {
    const answer = fakes.slack.delivered('response_url').find((c) => c.hook === 'leak-command');
    const value = findShareValue(answer?.body);
    expect(value, 'the command answer offers a share button').toBeTypeOf('string');
    const click = slackFixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>(
      'block-actions-share.json',
    );
    const payload = {
      ...click,
      response_url: fakes.slack.responseUrl('leak-share'),
      actions: [{ ...click.actions[0], value }],
    };
    expect(leaksIn(String(value), forbidden)).toEqual([]);
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await sendSlack(bot!, form, { form: true })).status).toBe(200);
    const shared = () =>
      fakes.slack
        .delivered('response_url')
        .filter((c) => c.hook === 'leak-share' && c.body.response_type === 'in_channel');
    await until('the shared message', () => shared().length >= 1, 10_000);
    await settle();
    expect(shared()).toHaveLength(1);
    expect(JSON.stringify(shared()[0]?.body)).toContain(CODE);
  });

  it('sends the pastes to every Teams surface and gets one answer each', async () => {
    const personal = teamsFixture('personal-paste', fakes.teams.url);
    const html = `<p>${teamsPaste.replaceAll('\n', '<br>')}</p>`;
    const ids = [uniqueId('1700'), uniqueId('1700')];
    expect(
      (
        await sendTeams(bot!, {
          ...personal,
          id: ids[0],
          text: teamsPaste,
          attachments: [{ contentType: 'text/html', content: html }],
        })
      ).status,
    ).toBe(200);
    const channel = teamsFixture('channel-mention', fakes.teams.url);
    const mention = '<at>AADSTS Explainer</at>';
    expect(
      (await sendTeams(bot!, { ...channel, id: ids[1], text: `${mention} ${teamsPaste}` })).status,
    ).toBe(200);

    const query = teamsFixture('compose-query', fakes.teams.url) as {
      value: Record<string, unknown>;
    };
    invokeAnswers.push(
      await sendTeams(bot!, {
        ...query,
        value: { ...query.value, parameters: [{ name: 'code', value: teamsPaste }] },
      }),
    );
    const action = teamsFixture('submit-action', fakes.teams.url) as {
      value: { messagePayload: Record<string, unknown> };
    };
    invokeAnswers.push(
      await sendTeams(bot!, {
        ...action,
        value: {
          ...action.value,
          messagePayload: {
            ...action.value.messagePayload,
            body: { contentType: 'html', content: `<div>${html}</div>` },
          },
        },
      }),
    );
    expect(invokeAnswers.map((a) => a.status)).toEqual([200, 200]);
    const replies = () =>
      fakes.teams.calls.filter(
        (c) => c.body.type === 'message' && ids.includes(String(c.body.replyToId)),
      );
    await until('two Teams replies', () => replies().length >= 2);
    await settle();
    expect(replies()).toHaveLength(2);
    for (const c of replies()) pasteAnswers.push({ surface: `teams ${c.path}`, body: c.body });
    pasteAnswers.push({ surface: 'teams search', body: invokeAnswers[0]?.text });
    pasteAnswers.push({ surface: 'teams message action', body: invokeAnswers[1]?.text });
  });

  it('summarizes pasted sign-in rows on both platforms without naming users or addresses', async () => {
    const ts = uniqueTs();
    const rows = leakPaste(planted, 'slack', 'leak-rows.csv');
    const body = eventFrom('event-message-im.json', uniqueId('Ev'), {
      ts,
      event_ts: ts,
      text: rows,
      blocks: richText(rows),
    });
    expect((await sendSlack(bot!, JSON.stringify(body))).status).toBe(200);
    const id = uniqueId('1700');
    const activity = {
      ...teamsFixture('personal-paste', fakes.teams.url),
      id,
      text: leakPaste(planted, 'teams', 'leak-rows.csv'),
      attachments: [],
    };
    expect((await sendTeams(bot!, activity)).status).toBe(200);
    const slackSummary = () =>
      fakes.slack
        .delivered('chat.postMessage')
        .filter(
          (c) => c.body.channel === 'D0000DIRECT' && JSON.stringify(c.body).includes('50126'),
        );
    const teamsSummary = () =>
      fakes.teams.calls.filter((c) => c.body.type === 'message' && c.body.replyToId === id);
    await until('both summaries', () => slackSummary().length >= 1 && teamsSummary().length >= 1);
    for (const reply of [...slackSummary(), ...teamsSummary()]) {
      const text = JSON.stringify(reply.body);
      expect(text).toContain('50053');
      expect(leaksIn(text, forbidden)).toEqual([]);
    }
    await bot!.waitForRecord('the Teams triage record', (r) => r.activityId === id);
  });

  it('never echoes the pasted values, and warns about the token and the secret', () => {
    const replies = [
      ...fakes.slack.calls
        .filter((c) => c.method !== 'auth.test' && c.method !== 'users.info')
        .map((c) => c.body),
      ...fakes.teams.calls.map((c) => c.body),
      ...invokeAnswers.map((a) => a.text),
    ];
    expect(replies.length).toBeGreaterThanOrEqual(10);
    for (const reply of replies) {
      const text = typeof reply === 'string' ? reply : JSON.stringify(reply);
      expect(leaksIn(text, forbidden), text.slice(0, 300)).toEqual([]);
    }
    // every answer to a paste explains the code and carries both warnings
    expect(pasteAnswers).toHaveLength(9);
    for (const { surface, body } of pasteAnswers) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      expect(text, surface).toContain(CODE);
      expect(text, surface).toMatch(/token was pasted/i);
      expect(text, surface).toMatch(/client secret was pasted/i);
    }
  });

  it('logged every turn without any pasted value anywhere in stdout or stderr', () => {
    // the detector finds every planted value in the pastes themselves
    expect(leaksIn(slackPaste, forbidden)).toEqual(forbidden);
    expect(leaksIn(teamsPaste, forbidden)).toEqual(forbidden);
    const output = bot!.output();
    if (process.env.SHOW_BOT_OUTPUT) console.log(output);
    expect(leaksIn(output, forbidden)).toEqual([]);
    // the turns were logged (so the check above looked at real records), with the code found
    const records = bot!.records();
    expect(
      records.some((r) => r.level === 20),
      'debug records are written',
    ).toBe(true);
    const withCode = records.filter((r) => r.codes?.includes(Number(CODE)));
    expect(new Set(withCode.map((r) => r.platform))).toEqual(new Set(['slack', 'teams']));
    expect(records.some((r) => typeof r.inputLength === 'number' && r.inputLength > 300)).toBe(
      true,
    );
    // stdout is nothing but allowlisted JSON records, and nothing crashed
    expect(stdoutProblems(bot!.stdout())).toEqual([]);
    expect(output).not.toMatch(STACK_LINE);
    expect(bot!.alive()).toBe(true);
  });
});
