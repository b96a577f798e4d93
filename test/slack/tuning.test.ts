import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/logger.js';
import { createBoltLogger } from '../../src/slack/bolt-logger.js';
import { DEFAULT_TUNING } from '../../src/slack/index.js';
import { webClientOptions } from '../../src/slack/web-client.js';

describe('production limits of the Slack adapter', () => {
  it('remembers deliveries longer than Slack retries them (about 5 minutes), at least 10 minutes', () => {
    expect(DEFAULT_TUNING.dedupeTtlMs).toBeGreaterThanOrEqual(10 * 60_000);
  });

  it('gives the Web API client a timeout of about 10 s and a few retries, not ten over thirty minutes', () => {
    const options = webClientOptions(DEFAULT_TUNING, undefined, createBoltLogger(silentLogger));
    expect(options.timeout).toBe(10_000);
    expect(options.retryConfig?.retries).toBeLessThanOrEqual(3);
    expect(options.retryConfig?.maxTimeout).toBeLessThanOrEqual(5_000);
    // a 429 must not pause every call of the process; withRateLimit decides instead
    expect(options.rejectRateLimitedCalls).toBe(true);
    expect(options.allowAbsoluteUrls).toBe(false);
  });

  it('bounds the worst case of one reply', () => {
    const t = DEFAULT_TUNING;
    const transport = (t.retries + 1) * t.requestTimeoutMs + t.retries * t.maxRetryDelayMs;
    const rateLimits = t.rateLimitRetries * t.maxRateLimitWaitMs;
    expect(transport).toBeLessThanOrEqual(40_000);
    expect(rateLimits).toBeLessThanOrEqual(40_000);
  });

  it('points the client at SLACK_API_URL when set, with a trailing slash', () => {
    const options = webClientOptions(
      DEFAULT_TUNING,
      'http://127.0.0.1:1/api',
      createBoltLogger(silentLogger),
    );
    expect(options.slackApiUrl).toBe('http://127.0.0.1:1/api/');
  });
});
