/**
 * The server under load: the real restify server with Teams (Bot Framework authentication on, as in
 * production) and Slack (against a fake Web API), plus a raw HTTP sender that reports the status
 * even when the server cuts the connection after answering.
 */
import { request } from 'node:http';
import { loadCatalog } from '../../src/core/catalog/load.js';
import { silentLogger } from '../../src/log/logger.js';
import { createTeamsEndpoint } from '../../src/teams/index.js';
import { FAST_TUNING, type ServerHarness, startServerHarness } from '../slack/harness.js';

/** the running server and the fake Slack behind it */
export type LoadTarget = ServerHarness;

/** starts the server with both platforms on a free loopback port */
export function startLoadTarget(): Promise<LoadTarget> {
  const teams = createTeamsEndpoint({
    teams: {
      appId: '00000000-0000-4000-8000-00000000b0b0',
      appPassword: 'not-a-real-secret',
      appType: 'SingleTenant',
      tenantId: '00000000-0000-4000-8000-0000000000aa',
    },
    catalog: loadCatalog(),
    logger: silentLogger,
  });
  return startServerHarness({ tuning: FAST_TUNING, teams });
}

/**
 * POSTs `body` and resolves with the response status, or 'reset' when the connection closed before
 * any answer arrived. `chunked` leaves out Content-Length, so the server cannot refuse up front.
 */
export function postRaw(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  chunked = false,
): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: number | 'reset'): void => {
      if (!settled) resolve(value);
      settled = true;
    };
    const req = request(url, {
      method: 'POST',
      headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
      agent: false,
      timeout: 15_000,
    });
    req.on('response', (res) => {
      settle(res.statusCode ?? 0);
      res.resume();
    });
    // the server may close the socket while the rest of the body is still being written
    req.on('error', () => settle('reset'));
    req.on('timeout', () => req.destroy());
    if (chunked) {
      // 64 KB pieces, as a client streaming a large upload would send them
      for (let at = 0; at < body.length; at += 65_536) req.write(body.subarray(at, at + 65_536));
      req.end();
    } else {
      req.end(body);
    }
  });
}
