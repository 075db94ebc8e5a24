/**
 * The dependencies of one app in one container (a Lambda's or a local process's): the MySQL pool,
 * Redis, the entity cache, the logger, the signing secrets and the analytics settings, created once
 * from configuration and shared by every request and by whatever runs there (subgraphs, the
 * gateway, the analytics pipeline, the scripts).
 */
import type { Redis } from 'ioredis';
import { DEFAULT_ANALYTICS, DEFAULT_EXPORT_LIMITS, type AnalyticsConfig, type Config, type ExportLimits } from '../config.js';
import { createDatabaseClient, type Database, type DatabaseClient } from '../clients/mysql.js';
import { createRedisClient } from '../clients/redis.js';
import { createEntityCache, type EntityCache, type EntityCacheDeps } from '../cache/entityCache.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { AppName } from '../tenancy.js';

/** Per-container dependencies of one app: created once, shared by every request. */
export interface AppDeps {
  app: AppName;
  db: Database;
  cache: EntityCache;
  /** Absent when running without Redis. */
  redis: Redis | undefined;
  /** Prefix of every Redis key this app writes. */
  redisKeyPrefix: string;
  logger: Logger;
  contextSecrets: readonly string[];
  /** Where the analytics subgraph queues events and writes the lake. */
  analytics: AnalyticsConfig;
  /** How many data exports the datarights subgraph answers an hour; undefined: no limit. */
  exportLimits: ExportLimits | undefined;
}

export interface AppRuntime {
  deps: AppDeps;
  database: DatabaseClient;
  close(): Promise<void>;
}

/** Builds them from configuration; `close` ends the MySQL pool and the Redis connection. */
export function createAppRuntime(
  config: Pick<Config, 'app' | 'databaseUrl' | 'redisUrl' | 'redisKeyPrefix' | 'contextSecrets' | 'logLevel'> & Partial<Pick<Config, 'databasePool' | 'redisCommandTimeoutMs' | 'analytics' | 'cache' | 'exportLimits'>>,
  options: { redis?: boolean; logger?: Logger } = {},
): AppRuntime {
  const logger = options.logger ?? createLogger(config.logLevel, { app: config.app });
  const database = createDatabaseClient(config.databaseUrl, config.databasePool);
  const redis = options.redis === false ? undefined : createRedisClient(config.redisUrl, logger, { commandTimeoutMs: config.redisCommandTimeoutMs });
  const deps: AppDeps = {
    app: config.app,
    db: database.db,
    // Writes run BEGIN-less (runtime/clients/mysql.ts): the transaction handle is the same drizzle API.
    cache: createEntityCache({ app: config.app, db: database.db, redis, transaction: database.transaction as EntityCacheDeps['transaction'] }, { keyPrefix: config.redisKeyPrefix, enabled: config.cache ?? true }),
    redisKeyPrefix: config.redisKeyPrefix,
    redis,
    logger,
    contextSecrets: config.contextSecrets,
    analytics: config.analytics ?? DEFAULT_ANALYTICS,
    // Without configuration (tests, tools), the defaults; RATE_LIMITS=off gives none.
    exportLimits: 'exportLimits' in config ? config.exportLimits : DEFAULT_EXPORT_LIMITS,
  };
  return {
    deps,
    database,
    async close() {
      deps.cache.stopDraining();
      redis?.disconnect();
      await database.close();
    },
  };
}
