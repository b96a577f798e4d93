/**
 * The usage-stats answer for helpdesk leads: the codes explained most often in a channel or team.
 * Counts only; the summary comes from the state store and never carries who asked.
 */
import type { Catalog } from './catalog/load.js';
import { messages } from './i18n/messages.js';
import { LOCALES, type Locale, type Reply } from './reply.js';

/**
 * the counts the stats answer is built from; structurally the state store's UsageSummary, declared
 * here so the core does not depend on the state layer
 */
export interface StatsSummary {
  days: number;
  total: number;
  top: readonly { code: number; count: number }[];
}

/** the most codes a stats answer lists, whatever the summary holds */
export const STATS_MAX_ROWS = 10;

// every locale's words, lower-cased once; a user may type the English word in a zh-CN client
const STATS_WORDS = new Set(
  LOCALES.flatMap((locale) => messages(locale).statsWords.map((w) => w.toLowerCase())),
);

/** true when the (mention-stripped) text asks for the usage stats: "stats", "/aadsts stats", "统计" */
export function isStatsRequest(text: string): boolean {
  // a stats request is a few words; anything long is a paste and never a command
  if (text.length > 40) return false;
  const normalized = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return STATS_WORDS.has(normalized);
}

const count = (n: number): number => (Number.isSafeInteger(n) && n > 0 ? n : 0);

/** the stats reply: top codes with counts, names, summaries and severity in `locale` */
export function statsReply(summary: StatsSummary, catalog: Catalog, locale: Locale): Reply {
  const top = summary.top
    .filter((row) => Number.isSafeInteger(row.code) && row.code > 0 && count(row.count) > 0)
    .slice(0, STATS_MAX_ROWS)
    .map((row) => {
      const entry = catalog.get(row.code);
      if (entry === undefined) return { code: row.code, count: row.count };
      const summaryText = locale === 'zh-CN' ? entry.zh.summary : entry.summary;
      return {
        code: row.code,
        ...(entry.name === undefined ? {} : { name: entry.name }),
        summary: summaryText,
        severity: entry.severity,
        count: row.count,
      };
    });
  return {
    kind: 'stats',
    locale,
    days: Math.max(1, count(summary.days)),
    total: count(summary.total),
    top,
  };
}
