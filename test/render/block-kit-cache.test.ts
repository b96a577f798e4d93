/**
 * The Block Kit cache (src/render/block-kit.ts): whatever the reply, the message is byte for byte
 * the one built from scratch, cache hit or miss, share button or not; blocksJson is exactly
 * JSON.stringify of the blocks; what is kept never holds pasted text; the cache stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_CACHE_SIZE,
  type BlockKitOptions,
  blocksJson,
  cachedBlockContent,
  cachedBlockParts,
  toBlockKit,
  toBlockKitUncached,
} from '../../src/render/block-kit.js';
import { knownCode, unknownCode } from './helpers.js';
import { type Explain, entries, explainArbitraries } from './reply-arbitraries.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 150);

const PIECE = fc.constantFrom(
  '<https://evil.example|click>',
  '<!channel>',
  '<@U024BE7LH>',
  '*b*',
  '_i_',
  '`c`',
  '~s~',
  '&amp;',
  '\n',
  'a@b.example',
  '5b1c0a7e-2d3f-4a5b-8c9d-0e1f2a3b4c5d',
  '2026-11-20T08:14:07Z',
  ' ',
);
const text = fc.oneof(
  fc.array(PIECE, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 80 }),
  // long enough to push a message past the size budget, so blocks are dropped
  fc.string({ minLength: 900, maxLength: 2500 }),
);
const { locale, paste, orgContacts, codes } = explainArbitraries(text);
const options: fc.Arbitrary<BlockKitOptions> = fc.oneof(
  fc.constant({}),
  fc.record({ share: fc.record({ value: fc.string({ maxLength: 40 }) }) }),
);

describe('cached Block Kit explanations', () => {
  it('are byte for byte the message built from scratch, on a miss and on every hit', () => {
    fc.assert(
      fc.property(
        codes,
        locale,
        // two sets of contacts for the same codes: the second must not get the first one's blocks
        fc.tuple(orgContacts, orgContacts),
        fc.array(fc.tuple(paste, options), { minLength: 1, maxLength: 4 }),
        (found, loc, orgs, pastes) => {
          for (const [[p, opts], org] of [...pastes, ...pastes].flatMap((x) =>
            orgs.map((o) => [x, o] as const),
          )) {
            const reply: Explain = {
              kind: 'explain',
              locale: loc,
              codes: found,
              orgContacts: org,
              ...p,
            };
            const cached = toBlockKit(reply, opts);
            const fresh = toBlockKitUncached(reply, opts);
            expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));
            expect(blocksJson(cached)).toBe(JSON.stringify(cached.blocks));
          }
        },
      ),
      { numRuns },
    );
  });

  it('keep no pasted text', () => {
    const planted = 'PLANTED-51a9c2';
    for (const e of entries.slice(0, 5)) {
      const reply: Explain = {
        kind: 'explain',
        locale: 'en',
        codes: [knownCode(e, 'en')],
        orgContacts: {},
        truncated: true,
        secrets: ['client-secret'],
        context: { correlationId: `${planted}-c`, traceId: `${planted}-t`, appId: `${planted}-a` },
      };
      expect(JSON.stringify(toBlockKit(reply, { share: { value: `${planted}-s` } }))).toContain(
        `${planted}-c`,
      );
      expect(cachedBlockContent()).not.toContain(planted);
    }
  });

  it('stay within the cache bound however many keys are seen', () => {
    for (let i = 0; i < BLOCK_CACHE_SIZE + 40; i++) {
      toBlockKit({
        kind: 'explain',
        locale: 'en',
        codes: [unknownCode(30_000 + i)],
        context: {},
        truncated: false,
        secrets: [],
        orgContacts: {},
      });
    }
    expect(cachedBlockParts()).toBeLessThanOrEqual(BLOCK_CACHE_SIZE);
  });

  it('share blocks only as read-only objects', () => {
    const reply = (correlationId: string): Explain => ({
      kind: 'explain',
      locale: 'en',
      codes: [knownCode(entries[0]!, 'en')],
      context: { correlationId },
      truncated: false,
      secrets: [],
      orgContacts: {},
    });
    const first = toBlockKit(reply('first-id'));
    const second = toBlockKit(reply('second-id'));
    expect(first.blocks).not.toBe(second.blocks);
    const shared = first.blocks.filter((b) => second.blocks.includes(b));
    expect(shared.length).toBeGreaterThan(0);
    for (const block of shared) expect(Object.isFrozen(block)).toBe(true);
    expect(JSON.stringify(first)).not.toContain('second-id');
  });
});
