/**
 * Family defaults (catalog/families.yaml): severity, contacts and tags shared by a range of codes,
 * matched by the code's decimal digits. Curation overrides severity and contacts; tags are merged.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { contactSchema, severitySchema } from '../../src/core/catalog/schema.js';
import { TAGS } from './vocabulary.js';

/** one family as written in catalog/families.yaml */
export const familySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  /** digit patterns: "?" is one digit, "*" any number of digits, e.g. "20???" or "700*" */
  match: z.array(z.string().regex(/^[0-9?*]+$/)).min(1),
  severity: severitySchema.optional(),
  contacts: z.array(contactSchema).optional(),
  tags: z.array(z.enum(TAGS)).default([]),
});

export type Family = z.infer<typeof familySchema>;

const fileSchema = z.strictObject({ families: z.array(familySchema).min(1) });

/** parses catalog/families.yaml; throws with the failing path when it is malformed */
export function readFamilies(text: string): Family[] {
  const parsed = fileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `catalog/families.yaml field ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data.families;
}

function patternToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\?/g, '\\d').replace(/\*/g, '\\d*')}$`);
}

/** how specific a pattern is: its count of literal digits */
const specificity = (pattern: string): number => pattern.replace(/[?*]/g, '').length;

/** the family whose best-matching pattern has the most literal digits; earlier families win ties */
export function familyFor(code: number, families: readonly Family[]): Family | undefined {
  const digits = String(code);
  let best: { family: Family; score: number } | undefined;
  for (const family of families) {
    for (const pattern of family.match) {
      if (!patternToRegExp(pattern).test(digits)) continue;
      const score = specificity(pattern);
      if (!best || score > best.score) best = { family, score };
    }
  }
  return best?.family;
}
