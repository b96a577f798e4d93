/**
 * MSAL prints the OAuth error name, the code and a dash before the message:
 * "invalid_request: 9002326 - [2024-05-01 10:00:00Z]: AADSTS9002326: …". The number counts as a
 * code only in that exact shape.
 */
import { readCode, skipBlanks } from './text-util.js';
import type { Hit } from './types.js';

/** OAuth 2.0 error values Microsoft's token endpoint returns (RFC 6749 section 5.2 and extensions) */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_grant',
  'invalid_client',
  'invalid_scope',
  'invalid_resource',
  'unauthorized_client',
  'unsupported_grant_type',
  'interaction_required',
  'consent_required',
  'login_required',
  'access_denied',
  'temporarily_unavailable',
  'server_error',
  'authorization_pending',
  'expired_token',
]);

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95; // a-z and _
}

/** codes in "error_name: NNNNN -" found in the lower-cased head; every name has an underscore */
export function oauthCodes(s: string, lower: string): Hit[] {
  const hits: Hit[] = [];
  let i = lower.indexOf('_');
  while (i !== -1) {
    let start = i;
    while (start > 0 && i - start < 24 && isNameChar(lower.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < lower.length && end - i < 24 && isNameChar(lower.charCodeAt(end))) end++;
    if (s.charCodeAt(end) === 58 /* : */ && OAUTH_ERRORS.has(lower.slice(start, end))) {
      const p = skipBlanks(s, end + 1, 4);
      const code = readCode(s, p);
      if (code) {
        const q = skipBlanks(s, code.end, 4);
        if (s.charCodeAt(q) === 45 /* - */) hits.push({ index: p, code: code.code, via: 'oauth' });
      }
    }
    i = lower.indexOf('_', end);
  }
  return hits;
}
