/** Drain timings: defaults, DRAIN_* variables through loadConfig, flags on top, and the hard-exit floor. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { DEFAULT_DRAIN_TIMINGS, drainTimingsFromArgs } from '../../src/server/shutdown.js';

describe('drain timings', () => {
  it('keeps the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.drain).toEqual({});
    expect(drainTimingsFromArgs([], config.drain)).toEqual(DEFAULT_DRAIN_TIMINGS);
  });

  it('reads DRAIN_GRACE_MS, DRAIN_WORK_MS and DRAIN_HARD_EXIT_MS', () => {
    const config = loadConfig({
      DRAIN_GRACE_MS: '1000',
      DRAIN_WORK_MS: '8000',
      DRAIN_HARD_EXIT_MS: '20000',
    });
    expect(config.drain).toEqual({ graceMs: 1000, workMs: 8000, hardExitMs: 20000 });
    expect(drainTimingsFromArgs([], config.drain)).toEqual({
      graceMs: 1000,
      workMs: 8000,
      hardExitMs: 20000,
    });
  });

  it('treats an empty value (copied from .env.example) as unset', () => {
    expect(loadConfig({ DRAIN_GRACE_MS: '', DRAIN_WORK_MS: ' ' }).drain).toEqual({});
  });

  it('lets a flag win over its variable and keeps the others', () => {
    const { drain } = loadConfig({ DRAIN_GRACE_MS: '1000', DRAIN_WORK_MS: '8000' });
    expect(drainTimingsFromArgs(['--drain-grace-ms=0'], drain)).toEqual({
      graceMs: 0,
      workMs: 8000,
      hardExitMs: DEFAULT_DRAIN_TIMINGS.hardExitMs,
    });
  });

  it('raises a hard exit that leaves no room for the phases before it', () => {
    const { drain } = loadConfig({ DRAIN_WORK_MS: '30000', DRAIN_HARD_EXIT_MS: '1000' });
    expect(drainTimingsFromArgs([], drain).hardExitMs).toBe(
      DEFAULT_DRAIN_TIMINGS.graceMs + 30_000 + 2_000,
    );
  });

  it.each([
    ['DRAIN_GRACE_MS', 'soon'],
    ['DRAIN_WORK_MS', '-1'],
    ['DRAIN_HARD_EXIT_MS', '600001'],
    ['DRAIN_WORK_MS', '1.5'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
