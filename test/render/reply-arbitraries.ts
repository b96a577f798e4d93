/**
 * fast-check arbitraries for explain replies, shared by the card and Block Kit cache properties.
 * Each renderer brings its own hostile `text` (its platform's markup); the rest is built from it:
 * a small pool of catalog codes (so runs share codes and hit what earlier runs cached), unknown
 * codes with and without a near match, pasted context, secrets, truncation and contacts.
 */
import fc from 'fast-check';
import { LOCALES, type OrgContacts, type Reply, type SignInContext } from '../../src/core/reply.js';
import { knownCode, testCatalog, unknownCode } from './helpers.js';

export type Explain = Extract<Reply, { kind: 'explain' }>;

const { data } = testCatalog();

/** catalog entries of the test catalog */
export const entries = Object.values(data.codes);

/** the parts of an explain reply, with `text` standing for anything a paste or catalog may hold */
export function explainArbitraries(text: fc.Arbitrary<string>) {
  const locale = fc.constantFrom(...LOCALES);
  const context: fc.Arbitrary<SignInContext> = fc.record(
    { traceId: text, correlationId: text, requestId: text, timestamp: text, appId: text },
    { requiredKeys: [] },
  );
  const paste = fc.record({
    context,
    truncated: fc.boolean(),
    secrets: fc.array(fc.constantFrom('jwt' as const, 'client-secret' as const), {
      maxLength: 3,
    }),
  });
  const orgContacts: fc.Arbitrary<OrgContacts> = fc.oneof(
    fc.constant({}),
    fc.constant({ 'tenant-admin': { name: 'IT desk', channel: '#it-help' } }),
    fc.record(
      {
        'tenant-admin': fc.record({ name: text }),
        'app-owner': fc.record({ name: text, url: text }),
        user: fc.record({ name: text, url: text }),
      },
      { requiredKeys: [] },
    ),
  );
  const entry = fc.constantFrom(...entries.slice(0, 12));
  const hostile = fc.record({ summary: text, name: text, description: text }, { requiredKeys: [] });
  const known = fc
    .tuple(entry, locale, fc.option(hostile, { nil: undefined }))
    .map(([e, l, fields]) => ({ ...knownCode(e, l), ...(fields ?? {}) }));
  const unknown = fc
    .tuple(fc.integer({ min: 10_000, max: 10_040 }), fc.option(known, { nil: undefined }))
    .map(([code, near]) => unknownCode(code, near));
  const codes = fc.array(fc.oneof(known, known, unknown), { minLength: 1, maxLength: 7 });
  return { locale, context, paste, orgContacts, known, unknown, codes };
}
