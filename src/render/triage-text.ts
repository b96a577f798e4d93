/**
 * Words of the triage summary per locale: headings, pattern explanations and next steps, evidence
 * labels and error messages. Every renderer of a TriageSummary (table, Adaptive Card, Block Kit,
 * JSON) takes its text from here.
 */

import type { Locale } from '../core/reply.js';
import type { TriageErrorCode } from '../core/triage/errors.js';
import type { InputShape, PatternFinding, PatternId } from '../core/triage/types.js';

/** what a person reads about one pattern */
export interface PatternText {
  title: string;
  explanation: string;
  nextStep: string;
}

/** every word around the numbers */
export interface TriageWords {
  title: string;
  rows: string;
  successes: string;
  failures: string;
  unknown: string;
  malformed: string;
  users: string;
  ips: string;
  timeRange: string;
  estimated: string;
  codes: string;
  code: string;
  meaning: string;
  details: string;
  topUsers: string;
  topIps: string;
  /** "user" after the count 1 */
  oneUser: string;
  applications: string;
  patterns: string;
  noPatterns: string;
  noFailures: string;
  unknownCode: string;
  expected: string;
  otherCodes: string;
  /** "{shown} of {total}" */
  shownOf: string;
  /** shown when a chat summary had to cut a list */
  chatCut: string;
  privacy: string;
  level: Record<PatternFinding['level'], string>;
  evidence: Record<string, string>;
  /** evidence labels after the count 1, where the language has a singular ("1 source IP") */
  evidenceOne: Record<string, string>;
  /** what kind of export was read, for the heading */
  shape: Record<InputShape, string>;
  pattern: Record<PatternId, PatternText>;
  errors: Record<TriageErrorCode, string>;
}

const en: TriageWords = {
  title: 'Sign-in triage',
  rows: 'Rows',
  successes: 'Successes',
  failures: 'Failures',
  unknown: 'Without a result',
  malformed: 'Malformed rows (skipped)',
  users: 'Distinct users',
  ips: 'Distinct IP addresses',
  timeRange: 'Time range (UTC)',
  estimated: 'estimated',
  codes: 'Failures by code',
  code: 'Code',
  meaning: 'Meaning',
  details: 'Severity · who acts · users',
  topUsers: 'Top failing users',
  oneUser: 'user',
  topIps: 'Top failing IP addresses',
  applications: 'Top applications',
  patterns: 'Patterns',
  noPatterns: 'No attack pattern found.',
  noFailures: 'No failures.',
  unknownCode: 'Not in the catalog',
  expected: 'expected, ignore',
  otherCodes: 'other codes',
  shownOf: '{shown} of {total}',
  chatCut:
    'A chat summary shows at most {codes} codes and {apps} applications to stay within message size limits; run `aadsts triage FILE` for the full table.',
  privacy: 'Counts only: user names and IP addresses are never shown in chat.',
  level: { alert: 'Alert', notice: 'Notice', ignore: 'Ignore' },
  evidence: {
    sourceIps: 'source IPs',
    targetedUsers: 'users targeted',
    wrongPasswords: 'wrong passwords from them',
    allWrongPasswords: 'wrong passwords in total',
    lockoutEvents: 'lockout rows',
    lockedUsers: 'locked users',
    usersWithManyWrongPasswords: 'users with 20+ wrong passwords',
    usersWithPromptBursts: 'users with bursts of MFA prompts',
    mfaFailures: 'MFA failures',
    blocks: 'blocks',
    peakHourBlocks: 'in the busiest hour',
    averagePerHour: 'per hour on average',
    blocked: 'blocked',
    otherFailures: 'other failures',
    clientKinds: 'legacy client types',
    rows: 'rows',
    percentOfFailures: '% of failures',
    users: 'users',
  },
  evidenceOne: {
    sourceIps: 'source IP',
    targetedUsers: 'user targeted',
    wrongPasswords: 'wrong password from them',
    allWrongPasswords: 'wrong password in total',
    lockoutEvents: 'lockout row',
    lockedUsers: 'locked user',
    usersWithManyWrongPasswords: 'user with 20+ wrong passwords',
    usersWithPromptBursts: 'user with bursts of MFA prompts',
    mfaFailures: 'MFA failure',
    blocks: 'block',
    otherFailures: 'other failure',
    clientKinds: 'legacy client type',
    rows: 'row',
    users: 'user',
  },
  shape: {
    'entra-portal-csv': 'Entra admin center export',
    'log-analytics': 'Log Analytics SigninLogs',
    'graph-json': 'Microsoft Graph sign-ins',
    generic: 'sign-in rows',
  },
  pattern: {
    'password-spray': {
      title: 'Password spray',
      explanation:
        'Wrong passwords (50126) for many different accounts from a few IP addresses that almost never sign in successfully: someone is trying common passwords across the directory.',
      nextStep:
        'Block the source IPs (named location + Conditional Access), check Entra ID Protection for risky users, and make sure every targeted account has MFA and no weak password.',
    },
    'lockout-brute-force': {
      title: 'Lockouts or brute force',
      explanation:
        'Smart Lockout locked accounts (50053) or one account collected many wrong passwords: repeated guessing against specific users.',
      nextStep:
        'Look at the source IPs of the lockouts in the sign-in log; if they are unfamiliar, block them and reset the affected passwords. Do not unlock accounts while the attempts continue.',
    },
    'mfa-fatigue': {
      title: 'MFA fatigue',
      explanation:
        'One user received many MFA prompts that failed (500121 or 50074) within minutes: someone who knows the password may be pushing prompts until the user approves one.',
      nextStep:
        'Contact the user through another channel, reset their password and revoke sessions; enable number matching and consider phishing-resistant methods.',
    },
    'conditional-access-spike': {
      title: 'Conditional Access spike',
      explanation:
        'Far more Conditional Access blocks (53003) than usual in a short time: often a policy change, a new app rollout, or sign-ins from places or devices the policies refuse.',
      nextStep:
        'Open one blocked sign-in, check its Conditional Access tab for the policy that failed, and compare with recent policy changes in the audit log (What If can replay a sign-in).',
    },
    'legacy-auth-blocked': {
      title: 'Legacy authentication',
      explanation:
        'Failures from legacy protocols (IMAP, POP, SMTP AUTH, ActiveSync, other clients) that cannot do MFA: old devices and scripts, or attackers who hope legacy auth is still open.',
      nextStep:
        'Find the clients in the sign-in log (Client app column) and move them to modern authentication; keep legacy authentication blocked by Conditional Access.',
    },
    'expected-interrupts': {
      title: 'Expected interrupts',
      explanation:
        'These codes are normal steps of a sign-in that the log records as failures (silent sign-in needs interaction, "Stay signed in?", account picker).',
      nextStep: 'Ignore them when counting real failures.',
    },
  },
  errors: {
    FILE_NOT_FOUND: 'The file was not found.',
    READ_FAILED: 'The file could not be read.',
    EMPTY_INPUT: 'The input is empty.',
    UNKNOWN_FORMAT:
      'This is not a sign-in log export. Download the sign-in log as CSV or JSON (Entra admin center, Log Analytics or Graph).',
    NO_SIGNIN_COLUMNS:
      'No result column was found (ResultType, Sign-in error code, errorCode or Status), so failures cannot be counted.',
    TOO_LARGE:
      'The file is larger than {limit}. Run `aadsts triage FILE` on your own machine instead.',
    UNSUPPORTED_FILE: 'Only CSV, TSV, JSON and NDJSON sign-in log exports can be summarized.',
    DOWNLOAD_FAILED:
      'The file could not be downloaded. Try again, or run `aadsts triage FILE` on your own machine.',
  },
};

const zh: TriageWords = {
  ...en,
  title: '登录分诊',
  rows: '行数',
  successes: '成功',
  failures: '失败',
  unknown: '无结果',
  malformed: '格式错误的行（已跳过）',
  users: '不同用户数',
  ips: '不同 IP 地址数',
  timeRange: '时间范围 (UTC)',
  estimated: '估算',
  codes: '按错误代码统计的失败',
  code: '代码',
  meaning: '含义',
  details: '严重性 · 处理人 · 用户数',
  topUsers: '失败最多的用户',
  oneUser: '个用户',
  topIps: '失败最多的 IP 地址',
  applications: '主要应用程序',
  patterns: '模式',
  noPatterns: '未发现攻击模式。',
  noFailures: '没有失败。',
  unknownCode: '目录中没有此代码',
  expected: '预期行为，可忽略',
  otherCodes: '其他代码',
  shownOf: '{shown} / {total}',
  chatCut:
    '为不超过消息大小限制，聊天摘要最多显示 {codes} 个代码和 {apps} 个应用程序；完整表格请运行 `aadsts triage FILE`。',
  privacy: '仅显示计数：聊天中从不显示用户名和 IP 地址。',
  level: { alert: '警报', notice: '注意', ignore: '忽略' },
  evidence: {
    sourceIps: '个来源 IP',
    targetedUsers: '个目标用户',
    wrongPasswords: '次来自这些 IP 的错误密码',
    allWrongPasswords: '次错误密码（总计）',
    lockoutEvents: '行锁定记录',
    lockedUsers: '个被锁定用户',
    usersWithManyWrongPasswords: '个用户错误密码达 20 次以上',
    usersWithPromptBursts: '个用户短时间内收到大量 MFA 提示',
    mfaFailures: '次 MFA 失败',
    blocks: '次阻止',
    peakHourBlocks: '次在最繁忙的一小时内',
    averagePerHour: '次每小时平均',
    blocked: '次被阻止',
    otherFailures: '次其他失败',
    clientKinds: '种旧式客户端',
    rows: '行',
    percentOfFailures: '% 的失败',
    users: '个用户',
  },
  evidenceOne: {},
  shape: {
    'entra-portal-csv': 'Entra 管理中心导出',
    'log-analytics': 'Log Analytics SigninLogs',
    'graph-json': 'Microsoft Graph 登录记录',
    generic: '登录记录',
  },
  pattern: {
    'password-spray': {
      title: '密码喷洒',
      explanation:
        '少数几乎从未成功登录的 IP 地址对许多不同账户输入了错误密码 (50126)：有人在整个目录中尝试常用密码。',
      nextStep:
        '封锁这些来源 IP（命名位置 + 条件访问），在 Entra ID 保护中检查有风险的用户，并确保每个目标账户都启用了 MFA 且没有弱密码。',
    },
    'lockout-brute-force': {
      title: '账户锁定或暴力破解',
      explanation:
        '智能锁定锁住了账户 (50053)，或某个账户累积了大量错误密码：有人在反复猜测特定用户的密码。',
      nextStep:
        '在登录日志中查看锁定的来源 IP；如果不熟悉，请封锁并重置受影响的密码。尝试仍在继续时不要解锁账户。',
    },
    'mfa-fatigue': {
      title: 'MFA 疲劳攻击',
      explanation:
        '同一用户在几分钟内收到许多失败的 MFA 提示 (500121 或 50074)：知道密码的人可能在不断推送提示，直到用户批准。',
      nextStep:
        '通过其他渠道联系该用户，重置密码并撤销会话；启用数字匹配，并考虑防钓鱼的身份验证方法。',
    },
    'conditional-access-spike': {
      title: '条件访问阻止激增',
      explanation:
        '短时间内条件访问阻止 (53003) 远多于平时：通常是策略变更、新应用上线，或来自策略拒绝的位置或设备的登录。',
      nextStep:
        '打开一条被阻止的登录，在"条件访问"选项卡中查看失败的策略，并与审核日志中最近的策略变更比较（What If 工具可重放登录）。',
    },
    'legacy-auth-blocked': {
      title: '旧式身份验证',
      explanation:
        '来自无法使用 MFA 的旧式协议（IMAP、POP、SMTP AUTH、ActiveSync、其他客户端）的失败：旧设备和脚本，或寄希望于旧式身份验证仍开放的攻击者。',
      nextStep:
        '在登录日志（客户端应用列）中找到这些客户端并迁移到新式身份验证；继续用条件访问阻止旧式身份验证。',
    },
    'expected-interrupts': {
      title: '预期的中断',
      explanation:
        '这些代码是登录过程中的正常步骤，但日志将其记录为失败（静默登录需要交互、"保持登录状态?"、账户选择）。',
      nextStep: '统计真正的失败时忽略它们。',
    },
  },
  errors: {
    FILE_NOT_FOUND: '找不到该文件。',
    READ_FAILED: '无法读取该文件。',
    EMPTY_INPUT: '输入为空。',
    UNKNOWN_FORMAT:
      '这不是登录日志导出文件。请将登录日志下载为 CSV 或 JSON（Entra 管理中心、Log Analytics 或 Graph）。',
    NO_SIGNIN_COLUMNS:
      '找不到结果列（ResultType、Sign-in error code、errorCode 或 Status），因此无法统计失败。',
    TOO_LARGE: '文件大于 {limit}。请在自己的电脑上运行 `aadsts triage FILE`。',
    UNSUPPORTED_FILE: '只能汇总 CSV、TSV、JSON 和 NDJSON 格式的登录日志导出文件。',
    DOWNLOAD_FAILED: '无法下载该文件。请重试，或在本地运行 `aadsts triage FILE`。',
  },
};

/** the words for a locale */
export function triageWords(locale: Locale): TriageWords {
  return locale === 'zh-CN' ? zh : en;
}

/** replaces {name} placeholders */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-z]{1,12})\}/gi, (all, key: string) =>
    values[key] === undefined ? all : String(values[key]),
  );
}

/** "12.3 MB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "1,234" or "~1,234" for an estimate */
export function formatCount(count: number, exact = true): string {
  const text = count.toLocaleString('en-US');
  return exact ? text : `~${text}`;
}

/** evidence as "3 source IPs, 40 users targeted" */
export function evidenceLine(finding: PatternFinding, words: TriageWords): string {
  return Object.entries(finding.evidence)
    .map(([key, value]) => {
      const label =
        (value === 1 ? words.evidenceOne[key] : undefined) ?? words.evidence[key] ?? key;
      return key === 'percentOfFailures' ? `${value}${label}` : `${formatCount(value)} ${label}`;
    })
    .join(', ');
}

/** the chat message for a triage that could not run; `limitBytes` fills the size limit in */
export function triageErrorText(
  code: TriageErrorCode,
  locale: Locale,
  limitBytes?: number,
): string {
  const template = triageWords(locale).errors[code];
  return fillIn(template, { limit: limitBytes === undefined ? '' : formatBytes(limitBytes) });
}
