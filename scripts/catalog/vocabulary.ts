/**
 * Closed vocabularies of the catalog that the shared schema leaves open: tags, and the limits curation
 * text must respect. catalog/README.md documents each value.
 */

/** every tag an entry may carry; later issues filter and group by these exact strings */
export const TAGS = [
  'account',
  'app-registration',
  'b2b',
  'b2c',
  'conditional-access',
  'consent',
  'credentials',
  'cross-tenant',
  'device',
  'device-code',
  'federation',
  'interrupt',
  'kerberos',
  'linkedin',
  'lockout',
  'managed-identity',
  'mfa',
  'national-cloud',
  'oauth',
  'passthrough-auth',
  'password',
  'protocol',
  'risk',
  'saml',
  'seamless-sso',
  'service',
  'sspr',
  'tenant',
  'throttling',
  'token',
  'windows-hello',
  'ws-fed',
] as const;

export type Tag = (typeof TAGS)[number];

/** longest summary, in characters */
export const SUMMARY_MAX = 160;
/** longest next step, in characters */
export const STEP_MAX = 220;
