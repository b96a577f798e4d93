/**
 * Microsoft's references write most entries as "SymbolicName - description". This splits the name off
 * only when the leading token really is a symbolic name (one CamelCase word), so plain sentences such as
 * "Invalid URI - domain name contains…" or "Session mismatch - Session is invalid…" keep their text.
 */

const SYMBOLIC_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/** true for one-word CamelCase identifiers with at least two capitals and a lower-case letter */
export function isSymbolicName(token: string): boolean {
  if (!SYMBOLIC_NAME.test(token) || token.length < 4) return false;
  const capitals = token.replace(/[^A-Z]/g, '').length;
  return capitals >= 2 && /[a-z]/.test(token);
}

/** a source entry split into its symbolic name (if any) and the remaining description */
export interface NamedText {
  name?: string;
  description?: string;
}

/** splits "Name - text", "Name- text", a bare "Name", and "Invalid Request - Name - text" */
export function splitName(text: string): NamedText {
  const trimmed = text.trim();
  if (isSymbolicName(trimmed)) return { name: trimmed };
  const leading = /^([A-Za-z0-9_]+)\s*-\s+([\s\S]*)$/.exec(trimmed);
  if (leading?.[1] && isSymbolicName(leading[1])) {
    return withDescription(leading[1], leading[2] ?? '');
  }
  // 50192 reads "Invalid Request - RawCredentialExpectedNotFound - No Credential was included…"
  const second = /^Invalid Request\s+-\s+([A-Za-z0-9_]+)\s+-\s+([\s\S]*)$/.exec(trimmed);
  if (second?.[1] && isSymbolicName(second[1])) {
    return withDescription(second[1], second[2] ?? '');
  }
  return trimmed === '' ? {} : { description: trimmed };
}

function withDescription(name: string, rest: string): NamedText {
  const description = rest.trim();
  return description === '' ? { name } : { name, description };
}
