/** Turns the aggregated counters into the summary model, with catalog facts for each code. */
import type { Catalog } from '../catalog/load.js';
import type { TriageAggregator } from './aggregate.js';
import { EXPECTED_INTERRUPT_CODES, TRIAGE_LIMITS } from './constants.js';
import { detectPatterns } from './patterns.js';
import type { CodeSummary, TriageSummary } from './types.js';

/** the fixed interrupt codes plus the catalog's informational "interrupt" entries */
export function interruptCodes(catalog: Catalog): Set<number> {
  const codes = new Set(EXPECTED_INTERRUPT_CODES);
  for (const code of catalog.codes()) {
    const entry = catalog.get(code);
    if (entry !== undefined && entry.severity === 'info' && entry.tags.includes('interrupt')) {
      codes.add(code);
    }
  }
  return codes;
}

function top<T>(entries: Iterable<[string, number]>, n: number, make: (k: string, v: number) => T) {
  return [...entries]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k, v]) => make(k, v));
}

/** the summary of everything added to the aggregator */
export function summarize(
  agg: TriageAggregator,
  catalog: Catalog,
  input: TriageSummary['input'],
): TriageSummary {
  const interrupts = interruptCodes(catalog);
  const codes: CodeSummary[] = [...agg.codes.entries()].map(([code, state]) => {
    const entry = catalog.get(code);
    const base: CodeSummary = {
      code,
      failures: state.failures,
      users: state.users.result(),
      known: entry !== undefined,
      contacts: entry?.contacts ?? [],
      expectedInterrupt: interrupts.has(code),
    };
    if (entry === undefined) return base;
    return {
      ...base,
      ...(entry.name === undefined ? {} : { name: entry.name }),
      severity: entry.severity,
      summary: entry.summary,
      summaryZh: entry.zh.summary,
    };
  });
  codes.sort((a, b) => b.failures - a.failures || a.code - b.code);
  const applications = [...agg.apps.entries()]
    .map(([name, s]) => ({ name, rows: s.rows, failures: s.failures }))
    .sort((a, b) => b.failures - a.failures || b.rows - a.rows || (a.name < b.name ? -1 : 1))
    .slice(0, TRIAGE_LIMITS.topApplications);
  const summary: TriageSummary = {
    input,
    totals: {
      rows: agg.rows,
      successes: agg.successes,
      failures: agg.failures,
      unknown: agg.unknown,
      malformed: agg.malformed,
    },
    codes,
    otherCodeFailures: agg.otherCodeFailures,
    applications,
    otherApplicationRows: agg.otherApplicationRows,
    distinct: { users: agg.users.result(), ips: agg.ips.result() },
    unreadableTimes: agg.unreadableTimes,
    patterns: detectPatterns(agg, interrupts),
  };
  if (Number.isFinite(agg.first)) {
    summary.timeRange = {
      first: new Date(agg.first).toISOString(),
      last: new Date(agg.last).toISOString(),
    };
  }
  if (agg.keepIdentities) {
    const n = TRIAGE_LIMITS.topIdentities;
    summary.identities = {
      users: top(agg.failingUsers, n, (name, failures) => ({ name, failures })),
      ips: top(agg.failingIps, n, (address, failures) => ({ address, failures })),
    };
  }
  return summary;
}
