import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, SHARE_VALUE_MAX } from '../../src/slack/share.js';
import { mentionsUser, stripBotMention } from '../../src/slack/text.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);

describe('Slack text and share value parsers (properties)', () => {
  it('decodeShare never throws and only accepts bounded, well-formed values', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json(), fc.string({ minLength: 1900, maxLength: 2200 })),
        (value) => {
          const decoded = decodeShare(value);
          if (decoded) {
            expect(value.length).toBeLessThanOrEqual(SHARE_VALUE_MAX);
            expect(decoded.c.length).toBeGreaterThan(0);
            for (const code of decoded.c) expect(Number.isInteger(code)).toBe(true);
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it('stripping the bot mention removes it and keeps every other mention', () => {
    const id = fc.stringMatching(/^U[A-Z0-9]{2,10}$/);
    fc.assert(
      fc.property(id, id, fc.string({ maxLength: 200 }), (bot, other, text) => {
        fc.pre(bot !== other);
        const input = `<@${bot}> ${text} <@${other}>`;
        const out = stripBotMention(input, bot);
        expect(mentionsUser(out, bot)).toBe(false);
        expect(mentionsUser(out, other)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('mention scanning stays fast on hostile input', () => {
    const hostile = `${'<@'.repeat(50_000)}${'U'.repeat(50_000)}`;
    const started = performance.now();
    stripBotMention(hostile, 'UBOT');
    mentionsUser(hostile, 'UBOT');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
