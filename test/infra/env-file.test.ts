import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDotEnvFile } from '../../src/config/env.js';

const dir = mkdtempSync(join(tmpdir(), 'aadsts-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDotEnvFile', () => {
  it('sets variables from the file without overriding ones already set', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# local\nPORT=4000\nLOG_LEVEL=debug\nREDIS_URL=\nRATE_LIMIT_USER="5"\n');
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    expect(loadDotEnvFile(file, env).sort()).toEqual(['PORT', 'RATE_LIMIT_USER', 'REDIS_URL']);
    expect(env).toEqual({ LOG_LEVEL: 'warn', PORT: '4000', REDIS_URL: '', RATE_LIMIT_USER: '5' });
    const config = loadConfig(env);
    expect(config.port).toBe(4000);
    expect(config.logLevel).toBe('warn');
    expect(config.redisUrl).toBeUndefined();
    expect(config.rateLimits.userPoints).toBe(5);
  });

  it('does nothing when the file is absent', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnvFile(join(dir, 'missing.env'), env)).toEqual([]);
    expect(env).toEqual({});
  });

  it('reports an unreadable file as a configuration error', () => {
    // a directory where the file should be cannot be read as text
    expect(() => loadDotEnvFile(dir, {})).toThrow(ConfigError);
  });
});

describe('loadConfig for deployment', () => {
  it('names REDIS_URL without quoting its value when the scheme is wrong', () => {
    const secret = 'https://:S3cretKey@cache.example:6380';
    let message = '';
    try {
      loadConfig({ REDIS_URL: secret });
    } catch (error: unknown) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('REDIS_URL must start with redis:// or rediss://');
    expect(message).not.toContain('S3cretKey');
  });

  it('names a bad rate-limit variable', () => {
    expect(() => loadConfig({ RATE_LIMIT_USER: '-1' })).toThrow(/RATE_LIMIT_USER/);
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: 'soon' })).toThrow(
      /RATE_LIMIT_WINDOW_SECONDS/,
    );
  });
});
