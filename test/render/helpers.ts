/**
 * Shared helpers for the render tests: the catalog to loop over, replies built from catalog entries,
 * and the two card checks (the official SDK's parser and the vendored 1.5 JSON schema).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sdkBundle from 'adaptivecards/dist/adaptivecards.js';
import { Ajv } from 'ajv';
import {
  type CatalogData,
  type CatalogEntry,
  catalogSchema,
} from '../../src/core/catalog/schema.js';
import type { KnownCode, Locale, Reply, SignInContext, UnknownCode } from '../../src/core/reply.js';

const root = new URL('../../', import.meta.url);
const REAL_CATALOG = new URL('catalog/catalog.json', root);
const FIXTURE_CATALOG = new URL('test/fixtures/render/catalog.json', root);

/** the small hand-made catalog (always present) */
export function fixtureCatalog(): CatalogData {
  return catalogSchema.parse(JSON.parse(readFileSync(FIXTURE_CATALOG, 'utf8')));
}

/** the built catalog when it exists, else the fixture */
export function testCatalog(): { data: CatalogData; real: boolean } {
  if (existsSync(REAL_CATALOG)) {
    return {
      data: catalogSchema.parse(JSON.parse(readFileSync(REAL_CATALOG, 'utf8'))),
      real: true,
    };
  }
  return { data: fixtureCatalog(), real: false };
}

/** a catalog entry resolved to a locale, as the core hands it to renderers */
export function knownCode(entry: CatalogEntry, locale: Locale): KnownCode {
  const zh = locale === 'zh-CN' ? entry.zh : undefined;
  const security = zh?.security ?? entry.security;
  return {
    known: true,
    code: entry.code,
    match: 'code',
    ...(entry.name === undefined ? {} : { name: entry.name }),
    summary: zh?.summary ?? entry.summary,
    description: zh?.description ?? entry.description,
    severity: entry.severity,
    contacts: entry.contacts,
    nextSteps: zh?.nextSteps ?? entry.nextSteps,
    ...(security === undefined ? {} : { security }),
    tags: entry.tags,
    lookupUrl: `https://login.microsoftonline.com/error?code=${entry.code}`,
    translation: zh === undefined ? 'none' : zh.origin,
  };
}

/** an unknown code, optionally with a near neighbour */
export function unknownCode(code: number, near?: KnownCode): UnknownCode {
  return {
    known: false,
    code,
    match: 'code',
    lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
    ...(near === undefined
      ? {}
      : {
          didYouMean: {
            code: near.code,
            summary: near.summary,
            ...(near.name === undefined ? {} : { name: near.name }),
          },
        }),
  };
}

/** typical ids from a pasted error */
export const SAMPLE_CONTEXT: SignInContext = {
  correlationId: '4b3c9a51-7b6f-4b5e-9d7f-0a9f2d9e7c11',
  requestId: '9e1f6c3a-2d4b-4c8e-a1f0-3b2d5e6f7a80',
  timestamp: '2026-11-23 09:12:44Z',
  traceId: 'c0ffee00-1234-4abc-8def-001122334455',
};

/** an explain reply with sensible defaults */
export function explainReply(
  codes: (KnownCode | UnknownCode)[],
  locale: Locale,
  extra: Partial<Extract<Reply, { kind: 'explain' }>> = {},
): Extract<Reply, { kind: 'explain' }> {
  return {
    kind: 'explain',
    locale,
    codes,
    context: SAMPLE_CONTEXT,
    truncated: false,
    secrets: [],
    orgContacts: {},
    ...extra,
  };
}

// the UMD bundle exports the library object; the d.ts types live under lib/
type SdkEvent = { message: string; phase: number; event: number };
type SdkLib = {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    validateProperties(): { validationEvents: SdkEvent[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): SdkEvent };
};
const sdk = sdkBundle as SdkLib;

/** every parse and validation message the official SDK reports for a card */
export function sdkIssues(card: unknown): string[] {
  const parsed = new sdk.AdaptiveCard();
  const ctx = new sdk.SerializationContext();
  parsed.parse(card, ctx);
  const issues: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) issues.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents)
    issues.push(`validate: ${e.message}`);
  return issues;
}

const require = createRequire(import.meta.url);
const { id: schemaId, ...schemaBody } = JSON.parse(
  readFileSync(new URL('cards/schema/adaptive-card-1.5.json', root), 'utf8'),
) as Record<string, unknown>;
// the upstream file is draft-06 but names itself with the draft-04 `id`, which Ajv 8 refuses: move it to `$id`
const schema = { $id: String(schemaId), ...schemaBody };
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'https://example.invalid/'));
const validate = ajv.compile(schema);

/** JSON-schema errors against the vendored Adaptive Card 1.5 schema */
export function schemaErrors(card: unknown): string[] {
  if (validate(card)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** every string anywhere in a JSON value, with its key */
export function strings(value: unknown, key = ''): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  const stack: [unknown, string][] = [[value, key]];
  while (stack.length > 0) {
    const [v, k] = stack.pop()!;
    if (typeof v === 'string') out.push({ key: k, value: v });
    else if (Array.isArray(v)) for (const item of v) stack.push([item, k]);
    else if (v !== null && typeof v === 'object') {
      for (const [ck, cv] of Object.entries(v)) stack.push([cv, ck]);
    }
  }
  return out;
}
