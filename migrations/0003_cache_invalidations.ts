import type { Migration } from './migration.js';

/**
 * The entity cache's invalidation log (runtime/cache/invalidationLog.ts): a write notes the
 * keys it makes stale in its own transaction, so an invalidation outlives a writer that dies or
 * cannot reach Redis.
 */
export const cacheInvalidations: Migration = {
  version: 3,
  name: 'cache_invalidations',
  up: (t) => [
    `CREATE TABLE IF NOT EXISTS ${t('cache_invalidations')} (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      write_id CHAR(22) NOT NULL,
      cache_key VARCHAR(255) NOT NULL,
      recorded_at DATETIME(3) NOT NULL,
      KEY write_idx (write_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  ],
};
