/**
 * Loaded into every benchmarked server (`--expose-gc --import ./bench/baseline/heap-probe.ts`): on
 * SIGUSR2 it runs a full garbage collection and writes one line to stderr with the heap then still
 * in use and the resident set size, so the report can tell live memory from GC headroom.
 */
process.on('SIGUSR2', () => {
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
  };
  process.stderr.write(`heap-probe ${JSON.stringify(line)}\n`);
});
