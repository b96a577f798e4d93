/**
 * Template data for the usage-stats and notice cards. Pure functions of the Reply; every value is a
 * string (a numeric binding would yield a JSON number, which TextBlock rejects) made inert for Markdown.
 */
import { lookupUrl } from '../core/found-code.js';
import type { Reply } from '../core/reply.js';
import { codeTitle, SEVERITY_STYLE } from './card-model.js';
import { fill, labels } from './i18n/labels.js';
import { inertText } from './safe-text.js';

type StatsReply = Extract<Reply, { kind: 'stats' }>;
type NoticeReply = Extract<Reply, { kind: 'notice' }>;

/** the most rows any renderer shows for a stats answer */
export const STATS_ROWS = 10;

/** one row of the stats answer, already in display words */
export interface StatsRow {
  title: string;
  name: string;
  hasName: boolean;
  summary: string;
  hasSummary: boolean;
  /** "" when the catalog does not know the code */
  severity: { label: string; color: string; icon: string };
  hasSeverity: boolean;
  count: string;
  lookupUrl: string;
}

/** template data of the stats card */
export interface StatsData {
  title: string;
  fallback: string;
  total: string;
  isEmpty: boolean;
  empty: string;
  countHeading: string;
  rows: StatsRow[];
  privacy: string;
  lookUp: string;
}

const safeCount = (n: number): number => (Number.isSafeInteger(n) && n > 0 ? n : 0);

/** the rows of a stats reply in display words (shared by every renderer) */
export function statsRows(reply: StatsReply): StatsRow[] {
  const l = labels(reply.locale);
  return reply.top.slice(0, STATS_ROWS).map((row) => {
    const name = row.name === undefined ? '' : inertText(row.name, 120);
    const summary = row.summary === undefined ? '' : inertText(row.summary, 300);
    const style = row.severity === undefined ? undefined : SEVERITY_STYLE[row.severity];
    return {
      title: codeTitle(row.code),
      name,
      hasName: name !== '',
      summary,
      hasSummary: summary !== '',
      severity:
        row.severity === undefined || style === undefined
          ? { label: '', color: 'default', icon: '' }
          : { label: l.severity[row.severity], color: style.color, icon: style.icon },
      hasSeverity: style !== undefined,
      count: String(safeCount(row.count)),
      lookupUrl: lookupUrl(Math.trunc(row.code)),
    };
  });
}

/** the heading and the total line of a stats reply */
export function statsHeadings(reply: StatsReply): { title: string; total: string } {
  const l = labels(reply.locale);
  return {
    title: fill(l.stats.title, safeCount(reply.days)),
    total: fill(l.stats.total, safeCount(reply.total)),
  };
}

/** data bound to cards/stats.json */
export function statsData(reply: StatsReply): StatsData {
  const l = labels(reply.locale);
  const rows = statsRows(reply);
  const { title, total } = statsHeadings(reply);
  return {
    title,
    fallback: `${title}: ${rows.map((r) => `${r.title} \u00d7${r.count}`).join(', ') || l.stats.empty}`,
    total,
    isEmpty: rows.length === 0,
    empty: l.stats.empty,
    countHeading: l.stats.count,
    rows,
    privacy: l.stats.privacy,
    lookUp: l.actions.lookUp,
  };
}

/** data bound to cards/notice.json */
export function noticeData(reply: NoticeReply): { title: string; text: string } {
  const l = labels(reply.locale);
  // one notice kind today; the switch makes a new kind a compile error until it has words
  switch (reply.notice) {
    case 'slow-down':
      return { title: l.notice.slowDownTitle, text: l.notice.slowDown };
  }
}
