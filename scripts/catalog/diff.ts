/**
 * A short, readable summary of how a committed catalog differs from a fresh build.
 */

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** lines such as "changed 53003: nextSteps, zh" or "added 90025"; at most `limit` code lines */
export function summarizeDiff(committedText: string, builtText: string, limit = 40): string[] {
  let committed: Json;
  try {
    committed = asRecord(JSON.parse(committedText));
  } catch {
    return ['the committed catalog/catalog.json is not valid JSON'];
  }
  const built = asRecord(JSON.parse(builtText));
  const lines: string[] = [];
  const before = asRecord(committed.codes);
  const after = asRecord(built.codes);
  for (const code of Object.keys(after)) {
    if (!(code in before)) lines.push(`added ${code}`);
    else {
      const old = asRecord(before[code]);
      const now = asRecord(after[code]);
      const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])]
        .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]))
        .sort();
      if (fields.length > 0) lines.push(`changed ${code}: ${fields.join(', ')}`);
    }
  }
  for (const code of Object.keys(before)) if (!(code in after)) lines.push(`removed ${code}`);
  const shown = lines.slice(0, limit);
  if (lines.length > limit) shown.push(`… and ${lines.length - limit} more`);
  for (const key of ['schemaVersion', 'oauthErrors']) {
    if (JSON.stringify(committed[key]) !== JSON.stringify(built[key])) shown.push(`changed ${key}`);
  }
  if (shown.length === 0)
    shown.push('same content, different formatting (run npm run catalog:build)');
  return shown;
}
