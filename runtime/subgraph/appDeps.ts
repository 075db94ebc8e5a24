/** Builds the per-container dependencies of one app from configuration. */
import { DEFAULT_ANALYTICS, DEFAULT_EXPORT_LIMITS, type Config } from '../config.js';
import { createDatabaseClient, type DatabaseClient } from '../clients/mysql.js';
import { createRedisClient } from '../clients/redis.js';
import { createEntityCache, type EntityCacheDeps } from '../cache/entityCache.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { AppDeps } from './contract.js';

export interface AppRuntime {
  deps: AppDeps;
  database: DatabaseClient;
  close(): Promise<void>;
}

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
