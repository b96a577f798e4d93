/**
 * Reads the hand-written overlay in catalog/curation/*.yaml: one record per code with the judgment the
 * official texts lack. Every problem names the file, the code and the field.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { contactSchema, severitySchema } from '../../src/core/catalog/schema.js';
import { STEP_MAX, SUMMARY_MAX, TAGS } from './vocabulary.js';

const line = z
  .string()
  .trim()
  .min(1)
  .refine((value) => !/[\r\n]/.test(value), 'must be one line');

/** one curation record as written in catalog/curation/*.yaml (format: catalog/README.md) */
export const curationRecordSchema = z.strictObject({
  summary: line.refine((value) => value.length <= SUMMARY_MAX, `at most ${SUMMARY_MAX} characters`),
  severity: severitySchema.optional(),
  contacts: z.array(contactSchema).optional(),
  nextSteps: z
    .array(line.refine((value) => value.length <= STEP_MAX, `at most ${STEP_MAX} characters`))
    .min(1)
    .max(5),
  security: line.optional(),
  tags: z.array(z.enum(TAGS)).optional(),
  zh: z.strictObject({
    summary: line,
    nextSteps: z.array(line).min(1).max(5),
    security: line.optional(),
  }),
  name: line.optional(),
  description: line.optional(),
  sources: z
    .array(z.strictObject({ id: line, url: z.url().optional() }))
    .min(1)
    .optional(),
});

export type CurationRecord = z.infer<typeof curationRecordSchema>;

/** a curated record with the file it came from */
export interface CuratedEntry {
  file: string;
  record: CurationRecord;
}

/** one curation file's name and text */
export interface CurationFile {
  file: string;
  text: string;
}

/** what reading the overlay produced: records by code, and every problem found */
export interface CurationResult {
  byCode: Map<number, CuratedEntry>;
  problems: string[];
}

/** checks that go beyond the shape: paired Chinese fields and the one-code-one-record rule */
function crossCheck(where: string, record: CurationRecord): string[] {
  const problems: string[] = [];
  if (record.zh.nextSteps.length !== record.nextSteps.length) {
    problems.push(
      `${where} field zh.nextSteps: has ${record.zh.nextSteps.length} steps, nextSteps has ${record.nextSteps.length}`,
    );
  }
  if (record.security && !record.zh.security)
    problems.push(`${where} field zh.security: required because security is set`);
  if (!record.security && record.zh.security)
    problems.push(`${where} field security: zh.security is set but security is not`);
  return problems;
}

/** parses and validates every curation file; never throws on bad content, it reports instead */
export function readCuration(files: readonly CurationFile[]): CurationResult {
  const byCode = new Map<number, CuratedEntry>();
  const problems: string[] = [];
  for (const { file, text } of files) {
    let data: unknown;
    try {
      data = parse(text);
    } catch (error: unknown) {
      problems.push(
        `${file}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      );
      continue;
    }
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      problems.push(`${file}: must be a mapping from code to record`);
      continue;
    }
    for (const [key, value] of Object.entries(data)) {
      const where = `${file} code ${key}`;
      if (!/^\d{5,7}$/.test(key)) {
        problems.push(`${where}: key must be a 5 to 7 digit code`);
        continue;
      }
      const parsed = curationRecordSchema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push(`${where} field ${issue.path.join('.') || '(record)'}: ${issue.message}`);
        }
        continue;
      }
      const code = Number(key);
      const earlier = byCode.get(code);
      if (earlier) {
        problems.push(`${where}: also curated in ${earlier.file}`);
        continue;
      }
      problems.push(...crossCheck(where, parsed.data));
      byCode.set(code, { file, record: parsed.data });
    }
  }
  return { byCode, problems };
}
