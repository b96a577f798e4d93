import { describe, expect, it } from 'vitest';
import { isStatsRequest, STATS_MAX_ROWS, slowDownReply, statsReply } from '../../src/core/index.js';
import { fixtureCatalog } from './helpers.js';

const catalog = fixtureCatalog();

describe('isStatsRequest', () => {
  it.each([
    'stats',
    'STATS',
    '  Stats \n',
    '/aadsts stats',
    'aadsts stats',
    'AADSTS   Stats',
    '统计',
    ' 统计 ',
  ])('accepts %j', (text) => {
    expect(isStatsRequest(text)).toBe(true);
  });

  it.each([
    '',
    'stat',
    'stats please',
    'show me stats',
    'AADSTS50126 stats',
    'help',
    '53003',
    `stats${' '.repeat(100)}x`,
  ])('rejects %j', (text) => {
    expect(isStatsRequest(text)).toBe(false);
  });
});

describe('statsReply', () => {
  it('resolves names, summaries and severity from the catalog in English', () => {
    const reply = statsReply(
      {
        days: 7,
        total: 12,
        top: [
          { code: 50126, count: 9 },
          { code: 53003, count: 3 },
        ],
      },
      catalog,
      'en',
    );
    expect(reply.kind).toBe('stats');
    if (reply.kind !== 'stats') return;
    expect(reply).toMatchObject({ locale: 'en', days: 7, total: 12 });
    const entry = catalog.get(50126);
    expect(reply.top[0]).toEqual({
      code: 50126,
      name: entry?.name,
      summary: entry?.summary,
      severity: entry?.severity,
      count: 9,
    });
    expect(reply.top.map((r) => r.code)).toEqual([50126, 53003]);
  });

  it('uses the zh-CN summary in zh-CN', () => {
    const reply = statsReply(
      { days: 7, total: 1, top: [{ code: 53003, count: 1 }] },
      catalog,
      'zh-CN',
    );
    if (reply.kind !== 'stats') throw new Error('expected stats');
    expect(reply.top[0]?.summary).toBe(catalog.get(53003)?.zh.summary);
    expect(reply.locale).toBe('zh-CN');
  });

  it('keeps codes the catalog lacks with their count only', () => {
    const reply = statsReply(
      { days: 7, total: 4, top: [{ code: 4242424, count: 4 }] },
      catalog,
      'en',
    );
    if (reply.kind !== 'stats') throw new Error('expected stats');
    expect(reply.top).toEqual([{ code: 4242424, count: 4 }]);
  });

  it('drops malformed rows and caps the list', () => {
    const top = [
      { code: -1, count: 3 },
      { code: 50126, count: 0 },
      { code: Number.NaN, count: 2 },
      ...Array.from({ length: 30 }, (_, i) => ({ code: 100_000 + i, count: 30 - i })),
    ];
    const reply = statsReply({ days: 0, total: -5, top }, catalog, 'en');
    if (reply.kind !== 'stats') throw new Error('expected stats');
    expect(reply.top).toHaveLength(STATS_MAX_ROWS);
    expect(reply.top[0]?.code).toBe(100_000);
    expect(reply.days).toBe(1);
    expect(reply.total).toBe(0);
  });

  it('carries no field beyond codes, catalog words and counts', () => {
    const reply = statsReply(
      { days: 7, total: 2, top: [{ code: 50126, count: 2 }] },
      catalog,
      'en',
    );
    if (reply.kind !== 'stats') throw new Error('expected stats');
    for (const row of reply.top) {
      expect(Object.keys(row).sort()).toEqual(['code', 'count', 'name', 'severity', 'summary']);
    }
  });
});

describe('slowDownReply', () => {
  it('is a slow-down notice in the given locale', () => {
    expect(slowDownReply('en')).toEqual({ kind: 'notice', locale: 'en', notice: 'slow-down' });
    expect(slowDownReply('zh-CN')).toEqual({
      kind: 'notice',
      locale: 'zh-CN',
      notice: 'slow-down',
    });
  });
});
