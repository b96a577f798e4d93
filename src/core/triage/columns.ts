/**
 * Column names → fields. The exports name the same thing differently: the Entra portal's download
 * ("Date (UTC)", "Username", "IP address", "Application", "Status", "Sign-in error code", "Client app"),
 * Log Analytics SigninLogs ("TimeGenerated [UTC]", "UserPrincipalName", "IPAddress", "AppDisplayName",
 * "ResultType", "ClientAppUsed") and Graph signIns JSON ("createdDateTime", "userPrincipalName",
 * "ipAddress", "appDisplayName", "status": {"errorCode"}, "clientAppUsed").
 * See https://learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs and
 * https://learn.microsoft.com/graph/api/resources/signin
 */
import { parseTimestamp } from './time.js';
import type { InputShape, Outcome, SignInRow } from './types.js';

export type Field = 'code' | 'status' | 'time' | 'user' | 'ip' | 'app' | 'clientApp';
export const FIELDS: readonly Field[] = [
  'code',
  'status',
  'time',
  'user',
  'ip',
  'app',
  'clientApp',
];

// normalized header → field and preference (lower wins when a file has several candidates)
const ALIASES: Record<string, readonly [Field, number]> = {
  resulttype: ['code', 1],
  signinerrorcode: ['code', 1],
  statuserrorcode: ['code', 1],
  errorcode: ['code', 2],
  登录错误代码: ['code', 1],
  错误代码: ['code', 3],
  status: ['status', 1],
  result: ['status', 3],
  状态: ['status', 2],
  createddatetime: ['time', 1],
  timegenerated: ['time', 1],
  date: ['time', 2],
  datetime: ['time', 2],
  timestamp: ['time', 3],
  time: ['time', 4],
  日期: ['time', 3],
  userprincipalname: ['user', 1],
  username: ['user', 2],
  用户名: ['user', 2],
  user: ['user', 3],
  用户: ['user', 3],
  signinidentifier: ['user', 4],
  userid: ['user', 5],
  userdisplayname: ['user', 6],
  ipaddress: ['ip', 1],
  ip地址: ['ip', 1],
  clientip: ['ip', 2],
  ip: ['ip', 3],
  appdisplayname: ['app', 1],
  application: ['app', 2],
  应用程序: ['app', 2],
  app: ['app', 3],
  clientappused: ['clientApp', 1],
  clientapp: ['clientApp', 2],
  客户端应用: ['clientApp', 2],
};

const UTC_SUFFIX = /[([]utc[)\]]/g;
const SEPARATORS = /[\s\-_.()[\]:/]+/g;

/** lower case, "(UTC)"/"[UTC]" and separators removed: "TimeGenerated [UTC]" → "timegenerated" */
export function normalizeHeader(header: string): string {
  const capped = header.length > 80 ? header.slice(0, 80) : header;
  return capped.toLowerCase().replace(UTC_SUFFIX, '').replace(SEPARATORS, '');
}

/** the field a header names, with its preference, or undefined */
export function fieldOf(header: string): readonly [Field, number] | undefined {
  return ALIASES[normalizeHeader(header)];
}

/** column index per field for a CSV header row */
export type ColumnMap = Partial<Record<Field, number>>;

/** picks the preferred column for each field */
export function mapColumns(headers: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  const rank: Partial<Record<Field, number>> = {};
  headers.forEach((header, index) => {
    const hit = fieldOf(header);
    if (hit === undefined) return;
    const [field, preference] = hit;
    if ((rank[field] ?? Number.POSITIVE_INFINITY) > preference) {
      rank[field] = preference;
      map[field] = index;
    }
  });
  return map;
}

/** which export a set of normalized names looks like */
export function shapeOf(names: ReadonlySet<string>): InputShape {
  if (names.has('signinerrorcode') || (names.has('date') && names.has('username'))) {
    return 'entra-portal-csv';
  }
  if (names.has('resulttype') || names.has('timegenerated')) return 'log-analytics';
  if (names.has('createddatetime') && names.has('status')) return 'graph-json';
  return 'generic';
}

const INTEGER = /^\s{0,4}-?\d{1,9}\s{0,4}$/;

/** a code from a cell or a JSON value ("50126", 50126); undefined for anything else */
export function parseCode(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // the usual cell is 1 to 7 plain digits: read it without a regex
  const n = value.length;
  if (n > 0 && n <= 9) {
    let code = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      code = code * 10 + d;
    }
    if (i === n) return code;
  }
  return INTEGER.test(value) ? Number(value) : undefined;
}

const SUCCESS_WORDS = new Set(['success', 'succeeded', 'successful', '成功']);
const FAILURE_WORDS = new Set(['failure', 'failed', 'interrupted', '失败', '中断']);
const MAX_STATUS_JSON = 4096;

/** reads a status cell: a word (portal) or a JSON object text (Log Analytics CSV) or an object (JSON) */
export function readStatus(value: unknown): { code?: number; outcome?: Outcome } {
  if (value !== null && typeof value === 'object') {
    // Graph writes errorCode; PowerShell's Get-MgAuditLogSignIn | ConvertTo-Json writes ErrorCode
    const status = value as Record<string, unknown>;
    const code = parseCode(status.errorCode ?? status.ErrorCode);
    return code === undefined ? {} : { code };
  }
  if (typeof value !== 'string') return {};
  const text = value.trim();
  if (text.startsWith('{') && text.length <= MAX_STATUS_JSON) {
    try {
      return readStatus(JSON.parse(text) as unknown);
    } catch {
      return {};
    }
  }
  const word = text.toLowerCase();
  if (SUCCESS_WORDS.has(word)) return { outcome: 'success' };
  if (FAILURE_WORDS.has(word)) return { outcome: 'failure' };
  return {};
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** builds a normalized row from raw field values */
export function buildRow(raw: Partial<Record<Field, unknown>>): SignInRow {
  let code = parseCode(raw.code);
  let outcome: Outcome = 'unknown';
  if (code === undefined && raw.status !== undefined) {
    const status = readStatus(raw.status);
    code = status.code;
    if (status.outcome !== undefined) outcome = status.outcome;
  }
  if (code !== undefined) outcome = code === 0 ? 'success' : 'failure';
  const timeText = text(raw.time);
  const time = timeText === undefined ? undefined : parseTimestamp(timeText);
  return {
    code,
    outcome,
    time: time === undefined && timeText !== undefined ? Number.NaN : time,
    user: text(raw.user),
    ip: text(raw.ip),
    app: text(raw.app),
    clientApp: text(raw.clientApp),
  };
}

const keyCache = new Map<string, readonly [Field, number] | null>();
const KEY_CACHE_MAX = 1024;

function cachedField(key: string): readonly [Field, number] | undefined {
  let hit = keyCache.get(key);
  if (hit === undefined) {
    hit = fieldOf(key) ?? null;
    if (keyCache.size < KEY_CACHE_MAX) keyCache.set(key, hit);
  }
  return hit ?? undefined;
}

/** a normalized row from one JSON object (Graph signIn, Log Analytics JSON row, or a flat object) */
export function rowFromObject(obj: Record<string, unknown>, names?: Set<string>): SignInRow {
  const raw: Partial<Record<Field, unknown>> = {};
  const rank: Partial<Record<Field, number>> = {};
  for (const key of Object.keys(obj)) {
    const hit = cachedField(key);
    if (hit === undefined) continue;
    names?.add(normalizeHeader(key));
    const [field, preference] = hit;
    const value = obj[key];
    if (value === null || value === undefined || value === '') continue;
    if ((rank[field] ?? Number.POSITIVE_INFINITY) > preference) {
      rank[field] = preference;
      raw[field] = value;
    }
  }
  return buildRow(raw);
}
