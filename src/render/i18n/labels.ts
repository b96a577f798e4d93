/**
 * UI labels per locale, shared by every renderer (Adaptive Card, Block Kit, plain text).
 * Catalog text is localized in the catalog itself; these are only the words around it.
 */
import type { Contact, Severity } from '../../core/catalog/schema.js';
import type { Locale } from '../../core/reply.js';

/** every word a renderer puts around catalog text */
export interface Labels {
  /** display names of the severity levels */
  severity: Record<Severity, string>;
  /** display names of who has to act */
  contact: Record<Contact, string>;
  /** section headings */
  headings: {
    whatItMeans: string;
    whoHasToAct: string;
    nextSteps: string;
    security: string;
    signInDetails: string;
    officialDescription: string;
    severity: string;
    codesFound: string;
    unknownCode: string;
    didYouMean: string;
    detailsForTicket: string;
    examples: string;
  };
  /** names of the sign-in context ids */
  context: {
    correlationId: string;
    requestId: string;
    timestamp: string;
    traceId: string;
    appId: string;
    code: string;
  };
  /** button and link titles */
  actions: {
    lookUp: string;
    detailsForTicket: string;
    showDescription: string;
    shareInChannel: string;
  };
  /** short notes and warnings */
  notes: {
    /** shown when a JWT/access token was pasted */
    secretToken: string;
    /** shown when a client secret was pasted */
    secretClientSecret: string;
    truncated: string;
    /** "+{n} more" for a list of several codes; {n} is replaced */
    more: string;
    unknownWhatWeKnow: string;
    /** the catalog text is English because no translation exists */
    untranslated: string;
    projectTranslation: string;
    ticketIntro: string;
    noContextIds: string;
    orgContactPrefix: string;
    /** under the several-codes heading: the order of the rows */
    mostSevereFirst: string;
    /** under the several-codes heading: rows open Microsoft's page */
    selectToLookUp: string;
  };
  /** the usage-stats answer */
  stats: {
    /** "{n}" is the number of days */
    title: string;
    /** "{n}" is the number of lookups */
    total: string;
    empty: string;
    count: string;
    privacy: string;
  };
  /** short notices sent instead of an answer */
  notice: {
    slowDownTitle: string;
    slowDown: string;
  };
  /** help and welcome card texts */
  help: {
    title: string;
    welcomeTitle: string;
    intro: string;
    noCode: string;
    howTo: string[];
    examples: string[];
    privacy: string;
  };
}

const en: Labels = {
  severity: {
    info: 'Info',
    warning: 'Warning',
    error: 'Error',
    critical: 'Critical',
  },
  contact: {
    user: 'User',
    'tenant-admin': 'Tenant admin',
    'app-owner': 'App owner',
    idp: 'Identity provider (IdP)',
    'microsoft-support': 'Microsoft support',
  },
  headings: {
    whatItMeans: 'What it means',
    whoHasToAct: 'Who has to act',
    nextSteps: 'Next steps',
    security: 'Security',
    signInDetails: 'Sign-in details',
    officialDescription: 'Official description',
    severity: 'Severity',
    codesFound: 'Sign-in errors found',
    unknownCode: 'Unknown code',
    didYouMean: 'Did you mean',
    detailsForTicket: 'Details for a ticket',
    examples: 'Examples',
  },
  context: {
    correlationId: 'Correlation ID',
    requestId: 'Request ID',
    timestamp: 'Timestamp',
    traceId: 'Trace ID',
    appId: 'App ID',
    code: 'Error code',
  },
  actions: {
    lookUp: 'Look up on Microsoft',
    detailsForTicket: 'Details for a ticket',
    showDescription: 'Official description',
    shareInChannel: 'Share in channel',
  },
  notes: {
    secretToken:
      'A token was pasted. Treat it as leaked: sign the user out and revoke their sessions, and do not paste tokens in chat.',
    secretClientSecret:
      'A client secret was pasted. Rotate it now in the app registration and delete this message.',
    truncated: 'The message was long, so only its beginning was read.',
    more: '+{n} more',
    unknownWhatWeKnow:
      'This code is not in our catalog. Microsoft may still know it: open the lookup page, and check the sign-in log with the correlation ID.',
    untranslated: 'No translation yet; shown in English.',
    projectTranslation: 'Translated by this project.',
    ticketIntro: 'Copy this into a support request or into Sign-in diagnostics:',
    noContextIds:
      'No correlation or request ID was in the message. Paste the full error to get them.',
    orgContactPrefix: 'here:',
    mostSevereFirst: 'Most severe first.',
    selectToLookUp: "Select a code to open Microsoft's page for it.",
  },
  stats: {
    title: 'Top sign-in errors, last {n} days',
    total: '{n} code lookups in this channel or team.',
    empty: 'No codes explained here yet in this period.',
    count: 'Count',
    privacy: 'Counts only: who asked is never stored.',
  },
  notice: {
    slowDownTitle: 'Slow down a little',
    slowDown:
      'Many messages arrived in a short time, so I am pausing for a moment. Try again in a minute.',
  },
  help: {
    title: 'AADSTS error explainer',
    welcomeTitle: 'Hello! I explain Microsoft Entra sign-in errors',
    intro:
      'Paste a sign-in error (AADSTS code) and I explain what it means, how serious it is, who has to act and what to do first.',
    noCode: 'I found no AADSTS code in that message.',
    howTo: [
      'Paste the whole error message, or just the code.',
      'Several codes in one message get one line each.',
      'Include the correlation ID and timestamp: admins need them to find the sign-in.',
    ],
    examples: [
      'AADSTS50076',
      'What does AADSTS700016 mean?',
      'AADSTS53003: Access has been blocked by Conditional Access policies. Correlation ID: …',
    ],
    privacy: 'Never paste passwords, tokens or client secrets.',
  },
};

const zhCN: Labels = {
  severity: {
    info: '提示',
    warning: '警告',
    error: '错误',
    critical: '严重',
  },
  contact: {
    user: '用户',
    'tenant-admin': '租户管理员',
    'app-owner': '应用所有者',
    idp: '身份提供者 (IdP)',
    'microsoft-support': 'Microsoft 支持',
  },
  headings: {
    whatItMeans: '含义',
    whoHasToAct: '由谁处理',
    nextSteps: '后续步骤',
    security: '安全',
    signInDetails: '登录详细信息',
    officialDescription: '官方说明',
    severity: '严重性',
    codesFound: '发现的登录错误',
    unknownCode: '未知代码',
    didYouMean: '你是否要找',
    detailsForTicket: '工单所需信息',
    examples: '示例',
  },
  context: {
    correlationId: '关联 ID',
    requestId: '请求 ID',
    timestamp: '时间戳',
    traceId: '跟踪 ID',
    appId: '应用 ID',
    code: '错误代码',
  },
  actions: {
    lookUp: '在 Microsoft 上查找',
    detailsForTicket: '工单所需信息',
    showDescription: '官方说明',
    shareInChannel: '在频道中分享',
  },
  notes: {
    secretToken: '消息中包含令牌。请视为已泄露：注销该用户并撤销其会话，不要在聊天中粘贴令牌。',
    secretClientSecret: '消息中包含客户端密码。请立即在应用注册中轮换该密码，并删除此消息。',
    truncated: '消息过长，只读取了开头部分。',
    more: '另有 {n} 个',
    unknownWhatWeKnow:
      '此代码不在我们的目录中。Microsoft 可能仍有记录：请打开查找页面，并用关联 ID 查看登录日志。',
    untranslated: '暂无译文，以英文显示。',
    projectTranslation: '由本项目翻译。',
    ticketIntro: '将以下内容复制到支持请求或登录诊断中：',
    noContextIds: '消息中没有关联 ID 或请求 ID。请粘贴完整的错误信息。',
    orgContactPrefix: '联系：',
    mostSevereFirst: '按严重程度排序。',
    selectToLookUp: '选择一个代码可打开 Microsoft 的说明页面。',
  },
  stats: {
    title: '最近 {n} 天最常见的登录错误',
    total: '此频道或团队中共解释了 {n} 次代码。',
    empty: '这段时间内这里还没有解释过任何代码。',
    count: '次数',
    privacy: '只统计次数，从不记录提问者。',
  },
  notice: {
    slowDownTitle: '请稍慢一些',
    slowDown: '短时间内收到的消息太多，我先暂停一下。请一分钟后再试。',
  },
  help: {
    title: 'AADSTS 错误解释器',
    welcomeTitle: '你好！我可以解释 Microsoft Entra 登录错误',
    intro: '粘贴登录错误（AADSTS 代码），我会说明其含义、严重程度、由谁处理以及第一步该做什么。',
    noCode: '该消息中没有找到 AADSTS 代码。',
    howTo: [
      '粘贴完整的错误消息，或只粘贴代码。',
      '一条消息中有多个代码时，每个代码显示一行。',
      '请附上关联 ID 和时间戳：管理员需要它们来查找登录记录。',
    ],
    examples: [
      'AADSTS50076',
      'AADSTS700016 是什么意思？',
      'AADSTS53003: Access has been blocked by Conditional Access policies. Correlation ID: …',
    ],
    privacy: '切勿粘贴密码、令牌或客户端密码。',
  },
};

const BY_LOCALE: Record<Locale, Labels> = { en, 'zh-CN': zhCN };

/** the UI labels for a locale */
export function labels(locale: Locale): Labels {
  return BY_LOCALE[locale];
}

/** replaces `{n}` in a label */
export function fill(label: string, n: number): string {
  return label.replace('{n}', String(n));
}
