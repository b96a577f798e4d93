/** The interface strings the core and the CLI print, per locale. Catalog text lives in the catalog. */
import type { Locale } from '../reply.js';

/** every string the core and the CLI emit */
export interface CoreMessages {
  /** summary of a code the catalog does not know; {code} is replaced */
  unknownSummary: string;
  /** printed when a paste holds no code */
  noCodeFound: string;
  /** next to a code found through its message text rather than its number */
  matchedByText: string;
  /** what a user types to ask for the usage stats (matched case-insensitively, in every locale) */
  statsWords: string[];
  cli: {
    usage: string;
    /** {option} is replaced */
    unknownOption: string;
    /** {option} is replaced */
    missingValue: string;
    /** {value} is replaced */
    badLanguage: string;
    noInput: string;
    catalogError: string;
    /** after "no code found" when the input was cut at the CLI's cap; {size} is replaced */
    truncated: string;
    /** after "no code found" for an argument that looks like a code but is not; {value} is replaced */
    notACode: string;
  };
}

const en: CoreMessages = {
  unknownSummary: 'AADSTS{code} is not in the catalog. Microsoft’s lookup page may still know it.',
  noCodeFound: 'No AADSTS code found.',
  matchedByText: 'recognised from the message text',
  statsWords: ['stats', 'aadsts stats', '/aadsts stats'],
  cli: {
    usage: [
      'Usage: aadsts [options] [code or text ...]',
      '       aadsts triage FILE|- [--json] [--show-identities] [--lang <tag>]',
      '',
      'Explains Microsoft Entra ID sign-in errors (AADSTS codes).',
      '',
      'Examples:',
      '  aadsts 53003',
      '  aadsts AADSTS50126 7000215',
      '  pbpaste | aadsts',
      '  aadsts < error.txt',
      '  aadsts triage SignInLogs.csv',
      '',
      'Arguments that are codes are looked up directly; other arguments are scanned as text.',
      'With no arguments the text is read from standard input.',
      '"aadsts triage" summarizes a sign-in log export (CSV or JSON) by code, owner and attack',
      'pattern; see "aadsts triage --help".',
      '',
      'Options:',
      '  --json          print one JSON document (codes and context)',
      '  --lang <tag>    answer in this language: en (default) or zh-CN',
      '  -h, --help      show this help',
      '',
      'Exit status: 0 when a code was found, 1 when none was, 2 on a usage error.',
      'Colour is used on a terminal; set NO_COLOR to turn it off.',
    ].join('\n'),
    unknownOption: 'unknown option {option}',
    missingValue: 'option {option} needs a value',
    badLanguage: 'unsupported language "{value}" (use en or zh-CN)',
    noInput: 'nothing to explain: give a code, some text, or pipe text in (see --help)',
    catalogError: 'the catalog could not be loaded',
    truncated:
      'Only the first {size} of the input were read. For a whole log, run "aadsts triage FILE".',
    notACode: '"{value}" is not an AADSTS code: the codes have 5 to 7 digits and no leading zero.',
  },
};

const zhCN: CoreMessages = {
  unknownSummary: 'AADSTS{code} 不在目录中。Microsoft 的查询页面可能有它的说明。',
  noCodeFound: '未找到 AADSTS 错误代码。',
  matchedByText: '根据消息文本识别',
  statsWords: ['统计', 'aadsts 统计', '/aadsts 统计'],
  cli: {
    usage: [
      '用法：aadsts [选项] [代码或文本 ...]',
      '      aadsts triage 文件|- [--json] [--show-identities] [--lang <标记>]',
      '',
      '解释 Microsoft Entra ID 登录错误（AADSTS 代码）。',
      '',
      '示例：',
      '  aadsts 53003',
      '  aadsts AADSTS50126 7000215',
      '  pbpaste | aadsts',
      '  aadsts < error.txt',
      '  aadsts triage SignInLogs.csv',
      '',
      '作为代码的参数会直接查询；其他参数按文本扫描。',
      '没有参数时从标准输入读取文本。',
      '“aadsts triage”按代码、负责人和攻击模式汇总登录日志导出文件（CSV 或 JSON）；',
      '参见“aadsts triage --help”。',
      '',
      '选项：',
      '  --json          输出一个 JSON 文档（代码和上下文）',
      '  --lang <标记>   回答语言：en（默认）或 zh-CN',
      '  -h, --help      显示此帮助',
      '',
      '退出状态：找到代码为 0，未找到为 1，用法错误为 2。',
      '在终端中使用颜色；设置 NO_COLOR 可关闭颜色。',
    ].join('\n'),
    unknownOption: '未知选项 {option}',
    missingValue: '选项 {option} 需要一个值',
    badLanguage: '不支持的语言“{value}”（请使用 en 或 zh-CN）',
    noInput: '没有可解释的内容：请提供代码或文本，或通过管道输入文本（参见 --help）',
    catalogError: '无法加载目录',
    truncated: '只读取了输入的前 {size}。要分析整个日志，请运行“aadsts triage 文件”。',
    notACode: '“{value}”不是 AADSTS 代码：这些代码为 5 到 7 位数字，且不以 0 开头。',
  },
};

const MESSAGES: Record<Locale, CoreMessages> = { en, 'zh-CN': zhCN };

/** the interface strings for a locale */
export function messages(locale: Locale): CoreMessages {
  return MESSAGES[locale];
}

/** replaces {name} placeholders */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w{1,20})\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
