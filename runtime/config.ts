/**
 * The only module that reads `process.env`. Every setting is validated once, at start, with an
 * error naming the variable. Documented in README.md ("Configuration").
 */
import { parseAppName, type AppName } from './tenancy.js';

export const SUBGRAPH_NAMES = ['users', 'curriculum', 'memory', 'analytics'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type Transport = 'local' | 'http';

export interface Config {
  app: AppName;
  production: boolean;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key (cache and stream), to share one Redis between environments. */
  redisKeyPrefix: string;
  port: number;
  /** HMAC secrets for the gateway -> subgraph context; the first signs, all verify (rotation). */
  contextSecrets: string[];
  /** How the gateway reaches each subgraph. */
  transport: Transport;
  /** Per-subgraph URL overrides for the `http` transport (else the URL the supergraph names). */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  auth: {
    issuer: string;
    audience: string;
    /** Remote JWKS (Cognito). Empty: the local development issuer's key file is used. */
    jwksUrl: string;
    devIssuerKeyFile: string;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Only the operations of operations/manifest.json run (admins exempt). */
  safelist: boolean;
}

const DEV_CONTEXT_SECRET = 'dev-only-context-secret-change-me';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`Environment variable ${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`Environment variable ${name} must be a port number; got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const contextSecrets = (env.CONTEXT_SECRETS ?? (production ? '' : DEV_CONTEXT_SECRET))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (contextSecrets.length === 0) throw new ConfigError('Environment variable CONTEXT_SECRETS is required in production');
  if (production && contextSecrets.includes(DEV_CONTEXT_SECRET)) throw new ConfigError('CONTEXT_SECRETS must not use the development secret in production');

  let app: AppName;
  try {
    app = parseAppName(env.APP_NAME ?? 'amal');
  } catch (error) {
    throw new ConfigError(`Environment variable ${(error as Error).message}`);
  }

  const subgraphUrls: Config['subgraphUrls'] = {};
  for (const name of ['users', 'curriculum', 'memory', 'analytics'] as const) {
    const url = env[`SUBGRAPH_URL_${name.toUpperCase()}`];
    if (url) subgraphUrls[name] = url;
  }

  if (production && !env.AUTH_JWKS_URL) throw new ConfigError('Environment variable AUTH_JWKS_URL is required in production');

  return {
    app,
    production,
    databaseUrl: env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/learning',
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? '',
    port: port('PORT', env.PORT ?? '4000'),
    contextSecrets,
    transport: oneOf('SUBGRAPH_TRANSPORT', env.SUBGRAPH_TRANSPORT ?? 'local', ['local', 'http'] as const),
    subgraphUrls,
    auth: {
      issuer: env.AUTH_ISSUER ?? 'http://localhost:4000/dev-issuer',
      audience: env.AUTH_AUDIENCE ?? 'learning-apps',
      jwksUrl: env.AUTH_JWKS_URL ?? '',
      devIssuerKeyFile: env.DEV_ISSUER_KEY_FILE ?? '.local/dev-issuer.jwk.json',
    },
    safelist: oneOf('OPERATION_SAFELIST', env.OPERATION_SAFELIST ?? (production ? 'on' : 'off'), ['on', 'off'] as const) === 'on',
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', ['debug', 'info', 'warn', 'error', 'silent'] as const),
  };
}
