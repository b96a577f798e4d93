/**
 * Bot Framework authentication and the CloudAdapter, configured from Config.
 *
 * botbuilder skips JWT validation when MicrosoftAppId is empty; loadConfig refuses that in
 * production, and here it is announced loudly so nobody mistakes a local run for a safe one.
 */
import { type Activity, CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../config/env.js';
import type { SafeLogger } from '../log/logger.js';
import type { JsonRequest, JsonResponse } from '../server/create-server.js';
import { ReusingBotFrameworkAuthentication } from './client-cache.js';

/** the warning printed when the Teams endpoint runs without authentication */
export const UNAUTHENTICATED_WARNING =
  'MicrosoftAppId is empty: /api/messages accepts requests WITHOUT authentication. ' +
  'Use this only for local development with the Agents Playground; never expose this port.';

/** true when requests are accepted without a Bot Framework token */
export function isUnauthenticated(teams: Config['teams']): boolean {
  return !teams.appId;
}

/**
 * A CloudAdapter whose HTTP side answers and logs the way the rest of the server does.
 *
 * `CloudAdapter.process` writes every refused request to the console as a multi-line stack (and
 * answers 500 when a token names a real signing key but its signature is wrong). `serve` does the
 * same work through the public `processActivity`, answers 401 for any token that does not verify,
 * and logs one allowlisted line.
 */
export class TeamsAdapter extends CloudAdapter {
  readonly #logger: SafeLogger;

  constructor(auth: ConstructorParameters<typeof CloudAdapter>[0], logger: SafeLogger) {
    super(auth);
    this.#logger = logger;
  }

  /** runs `logic` for the activity in `req` once its token is verified, and answers the request */
  async serve(
    req: JsonRequest,
    res: JsonResponse,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const answer = (status: number, body?: unknown): void => {
      res.status(status);
      // as botbuilder does: an invoke response without a body (undefined or null) sends none
      if (body !== undefined && body !== null) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return answer(405);
    const type = req.body.type;
    if (typeof type !== 'string' || type === '') {
      this.#logger.warn({
        event: 'http.rejected',
        platform: 'teams',
        status: 400,
        errorCode: 'ACTIVITY_TYPE_MISSING',
      });
      return answer(400, {
        code: 'ACTIVITY_TYPE_MISSING',
        message: 'The body is not a Bot Framework activity: it has no "type".',
      });
    }
    const header = req.headers.authorization;
    try {
      const invoke = await this.processActivity(
        typeof header === 'string' ? header : '',
        withDates(req.body),
        logic,
      );
      return answer(invoke?.status ?? 200, invoke?.body);
    } catch (error: unknown) {
      const status = statusOf(error);
      const refused = status < 500;
      const errorCode = refusalCodeOf(error);
      const hint = refusalHint(errorCode);
      this.#logger.log(refused ? 'warn' : 'error', {
        event: refused ? 'teams.auth.rejected' : 'teams.request.failed',
        platform: 'teams',
        status,
        errorCode,
        ...(hint ? { detail: hint } : {}),
      });
      return answer(
        status,
        refused
          ? { code: 'UNAUTHORIZED', message: 'A valid Bot Framework token is required.' }
          : { code: 'INTERNAL', message: 'The activity could not be processed.' },
      );
    }
  }
}

/** the activity with its date fields as Date objects, as botbuilder's own HTTP path prepares it */
function withDates(body: Record<string, unknown>): Activity {
  const activity = body as Partial<Activity> & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as Activity;
}

/** jsonwebtoken's errors, which botframework-connector lets through when a signature does not verify */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * the status for a failed request: botframework-connector's AuthenticationError carries one (401
 * for a bad token, 500 when the signing keys could not be fetched), a jsonwebtoken error means the
 * token did not verify, and anything else is ours
 */
function statusOf(error: unknown): number {
  if (!(error instanceof Error)) return 500;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status <= 599) return status;
  return JWT_ERRORS.has(error.name) ? 401 : 500;
}

/**
 * A stable name for why a request was refused, read from the SDK's own message (matched here,
 * never logged: some messages quote claims from the token).
 */
const REFUSALS: ReadonlyArray<readonly [prefix: string, code: string]> = [
  ['Unauthorized Access. Request is not authorized', 'TOKEN_MISSING'],
  ['Signing Key could not be retrieved', 'SIGNING_KEY_UNKNOWN'],
  ['Failed to load openID config', 'SIGNING_KEYS_UNAVAILABLE'],
  ['Failed to load Keys', 'SIGNING_KEYS_UNAVAILABLE'],
  ['The token has expired', 'TOKEN_EXPIRED'],
  ['Unauthorized. Invalid AppId passed on token', 'TOKEN_FOR_ANOTHER_APP'],
  ['Unauthorized. ServiceUrl claim do not match', 'SERVICE_URL_MISMATCH'],
  ['Could not validate endorsement', 'ENDORSEMENT_MISSING'],
  ['Could not validate additional endorsement', 'ENDORSEMENT_MISSING'],
  ['invalid signature', 'TOKEN_SIGNATURE_INVALID'],
];

function refusalCodeOf(error: unknown): string {
  if (error instanceof Error) {
    // node-fetch's error: before the turn runs, the only fetch is the one for the signing keys
    if (error.name === 'FetchError') return 'SIGNING_KEYS_UNAVAILABLE';
    for (const [prefix, code] of REFUSALS) if (error.message.startsWith(prefix)) return code;
  }
  return errorCodeOf(error);
}

/** what an operator should check, for the refusals a misconfiguration causes */
function refusalHint(errorCode: string): string | undefined {
  switch (errorCode) {
    case 'TOKEN_FOR_ANOTHER_APP':
      return "The token was issued for another app id: MicrosoftAppId must be the Azure Bot resource's app id.";
    case 'SIGNING_KEYS_UNAVAILABLE':
      return "The token's signing keys could not be found: check that this host can reach Bot Framework's OpenID metadata over HTTPS.";
    default:
      return undefined;
  }
}

/**
 * botbuilder's public-cloud settings with another key endpoint. Once any of these is set botbuilder
 * takes none of its defaults, so all are given (values from botframework-connector's
 * AuthenticationConstants and CallerIdConstants).
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

/** the CloudAdapter for the configured Entra app (or the unauthenticated local mode) */
export function createTeamsAdapter(
  teams: Config['teams'],
  logger: SafeLogger,
  openIdMetadataUrl?: string,
): TeamsAdapter {
  const settings: Record<string, string> = {};
  if (teams.appId) {
    if (openIdMetadataUrl) Object.assign(settings, publicCloudWith(openIdMetadataUrl));
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
  const adapter = new TeamsAdapter(new ReusingBotFrameworkAuthentication(settings), logger);

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
    if (error instanceof Error) {
      return error.name === 'Error' ? error.constructor.name : error.name;
    }
  }
  return 'UNKNOWN';
}
