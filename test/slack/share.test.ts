import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { decodeShare, encodeShare, SHARE_VALUE_MAX, shareText } from '../../src/slack/share.js';
import { mentionsUser, stripBotMention } from '../../src/slack/text.js';

type Explain = Extract<Reply, { kind: 'explain' }>;

function reply(codes: number[], context: Explain['context'] = {}): Explain {
  return {
    kind: 'explain',
    locale: 'en',
    codes: codes.map((code) => ({
      known: false,
      code,
      match: 'code',
      lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
    })),
    context,
    truncated: false,
    secrets: ['jwt'],
    orgContacts: {},
  };
}

describe('share button value', () => {
  it('round-trips codes, locale and sign-in IDs', () => {
    const value = encodeShare({
      ...reply([53003, 50076], { traceId: 'abc', correlationId: 'def' }),
      locale: 'zh-CN',
    });
    expect(decodeShare(value)).toEqual({
      v: 1,
      l: 'zh-CN',
      c: [53003, 50076],
      x: { traceId: 'abc', correlationId: 'def' },
    });
    expect(shareText(decodeShare(value)!)).toBe('AADSTS53003\nAADSTS50076');
  });

  it('stays within Slack’s 2000 characters however much was pasted', () => {
    const many = Array.from({ length: 500 }, (_, i) => 50_000 + i);
    const long = 'x'.repeat(199);
    const value = encodeShare(
      reply(many, {
        traceId: long,
        correlationId: long,
        requestId: long,
        timestamp: long,
        appId: long,
      }),
    );
    expect(value.length).toBeLessThanOrEqual(SHARE_VALUE_MAX);
    expect(decodeShare(value)?.c).toHaveLength(20);
  });

  it('never carries secrets or the pasted text', () => {
    const value = encodeShare(reply([50126]));
    expect(value).not.toContain('jwt');
    expect(Object.keys(JSON.parse(value) as object).sort()).toEqual(['c', 'l', 'v']);
  });

  it('rejects values it did not write', () => {
    for (const value of [
      undefined,
      '',
      'x',
      '{}',
      '{"v":1,"l":"fr","c":[1]}',
      '{"v":1,"l":"en","c":[1.5]}',
      '{"v":1,"l":"en","c":[1],"x":{"evil":"1"}}',
    ]) {
      expect(decodeShare(value)).toBeUndefined();
    }
  });
});

describe('Slack mention helpers', () => {
  it('removes only the bot’s own mention', () => {
    expect(stripBotMention('<@UBOT> AADSTS53003 <@U999>', 'UBOT')).toBe('AADSTS53003 <@U999>');
    expect(stripBotMention('<@UBOT|aadsts> help', 'UBOT')).toBe('help');
    expect(stripBotMention('<@UBOT> 53003', undefined)).toBe('<@UBOT> 53003');
  });

  it('recognises a mention of a given user', () => {
    expect(mentionsUser('hi <@UBOT> there', 'UBOT')).toBe(true);
    expect(mentionsUser('hi <@UBOTX> there', 'UBOT')).toBe(false);
    expect(mentionsUser('hi <@UBOT> there', undefined)).toBe(false);
  });
});
