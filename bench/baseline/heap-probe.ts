/**
 * Loaded into every benchmarked server (`--expose-gc --import ./bench/baseline/heap-probe.ts`): on
 * SIGUSR2 it runs a full garbage collection and writes one line to stderr with the heap then still
 * in use and the resident set size, so the report can tell live memory from GC headroom. The line
 * also carries the garbage collections seen since the process started (before the one it forces):
 * their count, how many were full (mark-compact) ones, and their total pause on the main thread.
 * https://nodejs.org/api/perf_hooks.html#garbage-collection-gc-details
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';

const gc = { count: 0, major: 0, pauseMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.pauseMs += entry.duration;
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major += 1;
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const collections = { gcCount: gc.count, gcMajor: gc.major, gcPauseMs: Math.round(gc.pauseMs) };
  const before = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const line = {
    heapUsedBeforeMb: mb(before.heapUsed),
    heapUsedMb: mb(after.heapUsed),
    heapTotalMb: mb(after.heapTotal),
    externalMb: mb(after.external),
    rssMb: mb(after.rss),
    ...collections,
  };
  process.stderr.write(`heap-probe ${JSON.stringify(line)}\n`);
});
