/**
 * Bot Framework authentication and the CloudAdapter, configured from Config.
 *
 * botbuilder skips JWT validation when MicrosoftAppId is empty; loadConfig refuses that in
 * production, and here it is announced loudly so nobody mistakes a local run for a safe one.
 */
import { CloudAdapter } from 'botbuilder';
import type { Config } from '../config/env.js';
import type { SafeLogger } from '../log/logger.js';
import { ReusingBotFrameworkAuthentication } from './client-cache.js';

/** the warning printed when the Teams endpoint runs without authentication */
export const UNAUTHENTICATED_WARNING =
  'MicrosoftAppId is empty: /api/messages accepts requests WITHOUT authentication. ' +
  'Use this only for local development with the Agents Playground; never expose this port.';

/** true when requests are accepted without a Bot Framework token */
export function isUnauthenticated(teams: Config['teams']): boolean {
  return !teams.appId;
}

/** the CloudAdapter for the configured Entra app (or the unauthenticated local mode) */
export function createTeamsAdapter(teams: Config['teams'], logger: SafeLogger): CloudAdapter {
  const settings: Record<string, string> = {};
  if (teams.appId) {
    settings.MicrosoftAppId = teams.appId;
    settings.MicrosoftAppType = teams.appType ?? 'SingleTenant';
    if (teams.appPassword) settings.MicrosoftAppPassword = teams.appPassword;
    if (teams.tenantId) settings.MicrosoftAppTenantId = teams.tenantId;
  } else {
    logger.warn({
      event: 'teams.auth.disabled',
      platform: 'teams',
      detail: UNAUTHENTICATED_WARNING,
    });
  }
  const adapter = new CloudAdapter(new ReusingBotFrameworkAuthentication(settings));

  // A failed turn is logged by code only: error messages can quote the activity.
  adapter.onTurnError = async (context, error: unknown) => {
    logger.error({
      event: 'teams.turn.failed',
      platform: 'teams',
      activityId: context.activity.id,
      errorCode: errorCodeOf(error),
    });
  };
  return adapter;
}

function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') return `HTTP_${status}`;
    if (error instanceof Error) return error.name;
  }
  return 'UNKNOWN';
}
