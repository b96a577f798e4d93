/**
 * Synthetic sign-in logs in the shapes of the real exports (Entra admin center CSV download, Log
 * Analytics SigninLogs CSV and JSON, Graph auditLogs/signIns pages, NDJSON), anonymised: users at
 * contoso.example, addresses from the documentation ranges (RFC 5737), made-up GUIDs.
 */

/** one sign-in event before it is written in some export's shape */
export interface SignInEvent {
  time: number;
  user: string;
  ip: string;
  app: string;
  code: number;
  clientApp?: string;
}

const APPS: Record<string, string> = {
  'Office 365 Exchange Online': '00000002-0000-0ff1-ce00-000000000000',
  'Microsoft Teams': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  'Azure Portal': 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  'Office 365 SharePoint Online': '00000003-0000-0ff1-ce00-000000000000',
  'Contoso Payroll': '5d1c3a4e-2b7f-4c9a-9e61-0f2d8b7a6c11',
};

const REASONS: Record<number, string> = {
  0: '',
  50126: 'Error validating credentials due to invalid username or password.',
  50053:
    'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  50074: 'Strong Authentication is required.',
  500121: 'Authentication failed during strong authentication request.',
  53003:
    'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  50140: "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.",
  50058: 'Session information is not sufficient for single-sign-on.',
  16000:
    'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
};

/** a deterministic GUID-shaped id */
export function fakeGuid(seed: number): string {
  const hex = (n: number, width: number) =>
    (n >>> 0).toString(16).padStart(width, '0').slice(-width);
  const a = Math.imul(seed + 1, 2654435761);
  const b = Math.imul(seed + 7, 40503);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(a >>> 4, 3)}-a${hex(b >>> 3, 3)}-${hex(a ^ b, 8)}${hex(seed, 4)}`;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function row(cells: string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** the Log Analytics portal's en-US time text: "11/20/2026, 8:15:30.123 AM" */
export function laTime(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
}

export const PORTAL_HEADERS = [
  'Date (UTC)',
  'Request ID',
  'User agent',
  'Correlation ID',
  'User ID',
  'User',
  'Username',
  'User type',
  'Cross tenant access type',
  'Incoming token type',
  'Authentication Protocol',
  'Unique token identifier',
  'Application',
  'Application ID',
  'Resource',
  'Resource ID',
  'Resource tenant ID',
  'Home tenant ID',
  'IP address',
  'Location',
  'Status',
  'Sign-in error code',
  'Failure reason',
  'Client app',
  'Device ID',
  'Browser',
  'Operating System',
  'Compliant',
  'Managed',
  'Join Type',
  'Multifactor authentication result',
  'Authentication requirement',
  'Sign-in identifier',
  'IP address (seen by resource)',
  'Latency',
  'Conditional Access',
];

const TENANT = '9c7d2e51-8a34-4f6b-b1d0-3e5a7c9f2b64';

/** one row of the Entra admin center's sign-in log download */
export function portalRow(e: SignInEvent, i: number): string {
  const status =
    e.code === 0
      ? 'Success'
      : [50140, 50058, 16000, 50074].includes(e.code)
        ? 'Interrupted'
        : 'Failure';
  const name = e.user.split('@')[0] ?? e.user;
  return row([
    iso(e.time),
    fakeGuid(i),
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    fakeGuid(i + 1e6),
    fakeGuid(hashName(e.user)),
    name.replace('.', ' '),
    e.user,
    'Member',
    'none',
    'none',
    'none',
    `tok${i.toString(36)}`,
    e.app,
    APPS[e.app] ?? fakeGuid(7),
    'Microsoft Graph',
    '00000003-0000-0000-c000-000000000000',
    TENANT,
    TENANT,
    e.ip,
    'Seattle, Washington, US',
    status,
    String(e.code),
    REASONS[e.code] ?? 'Other.',
    e.clientApp ?? 'Browser',
    '',
    'Edge 120.0.0',
    'Windows10',
    'false',
    'false',
    '',
    '',
    'Single-factor authentication',
    e.user,
    '',
    String(40 + (i % 200)),
    e.code === 53003 ? 'Failure' : 'Not Applied',
  ]);
}

export const LA_HEADERS = [
  'TenantId',
  'SourceSystem',
  'TimeGenerated [UTC]',
  'ResourceId',
  'OperationName',
  'OperationVersion',
  'Category',
  'ResultType',
  'ResultSignature',
  'ResultDescription',
  'DurationMs',
  'CorrelationId',
  'Resource',
  'ResourceGroup',
  'Identity',
  'Level',
  'Location',
  'AppDisplayName',
  'AppId',
  'AuthenticationRequirement',
  'ClientAppUsed',
  'ConditionalAccessStatus',
  'DeviceDetail',
  'IPAddress',
  'IsInteractive',
  'LocationDetails',
  'ResourceDisplayName',
  'Status',
  'UserDisplayName',
  'UserId',
  'UserPrincipalName',
  'UserType',
  'Type',
];

function laStatus(code: number): string {
  if (code === 0) return '{"errorCode":0}';
  const status: Record<string, unknown> = {
    errorCode: code,
    failureReason: REASONS[code] ?? 'Other.',
  };
  if (code === 500121)
    status.additionalDetails = 'MFA denied; user did not respond to mobile app notification';
  return JSON.stringify(status);
}

/** one row of a Log Analytics SigninLogs export (CSV) */
export function laRow(e: SignInEvent, i: number): string {
  const name = e.user.split('@')[0] ?? e.user;
  return row([
    TENANT,
    'Azure AD',
    laTime(e.time),
    `/tenants/${TENANT}/providers/Microsoft.aadiam`,
    'Sign-in activity',
    '1.0',
    'SignInLogs',
    String(e.code),
    e.code === 0 ? 'SUCCESS' : 'FAILURE',
    REASONS[e.code] ?? '',
    '0',
    fakeGuid(i),
    'Microsoft.aadiam',
    'Microsoft.aadiam',
    name,
    '4',
    'US',
    e.app,
    APPS[e.app] ?? fakeGuid(7),
    'singleFactorAuthentication',
    e.clientApp ?? 'Browser',
    e.code === 53003 ? 'failure' : 'notApplied',
    '{"deviceId":"","operatingSystem":"Windows10","browser":"Edge 120.0.0"}',
    e.ip,
    'true',
    '{"city":"Seattle","state":"Washington","countryOrRegion":"US"}',
    'Microsoft Graph',
    laStatus(e.code),
    name,
    fakeGuid(hashName(e.user)),
    e.user,
    'Member',
    'SigninLogs',
  ]);
}

/** one Graph signIn object */
export function graphObject(e: SignInEvent, i: number): Record<string, unknown> {
  return {
    id: fakeGuid(i),
    createdDateTime: iso(e.time),
    userDisplayName: (e.user.split('@')[0] ?? '').replace('.', ' '),
    userPrincipalName: e.user,
    userId: fakeGuid(hashName(e.user)),
    appId: APPS[e.app] ?? fakeGuid(7),
    appDisplayName: e.app,
    ipAddress: e.ip,
    clientAppUsed: e.clientApp ?? 'Browser',
    correlationId: fakeGuid(i + 1e6),
    conditionalAccessStatus: e.code === 53003 ? 'failure' : 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    status: {
      errorCode: e.code,
      failureReason: e.code === 0 ? 'Other.' : (REASONS[e.code] ?? 'Other.'),
      additionalDetails: null,
    },
    deviceDetail: {
      deviceId: '',
      displayName: '',
      operatingSystem: 'Windows 10',
      browser: 'Edge 120.0.0',
      isCompliant: false,
      isManaged: false,
      trustType: '',
    },
    location: {
      city: 'Seattle',
      state: 'Washington',
      countryOrRegion: 'US',
      geoCoordinates: { altitude: null, latitude: 47.6, longitude: -122.3 },
    },
    appliedConditionalAccessPolicies: [],
  };
}

/** one Log Analytics row as JSON (the JSON export keeps Status as an object) */
export function laObject(e: SignInEvent, i: number): Record<string, unknown> {
  return {
    TimeGenerated: new Date(e.time).toISOString(),
    ResultType: String(e.code),
    AppDisplayName: e.app,
    ClientAppUsed: e.clientApp ?? 'Browser',
    IPAddress: e.ip,
    UserPrincipalName: e.user,
    CorrelationId: fakeGuid(i),
    Status: JSON.parse(laStatus(e.code)) as unknown,
  };
}

export const FORMATS = ['portal-csv', 'la-csv', 'graph-json', 'la-json-array', 'ndjson'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** the whole export as text */
export function writeExport(events: SignInEvent[], format: ExportFormat): string {
  switch (format) {
    case 'portal-csv':
      return `\ufeff${row(PORTAL_HEADERS)}${events.map(portalRow).join('')}`;
    case 'la-csv':
      return `\ufeff${row(LA_HEADERS)}${events.map(laRow).join('')}`;
    case 'graph-json':
      return JSON.stringify({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
        value: events.map(graphObject),
        '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc',
      });
    case 'la-json-array':
      return JSON.stringify(events.map(laObject), null, 2);
    case 'ndjson':
      return events.map((e, i) => JSON.stringify(graphObject(e, i))).join('\n');
  }
}

function hashName(name: string): number {
  let h = 7;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 31) >>> 0;
  return h % 1_000_000;
}

/** a small deterministic random generator (tests and the benchmark must be repeatable) */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4_294_967_296;
  };
}
