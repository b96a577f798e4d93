/**
 * Shapes shared by the catalog build: what a source parser returns and how sources are identified.
 */

/** stable ids of the vendored sources in catalog/sources (documented in catalog/sources/README.md) */
export const SOURCE_IDS = [
  'entra-reference-current',
  'aadsts-reference-2023',
  'signin-report-2019',
  'signin-report-2019-zh',
  'security-watchlist',
  'troubleshoot-signin-2023',
] as const;

export type SourceId = (typeof SOURCE_IDS)[number];

/** one code as a single source states it, text already cleaned of markup */
export interface SourceRecord {
  code: number;
  /** Microsoft's symbolic name, when the source gives one */
  name?: string;
  /** cleaned text; absent when the source lists the code without any text */
  description?: string;
  /** further texts the same source gives the code when it lists it more than once */
  alternates?: string[];
}

/** a vendored file: its id, file name under catalog/sources and public page, if it has one */
export interface SourceFile {
  id: SourceId;
  file: string;
  url?: string;
}

/** the vendored files, in order of preference for the official description */
export const SOURCE_FILES: readonly SourceFile[] = [
  {
    id: 'entra-reference-current',
    file: 'entra-reference-current.md',
    url: 'https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes',
  },
  {
    id: 'aadsts-reference-2023',
    file: 'aadsts-reference-2023.txt',
    url: 'https://learn.microsoft.com/en-us/azure/active-directory/develop/reference-aadsts-error-codes',
  },
  {
    id: 'signin-report-2019',
    file: 'signin-report-2019.md',
    url: 'https://docs.microsoft.com/en-us/azure/active-directory/reports-monitoring/reference-sign-ins-error-codes',
  },
  {
    id: 'signin-report-2019-zh',
    file: 'signin-report-2019.zh-CN.md',
    url: 'https://docs.microsoft.com/zh-cn/azure/active-directory/reports-monitoring/reference-sign-ins-error-codes',
  },
  // a security team's note with no public address
  { id: 'security-watchlist', file: 'security-watchlist.md' },
  {
    id: 'troubleshoot-signin-2023',
    file: 'troubleshoot-signin-2023.md',
    url: 'https://learn.microsoft.com/en-us/azure/active-directory/reports-monitoring/howto-troubleshoot-sign-in-errors',
  },
];
