/**
 * Reads catalog/oauth-errors.yaml: the OAuth 2.0 `error` values, in the project's words, with Chinese.
 */
import { parse } from 'yaml';
import { type OAuthErrorEntry, oauthErrorSchema } from '../../src/core/catalog/schema.js';

/** validates every record; problems name the error value and the field */
export function readOAuthErrors(text: string): {
  entries: Record<string, OAuthErrorEntry>;
  problems: string[];
} {
  const data: unknown = parse(text);
  const entries: Record<string, OAuthErrorEntry> = {};
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      entries,
      problems: ['catalog/oauth-errors.yaml: must be a mapping from error value to record'],
    };
  }
  for (const [error, value] of Object.entries(data)) {
    const parsed = oauthErrorSchema.safeParse({ error, ...(value as object) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`oauth error ${error} field ${issue.path.join('.')}: ${issue.message}`);
      }
      continue;
    }
    entries[error] = parsed.data;
  }
  return { entries, problems };
}
