/**
 * The configuration every part shares. With gateway/config.ts (how the gateway reaches its
 * subgraphs), the only module that reads `process.env`. Every setting is validated once, at start,
 * with an error naming the variable. Documented in README.md ("Configuration").
 */
import { randomBytes } from 'node:crypto';
import { LearningGraphError } from './errors.js';
import { APP_NAMES, type AppName } from './tenancy.js';

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
  auth: {
    issuer: string;
    audience: string;
    /** Remote JWKS (Cognito). Empty: the local development issuer's key file is used. */
    jwksUrl: string;
    devIssuerKeyFile: string;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Only the operations of the persisted query manifests run (admins exempt). */
  safelist: boolean;
  /**
   * Persisted query manifests of other apps and clients (Apollo's format), added to the shipped
   * operations/manifest.json; read and checked at start by gateway/fromConfig.ts (manifestFromConfig).
   */
  persistedQueryManifests: string[];
  /** The composed supergraph to serve. Empty: the one shipped in schema/. */
  supergraphFile: string;
  resilience: ResilienceConfig;
  databasePool: DatabasePoolConfig;
  /** Longer Redis commands count as a cache miss. */
  redisCommandTimeoutMs: number;
  /** The two-tier entity cache and the gateway's response cache; off reads every row from MySQL (diagnosis, the benchmark's cold figures). */
  cache: boolean;
  /** How long the gateway keeps a whole answer at most (writes end it sooner); 0: no response cache. */
  responseCacheTtlSeconds: number;
  /** Which answers the response cache keeps: only those the same for everyone, or each viewer's too. */
  responseCache: ResponseCacheScope;
  analytics: AnalyticsConfig;
  /** The gateway's per-minute budgets (docs/SECURITY.md, "Rate limits"); undefined: `RATE_LIMITS=off`. */
  rateLimits: RateLimitConfig | undefined;
  /** A child's data exports an hour (subgraphs/datarights/exportBudget.ts); undefined: `RATE_LIMITS=off`. */
  exportLimits: ExportLimits | undefined;
}

/** `childDataExport`s an hour: of one requester, and of one child whoever asks. */
export interface ExportLimits {
  perRequester: number;
  perChild: number;
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = { perRequester: 10, perChild: 3 };

/** Requests per caller and minute, counted in Redis by every container of the app (gateway/plugins/rateLimit.ts). */
export interface RateLimitConfig {
  /** Requests of one signed-in user, whatever token they come with. @default 600 */
  requestsPerMinute: number;
  /** Requests of one client address without a token. @default 300 */
  anonymousRequestsPerMinute: number;
  /** Root mutation fields of one caller: two aliases of one mutation count two. @default 60 */
  mutationsPerMinute: number;
  /** A budget Redis has not answered for within this is not enforced (fail open). @default 100 */
  timeoutMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { requestsPerMinute: 600, anonymousRequestsPerMinute: 300, mutationsPerMinute: 60, timeoutMs: 100 };
/** `recordEvents`: events of one learner per minute (subgraphs/analytics/eventBudget.ts). */
export const DEFAULT_EVENTS_PER_MINUTE = 1_000;

/** Deadlines and circuit breaking between the gateway and its subgraphs (docs/RELIABILITY.md). */
export interface ResilienceConfig {
  /** The whole request's budget, kept below API Gateway's 30 s integration limit. */
  requestDeadlineMs: number;
  /** A subgraph call's deadline unless `subgraphTimeoutsMs` names the subgraph. */
  subgraphTimeoutMs: number;
  /** By subgraph name (`SUBGRAPH_TIMEOUT_MS_<NAME>`). */
  subgraphTimeoutsMs: Record<string, number>;
  /** Consecutive failures of a subgraph that open its circuit. */
  circuitFailures: number;
  /** How long an open circuit refuses calls before one probe is let through. */
  circuitOpenMs: number;
}

/** Where analytics events queue and where their raw copies land (docs/ANALYTICS.md). */
export interface AnalyticsConfig {
  queue: { kind: 'redis' } | { kind: 'sqs'; queueUrl: string; deadLetterQueueUrl: string | undefined };
  lake: { kind: 'off' } | { kind: 'directory'; dir: string } | { kind: 's3'; bucket: string } | { kind: 'firehose'; deliveryStream: string; bucket: string | undefined };
  /** Key prefix before `app=<app>/dt=<yyyy-mm-dd>/`; the Firehose prefix of the stack. */
  lakePrefix: string;
  /** Failed deliveries of an event before it is dead-lettered; the SQS queue's maxReceiveCount. */
  maxAttempts: number;
  /** An SQS/S3/Firehose-compatible endpoint (an emulator); undefined: AWS. */
  awsEndpoint: string | undefined;
  /** `recordEvents` accepts this many events of one learner per minute, the rest RATE_LIMITED; undefined: no limit. */
  eventBudget: { perMinute: number; timeoutMs: number } | undefined;
}

/** Without configuration (tests, benchmarks that build a runtime themselves): no event budget. */
export const DEFAULT_ANALYTICS: AnalyticsConfig = { queue: { kind: 'redis' }, lake: { kind: 'off' }, lakePrefix: 'events/', maxAttempts: 5, awsEndpoint: undefined, eventBudget: undefined };

export interface DatabasePoolConfig {
  connectionLimit: number;
  /** Requests waiting for a connection beyond this get UNAVAILABLE at once. */
  queueLimit: number;
  /** A connection silent this long in the middle of a statement is destroyed (a dead or partitioned server). */
  queryTimeoutMs: number;
}

/**
 * The development issuer's `iss`, also where `npm start` serves the development sign-in
 * (scripts/devSignIn/): `npm run token` and the sign-in page sign with the same key.
 */
export const DEVELOPMENT_ISSUER = 'http://127.0.0.1:4040';

/** API Gateway ends every integration at 30 s; the gateway answers before that. */
export const MAX_REQUEST_DEADLINE_MS = 29_000;

/**
 * The development default earlier versions signed contexts with. It is public (it is in this
 * repository's history), so no process accepts it, in development either: anyone who can reach a
 * subgraph over HTTP could sign as an admin with it.
 */
const PUBLISHED_CONTEXT_SECRET = 'dev-only-context-secret-change-me';

/**
 * CONTEXT_SECRETS outside production when unset: random, once per process. `npm start` and
 * `npm run start:http` run the gateway and every subgraph in one process, so they agree on it;
 * a subgraph served by any other process refuses their contexts, and nothing in the repository
 * signs for it.
 */
const PROCESS_CONTEXT_SECRET = randomBytes(32).toString('base64url');

/** A setting that is missing or wrong: the process refuses to start (or the command to run) with this one paragraph. */
export class ConfigError extends LearningGraphError {
  override readonly name = 'ConfigError';
}

/**
 * `public`: only answers made of `@public` fields, kept once for every viewer; `all`: each viewer's
 * own answers too; `off` (the default). docs/PERFORMANCE.md ("The response cache") has the
 * measurement behind the default.
 */
export const RESPONSE_CACHE_SCOPES = ['public', 'all', 'off'] as const;
export type ResponseCacheScope = (typeof RESPONSE_CACHE_SCOPES)[number];

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`Environment variable ${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`Environment variable ${name} must be a port number; got "${value}"`);
  return n;
}

export function integer(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`Environment variable ${name} must be an integer from ${min} to ${max}; got "${value}"`);
  return n;
}

export function required(name: string, value: string | undefined, when: string): string {
  if (!value) throw new ConfigError(`Environment variable ${name} is required when ${when}`);
  return value;
}

function databaseUrl(value: string): string {
  databaseNameOf(value);
  return value;
}

/** The database a DATABASE_URL names, checked because `ensureDatabase` writes it into SQL. */
export function databaseNameOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`Environment variable DATABASE_URL must be a URL such as mysql://user:password@127.0.0.1:3306/learning; got "${url}"`);
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[\w-]{1,64}$/.test(name)) throw new ConfigError(`Environment variable DATABASE_URL must name a database (letters, digits, _ or -); got "${name}"`);
  return name;
}

/** PERSISTED_QUERY_MANIFESTS: comma-separated paths of files the gateway reads at start. */
function manifestPaths(value: string): string[] {
  const paths = value.split(',').map((path) => path.trim()).filter(Boolean);
  const url = paths.find((path) => /^[a-z][a-z\d+.-]*:\/\//i.test(path));
  if (url) throw new ConfigError(`Environment variable PERSISTED_QUERY_MANIFESTS must list file paths (the gateway reads them at start and fetches nothing); got "${url}"`);
  return paths;
}

function loadRateLimits(env: NodeJS.ProcessEnv): RateLimitConfig | undefined {
  if (oneOf('RATE_LIMITS', env.RATE_LIMITS ?? 'on', ['on', 'off'] as const) === 'off') return undefined;
  const perMinute = (name: string, fallback: number) => integer(name, env[name] ?? String(fallback), 1, 1_000_000);
  return {
    requestsPerMinute: perMinute('RATE_LIMIT_REQUESTS_PER_MINUTE', DEFAULT_RATE_LIMITS.requestsPerMinute),
    anonymousRequestsPerMinute: perMinute('RATE_LIMIT_ANONYMOUS_REQUESTS_PER_MINUTE', DEFAULT_RATE_LIMITS.anonymousRequestsPerMinute),
    mutationsPerMinute: perMinute('RATE_LIMIT_MUTATIONS_PER_MINUTE', DEFAULT_RATE_LIMITS.mutationsPerMinute),
    timeoutMs: integer('RATE_LIMIT_TIMEOUT_MS', env.RATE_LIMIT_TIMEOUT_MS ?? String(DEFAULT_RATE_LIMITS.timeoutMs), 10, 5_000),
  };
}

function loadAnalytics(env: NodeJS.ProcessEnv, production: boolean, rateLimits: RateLimitConfig | undefined): AnalyticsConfig {
  const queueKind = oneOf('ANALYTICS_QUEUE', env.ANALYTICS_QUEUE ?? 'redis', ['redis', 'sqs'] as const);
  const queue: AnalyticsConfig['queue'] = queueKind === 'redis'
    ? { kind: 'redis' }
    : { kind: 'sqs', queueUrl: required('ANALYTICS_QUEUE_URL', env.ANALYTICS_QUEUE_URL, 'ANALYTICS_QUEUE=sqs'), deadLetterQueueUrl: env.ANALYTICS_DEAD_LETTER_QUEUE_URL || undefined };
  const lakeKind = oneOf('ANALYTICS_LAKE', env.ANALYTICS_LAKE ?? (production ? 'off' : 'directory'), ['off', 'directory', 's3', 'firehose'] as const);
  const bucket = env.ANALYTICS_LAKE_BUCKET || undefined;
  const lake: AnalyticsConfig['lake'] =
    lakeKind === 'off' ? { kind: 'off' }
    : lakeKind === 'directory' ? { kind: 'directory', dir: env.ANALYTICS_LAKE_DIR || '.local/lake' }
    : lakeKind === 's3' ? { kind: 's3', bucket: required('ANALYTICS_LAKE_BUCKET', bucket, 'ANALYTICS_LAKE=s3') }
    : { kind: 'firehose', deliveryStream: required('ANALYTICS_DELIVERY_STREAM', env.ANALYTICS_DELIVERY_STREAM, 'ANALYTICS_LAKE=firehose'), bucket };
  const lakePrefix = env.ANALYTICS_LAKE_PREFIX ?? DEFAULT_ANALYTICS.lakePrefix;
  if (!/^([\w.-]+\/)*$/.test(lakePrefix)) throw new ConfigError(`Environment variable ANALYTICS_LAKE_PREFIX must be empty or folder names each ending in "/"; got "${lakePrefix}"`);
  return {
    queue,
    lake,
    lakePrefix,
    maxAttempts: integer('ANALYTICS_MAX_ATTEMPTS', env.ANALYTICS_MAX_ATTEMPTS ?? String(DEFAULT_ANALYTICS.maxAttempts), 1, 1000),
    awsEndpoint: env.AWS_ENDPOINT_URL || undefined,
    eventBudget: rateLimits && {
      perMinute: integer('RATE_LIMIT_EVENTS_PER_MINUTE', env.RATE_LIMIT_EVENTS_PER_MINUTE ?? String(DEFAULT_EVENTS_PER_MINUTE), 1, 10_000_000),
      timeoutMs: rateLimits.timeoutMs,
    },
  };
}

/*
 * Settings only some commands need, checked when one of them runs: reading the lake back (replay,
 * export), recording an erasure in it, redriving dead letters.
 */

/** The lake's bucket, or a refusal naming the setting (`purpose` says what needed it). */
export function lakeBucket(lake: AnalyticsConfig['lake'], purpose: string): string {
  if ((lake.kind === 's3' || lake.kind === 'firehose') && lake.bucket) return lake.bucket;
  throw new ConfigError(lake.kind === 'firehose'
    ? `${purpose} needs the Firehose lake's bucket: set ANALYTICS_LAKE_BUCKET (the delivery stream's bucket)`
    : `${purpose} needs ANALYTICS_LAKE=directory, or ANALYTICS_LAKE_BUCKET with ANALYTICS_LAKE=s3 or firehose`);
}

/** The SQS dead-letter queue to redrive, or a refusal naming the setting. */
export function deadLetterQueueToRedrive(url: string | undefined): string {
  if (!url) throw new ConfigError('Redriving needs the SQS dead-letter queue: set ANALYTICS_DEAD_LETTER_QUEUE_URL');
  return url;
}

function loadResilience(env: NodeJS.ProcessEnv): ResilienceConfig {
  const requestDeadlineMs = integer('REQUEST_DEADLINE_MS', env.REQUEST_DEADLINE_MS ?? '10000', 100, MAX_REQUEST_DEADLINE_MS);
  const subgraphTimeout = (name: string, fallback: string) => integer(name, env[name] ?? fallback, 50, requestDeadlineMs);
  const subgraphTimeoutMs = subgraphTimeout('SUBGRAPH_TIMEOUT_MS', String(Math.min(5000, requestDeadlineMs)));
  // Any subgraph of the supergraph, ours or another team's: SUBGRAPH_TIMEOUT_MS_<NAME>.
  const subgraphTimeoutsMs: ResilienceConfig['subgraphTimeoutsMs'] = {};
  for (const variable of Object.keys(env)) {
    const name = /^SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/.exec(variable)?.[1];
    if (name) subgraphTimeoutsMs[name.toLowerCase()] = subgraphTimeout(variable, '');
  }
  return {
    requestDeadlineMs,
    subgraphTimeoutMs,
    subgraphTimeoutsMs,
    circuitFailures: integer('CIRCUIT_FAILURES', env.CIRCUIT_FAILURES ?? '5', 1, 1000),
    circuitOpenMs: integer('CIRCUIT_OPEN_MS', env.CIRCUIT_OPEN_MS ?? '5000', 10, 600_000),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const contextSecrets = (env.CONTEXT_SECRETS ?? (production ? '' : PROCESS_CONTEXT_SECRET))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (contextSecrets.length === 0) throw new ConfigError('Environment variable CONTEXT_SECRETS is required in production');
  if (contextSecrets.includes(PUBLISHED_CONTEXT_SECRET)) throw new ConfigError('CONTEXT_SECRETS must not use the development secret published in this repository: leave it unset in development (each process then makes its own)');

  const app = oneOf('APP_NAME', env.APP_NAME ?? 'amal', APP_NAMES);

  if (production && !env.AUTH_JWKS_URL) throw new ConfigError('Environment variable AUTH_JWKS_URL is required in production');
  const rateLimits = loadRateLimits(env);

  return {
    app,
    production,
    databaseUrl: databaseUrl(env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/learning'),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? '',
    port: port('PORT', env.PORT ?? '4000'),
    contextSecrets,
    auth: {
      issuer: env.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
      audience: env.AUTH_AUDIENCE ?? 'learning-apps',
      jwksUrl: env.AUTH_JWKS_URL ?? '',
      devIssuerKeyFile: env.DEV_ISSUER_KEY_FILE ?? '.local/dev-issuer.jwk.json',
    },
    safelist: oneOf('OPERATION_SAFELIST', env.OPERATION_SAFELIST ?? (production ? 'on' : 'off'), ['on', 'off'] as const) === 'on',
    persistedQueryManifests: manifestPaths(env.PERSISTED_QUERY_MANIFESTS ?? ''),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL ?? 'info', ['debug', 'info', 'warn', 'error', 'silent'] as const),
    supergraphFile: env.SUPERGRAPH_FILE ?? '',
    resilience: loadResilience(env),
    databasePool: {
      connectionLimit: integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE ?? '10', 1, 1000),
      queueLimit: integer('DATABASE_QUEUE_LIMIT', env.DATABASE_QUEUE_LIMIT ?? '100', 1, 100_000),
      queryTimeoutMs: integer('DATABASE_QUERY_TIMEOUT_MS', env.DATABASE_QUERY_TIMEOUT_MS ?? '5000', 50, 600_000),
    },
    redisCommandTimeoutMs: integer('REDIS_COMMAND_TIMEOUT_MS', env.REDIS_COMMAND_TIMEOUT_MS ?? '250', 10, 60_000),
    cache: oneOf('CACHE', env.CACHE ?? 'on', ['on', 'off'] as const) === 'on',
    responseCacheTtlSeconds: integer('RESPONSE_CACHE_TTL_SECONDS', env.RESPONSE_CACHE_TTL_SECONDS ?? '30', 0, 300),
    responseCache: oneOf('RESPONSE_CACHE', env.RESPONSE_CACHE ?? 'off', RESPONSE_CACHE_SCOPES),
    analytics: loadAnalytics(env, production, rateLimits),
    rateLimits,
    exportLimits: rateLimits && {
      perRequester: integer('RATE_LIMIT_EXPORTS_PER_HOUR', env.RATE_LIMIT_EXPORTS_PER_HOUR ?? String(DEFAULT_EXPORT_LIMITS.perRequester), 1, 1_000_000),
      perChild: integer('RATE_LIMIT_CHILD_EXPORTS_PER_HOUR', env.RATE_LIMIT_CHILD_EXPORTS_PER_HOUR ?? String(DEFAULT_EXPORT_LIMITS.perChild), 1, 1_000_000),
    },
  };
}
