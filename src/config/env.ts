/**
 * The one module that reads process.env. Everything else receives a Config.
 * Validation errors name the variable and say what to set.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

// milliseconds for one drain phase; unset keeps the built-in default
const drainMs = z.coerce.number().int().min(0).max(600_000).optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Teams (Bot Framework)
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant']).optional(),
  MicrosoftAppTenantId: optionalText,
  // Slack
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: z.url().optional(),
  // shared state and organization
  REDIS_URL: optionalText,
  CONTACTS_FILE: optionalText,
  // rate limits (0 turns a limit off)
  RATE_LIMIT_USER: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_CHANNEL: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  // graceful shutdown (the --drain-* flags win over these); see src/server/shutdown.ts
  DRAIN_GRACE_MS: drainMs,
  DRAIN_WORK_MS: drainMs,
  DRAIN_HARD_EXIT_MS: drainMs,
});

/** a host name or address that only this machine can reach */
function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** every environment variable loadConfig reads (the deployment templates are tested against it) */
export const ENV_VARIABLES: readonly (keyof Env)[] = Object.keys(envSchema.shape) as (keyof Env)[];

export type Env = z.infer<typeof envSchema>;

/** validated configuration handed to the rest of the app */
export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  teams: {
    appId: string | undefined;
    appPassword: string | undefined;
    appType: 'SingleTenant' | 'UserAssignedMSI' | 'MultiTenant' | undefined;
    tenantId: string | undefined;
  };
  /** undefined when Slack is off (no signing secret or token) */
  slack:
    | {
        signingSecret: string;
        botToken: string;
        appToken: string | undefined;
        apiUrl: string | undefined;
      }
    | undefined;
  redisUrl: string | undefined;
  contactsFile: string | undefined;
  /** messages per window per user and per channel; 0 means no limit */
  rateLimits: { userPoints: number; channelPoints: number; windowSeconds: number };
  /** drain phases set in the environment, in milliseconds (unset ones keep their defaults) */
  drain: { graceMs?: number; workMs?: number; hardExitMs?: number };
}

/** a configuration problem a person can fix: names the variable and what to set */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** reads and validates the environment; throws ConfigError with an actionable message */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty value (`PORT=` copied from .env.example) means "not set", so the default applies
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const slackParts = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN].filter(Boolean).length;
  if (slackParts === 1) {
    throw new ConfigError(
      'Slack is half configured: set both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN, or neither to turn Slack off.',
    );
  }
  if (e.NODE_ENV === 'production' && !e.MicrosoftAppId) {
    throw new ConfigError(
      'MicrosoftAppId is empty in production: the Teams endpoint would accept unauthenticated requests. ' +
        'Set MicrosoftAppId (and MicrosoftAppType, MicrosoftAppTenantId, MicrosoftAppPassword or a managed identity).',
    );
  }
  if (!e.MicrosoftAppId && !isLoopback(e.HOST)) {
    throw new ConfigError(
      `MicrosoftAppId is empty and HOST=${e.HOST} listens beyond this machine: the Teams endpoint would accept unauthenticated requests from the network. ` +
        'Set MicrosoftAppId (see the README, "Teams"), or leave HOST unset (127.0.0.1) for local development.',
    );
  }
  if (e.REDIS_URL && !/^rediss?:\/\//.test(e.REDIS_URL)) {
    // the value is not quoted: it usually carries the access key
    throw new ConfigError(
      'REDIS_URL must start with redis:// or rediss:// (TLS, as Azure requires), e.g. rediss://:<key>@<host>:6380; leave it empty to keep state in memory.',
    );
  }
  if (
    e.MicrosoftAppId &&
    (e.MicrosoftAppType ?? 'SingleTenant') === 'SingleTenant' &&
    !e.MicrosoftAppTenantId
  ) {
    throw new ConfigError(
      'MicrosoftAppType is SingleTenant: set MicrosoftAppTenantId to your Entra tenant id.',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    teams: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    },
    slack:
      e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN
        ? {
            signingSecret: e.SLACK_SIGNING_SECRET,
            botToken: e.SLACK_BOT_TOKEN,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
    redisUrl: e.REDIS_URL,
    contactsFile: e.CONTACTS_FILE,
    rateLimits: {
      userPoints: e.RATE_LIMIT_USER,
      channelPoints: e.RATE_LIMIT_CHANNEL,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    },
    drain: {
      ...(e.DRAIN_GRACE_MS === undefined ? {} : { graceMs: e.DRAIN_GRACE_MS }),
      ...(e.DRAIN_WORK_MS === undefined ? {} : { workMs: e.DRAIN_WORK_MS }),
      ...(e.DRAIN_HARD_EXIT_MS === undefined ? {} : { hardExitMs: e.DRAIN_HARD_EXIT_MS }),
    },
  };
}

/**
 * loads a .env file into the environment when present (`npm start` calls it before loadConfig);
 * variables already set win, so a platform's settings are never overridden by a stray file.
 * Returns the names it set (never the values).
 */
export function loadDotEnvFile(file = '.env', env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw new ConfigError(`${file} exists but cannot be read; fix its permissions or remove it.`);
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
