/**
 * The catalog's schema: the runtime check and the TypeScript types in one place.
 * Field meanings are documented in catalog/README.md.
 */
import { z } from 'zod';

/** how bad a failure is; the rubric lives in catalog/README.md */
export const SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
/** who has to act, primary first */
export const CONTACTS = ['user', 'tenant-admin', 'app-owner', 'idp', 'microsoft-support'] as const;

export const severitySchema = z.enum(SEVERITIES);
export const contactSchema = z.enum(CONTACTS);

export type Severity = z.infer<typeof severitySchema>;
export type Contact = z.infer<typeof contactSchema>;

const text = z.string().trim().min(1);

/** where a fact came from: a vendored source id (catalog/sources) or an external URL */
export const sourceRefSchema = z.strictObject({
  /** id of a vendored source (e.g. "learn-aadsts-2023") or "web" for an external page */
  id: text,
  /** page the fact was checked against */
  url: z.url().optional(),
});

/** a different text (or code number) for the same error in another source */
export const alternateSchema = z.strictObject({
  source: text,
  /** the other source's code number when it differs (e.g. 50148 vs 501481) */
  code: z.number().int().optional(),
  text: text,
});

/** Chinese (zh-CN) fields */
export const zhSchema = z.strictObject({
  summary: text,
  /** official translated description where one exists */
  description: text.optional(),
  nextSteps: z.array(text).min(1).max(5),
  security: text.optional(),
  /** "official": the description comes from Microsoft's zh-CN page; "project": our own translation */
  origin: z.enum(['official', 'project']),
});

export const catalogEntrySchema = z.strictObject({
  code: z.number().int().min(10_000).max(9_999_999),
  /** Microsoft's symbolic name, e.g. BlockedByConditionalAccess */
  name: text.optional(),
  /** one plain-language line in the project's words */
  summary: text,
  /** the official text, cleaned of markup */
  description: text,
  severity: severitySchema,
  contacts: z.array(contactSchema),
  nextSteps: z.array(text).min(1).max(5),
  security: text.optional(),
  tags: z.array(text).min(1),
  sources: z.array(sourceRefSchema).min(1),
  alternates: z.array(alternateSchema).optional(),
  zh: zhSchema,
});

export const oauthErrorSchema = z.strictObject({
  error: text,
  meaning: text,
  clientAction: text,
  zh: z.strictObject({ meaning: text, clientAction: text }),
  sources: z.array(sourceRefSchema).min(1),
});

export const catalogSchema = z.strictObject({
  /** format version of this file */
  schemaVersion: z.literal(1),
  /** codes keyed by their decimal string, sorted ascending */
  codes: z.record(z.string().regex(/^\d{5,7}$/), catalogEntrySchema),
  oauthErrors: z.record(z.string(), oauthErrorSchema),
});

export type SourceRef = z.infer<typeof sourceRefSchema>;
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type OAuthErrorEntry = z.infer<typeof oauthErrorSchema>;
export type CatalogData = z.infer<typeof catalogSchema>;
