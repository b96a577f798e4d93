import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { triageStream } from '../../src/core/triage/index.js';
import { writeBigExport } from './support/big-file.js';
import { testCatalog } from './support/catalog.js';

const catalog = testCatalog();
const folder = mkdtempSync(join(tmpdir(), 'triage-large-'));
const FIFTY_MB = 50 * 1024 * 1024;
// far below the file size: a reader that held the file (or its rows) would blow through it
const MAX_RSS_GROWTH = 40 * 1024 * 1024;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function triageWithPeak(file: string) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const summary = await triageStream(createReadStream(file, { highWaterMark: 256 * 1024 }), {
      catalog,
    });
    return {
      summary,
      growth: Math.max(peak, process.memoryUsage().rss) - before,
      ms: performance.now() - started,
    };
  } finally {
    clearInterval(timer);
  }
}

describe('a 50 MB export', () => {
  it.each(['la-csv', 'graph-json'] as const)(
    '%s streams in bounded time and memory',
    async (format) => {
      const file = join(folder, `big.${format}`);
      const { rows, bytes } = await writeBigExport(file, format, { targetBytes: FIFTY_MB });
      expect(bytes).toBeGreaterThanOrEqual(FIFTY_MB - 2 * 1024 * 1024);
      const { summary, growth, ms } = await triageWithPeak(file);
      expect(summary.totals.rows).toBe(rows);
      expect(summary.totals.malformed).toBe(0);
      expect(summary.distinct.users.count).toBe(5000);
      expect(summary.codes.length).toBeGreaterThan(5);
      expect(growth).toBeLessThan(MAX_RSS_GROWTH);
      expect(ms).toBeLessThan(60_000);
      console.log(
        `${format}: ${rows} rows, ${(bytes / 1048576).toFixed(1)} MB, ${Math.round(ms)} ms, RSS +${(growth / 1048576).toFixed(1)} MB`,
      );
    },
    120_000,
  );
});

describe('high cardinality', () => {
  it('switches distinct counts to estimates past the cap and keeps memory bounded', async () => {
    const users = 260_000;
    async function* rows(): AsyncGenerator<string> {
      yield 'TimeGenerated [UTC],UserPrincipalName,IPAddress,AppDisplayName,ResultType\n';
      let batch = '';
      for (let i = 0; i < users; i++) {
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        batch += `2026-11-20T08:00:00Z,u${i}@contoso.example,${ip},App ${i % 3000},${i % 5 === 0 ? 50126 : 0}\n`;
        if (batch.length > 1 << 16) {
          yield batch;
          batch = '';
        }
      }
      yield batch;
    }
    const before = process.memoryUsage().rss;
    const summary = await triageStream(rows(), { catalog });
    const growth = process.memoryUsage().rss - before;
    expect(summary.totals.rows).toBe(users);
    expect(summary.distinct.users.exact).toBe(false);
    expect(Math.abs(summary.distinct.users.count - users) / users).toBeLessThan(0.05);
    expect(summary.distinct.ips.exact).toBe(false);
    expect(summary.otherApplicationRows).toBeGreaterThan(0);
    expect(summary.codes.find((c) => c.code === 50126)?.users.exact).toBe(false);
    expect(growth).toBeLessThan(MAX_RSS_GROWTH * 2);
  }, 60_000);
});
