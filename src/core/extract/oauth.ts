/**
 * MSAL prints the OAuth error name, the code and a dash before the message:
 * "invalid_request: 9002326 - [2024-05-01 10:00:00Z]: AADSTS9002326: …". The number counts as a
 * code only in that exact shape.
 */
import { readCode, skipBlanks } from './text-util.js';
import type { Hit } from './types.js';

/** OAuth 2.0 error values Microsoft's token endpoint returns (RFC 6749 section 5.2 and extensions) */
const OAUTH_ERRORS = [
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
];

/** codes in "error_name: NNNNN -" found in the lower-cased head */
export function oauthCodes(s: string, lower: string): Hit[] {
  const hits: Hit[] = [];
  for (const name of OAUTH_ERRORS) {
    let i = lower.indexOf(name);
    while (i !== -1) {
      let p = i + name.length;
      if (s.charCodeAt(p) === 58 /* : */) {
        p = skipBlanks(s, p + 1, 4);
        const code = readCode(s, p);
        if (code) {
          const q = skipBlanks(s, code.end, 4);
          if (s.charCodeAt(q) === 45 /* - */)
            hits.push({ index: p, code: code.code, via: 'oauth' });
        }
      }
      i = lower.indexOf(name, i + name.length);
    }
  }
  return hits;
}
