/**
 * Teams with the shared state wired in, over real HTTP: one reply per delivery, the rate limit's one
 * "slow down" and then silence, and the stats command counting explained codes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { labels } from '../../src/render/i18n/labels.js';
import { createRateLimiter } from '../../src/state/rate-limit.js';
import {
  cardsOf,
  fixture,
  postActivity,
  startBot,
  startRecorder,
  startTeamsSuite,
  type TeamsSuite,
} from './harness.js';

const en = labels('en');
let t: TeamsSuite;

beforeAll(async () => {
  t = await startTeamsSuite();
});
afterAll(() => t.close());
afterEach(() => t.clear());

const cardJson = (index: number): string =>
  JSON.stringify(cardsOf(t.recorder.calls[index]?.body ?? {}));

describe('one reply per delivery', () => {
  it('answers an activity delivered twice only once, and logs the duplicate', async () => {
    const activity = fixture('personal-paste', t.recorder.url);
    const first = await postActivity(t.bot, activity);
    const again = await postActivity(t.bot, activity);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(t.recorder.calls).toHaveLength(1);
    expect(t.bot.logs.join('')).toContain('"outcome":"duplicate"');
  });

  it('still answers the same activity id in another conversation', async () => {
    const a = fixture('personal-paste', t.recorder.url);
    const b = { ...a, conversation: { ...(a.conversation as object), id: 'a:another-chat' } };
    await postActivity(t.bot, a);
    await postActivity(t.bot, b);
    expect(t.recorder.calls).toHaveLength(2);
  });

  it('answers a redelivery when the first attempt failed (the claim is released)', async () => {
    const failing = await startRecorder({ failFirst: 1 });
    try {
      const activity = fixture('personal-paste', failing.url);
      await postActivity(t.bot, activity);
      expect(t.bot.logs.join('')).toContain('"event":"teams.turn.failed"');
      const again = await postActivity(t.bot, activity);
      expect(again.status).toBe(200);
      // the failed attempt reached the connector too; the redelivery got the one reply
      expect(failing.calls).toHaveLength(2);
      expect(JSON.stringify(cardsOf(failing.calls[1]!.body))).toContain('53003');
    } finally {
      await failing.close();
    }
  });
});

describe('rate limits', () => {
  /** a second bot whose users may each have `userPoints` answers a minute */
  const startLimitedBot = (userPoints: number) =>
    startBot(undefined, {
      rateLimiter: createRateLimiter({
        limits: { userPoints, channelPoints: 0, windowSeconds: 60 },
        logger: silentLogger,
      }),
    });

  it('answers up to the limit, says "slow down" once, then stays silent', async () => {
    const limited = await startLimitedBot(2);
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await postActivity(limited, fixture('personal-paste', t.recorder.url));
        expect(answer.status).toBe(200);
      }
      expect(t.recorder.calls).toHaveLength(3);
      expect(cardJson(0)).toContain('53003');
      expect(cardJson(1)).toContain('53003');
      expect(cardJson(2)).toContain(en.notice.slowDownTitle);
      expect(cardJson(2)).not.toContain('53003');
      const log = limited.logs.join('');
      expect(log).toContain('"outcome":"slowed-down"');
      expect(log.match(/"outcome":"rate-limited"/g)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('does not count messages it would not answer anyway', async () => {
    const limited = await startLimitedBot(1);
    try {
      for (let i = 0; i < 3; i++) {
        await postActivity(limited, fixture('channel-passive-no-code', t.recorder.url));
      }
      expect(t.recorder.calls).toHaveLength(0);
      await postActivity(limited, fixture('personal-paste', t.recorder.url));
      expect(t.recorder.calls).toHaveLength(1);
      expect(cardJson(0)).toContain('53003');
    } finally {
      await limited.close();
    }
  });
});

describe('stats', () => {
  it('lists the codes explained in this chat with their counts', async () => {
    await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
    await postActivity(t.bot, fixture('personal-paste', t.recorder.url));
    await postActivity(t.bot, {
      ...fixture('personal-paste', t.recorder.url),
      text: 'AADSTS50126',
    });
    t.clear();

    const ask: Record<string, unknown> = {
      ...fixture('personal-help', t.recorder.url),
      text: 'stats',
    };
    ask.conversation = (
      fixture('personal-paste', t.recorder.url) as { conversation: unknown }
    ).conversation;
    expect((await postActivity(t.bot, ask)).status).toBe(200);
    expect(t.recorder.calls).toHaveLength(1);
    const json = cardJson(0);
    expect(json).toContain('53003');
    expect(json).toContain('50126');
    // counts only: nothing about who asked
    expect(json).not.toContain('Helpdesk Engineer');
    expect(json).not.toContain('00000000-0000-4000-8000-000000000001');
  });

  it('keeps each conversation to its own counts', async () => {
    const ask: Record<string, unknown> = {
      ...fixture('personal-help', t.recorder.url),
      text: 'stats',
    };
    ask.conversation = { conversationType: 'personal', id: 'a:a-chat-with-no-lookups' };
    await postActivity(t.bot, ask);
    expect(t.recorder.calls).toHaveLength(1);
    expect(cardJson(0)).not.toContain('53003');
    expect(cardJson(0)).toContain(en.stats.empty);
  });
});
