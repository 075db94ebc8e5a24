import type { Migration } from './migration.js';

/**
 * The data rights subgraph (subgraphs/datarights/): the audit and progress of erasures, and the
 * suppression list of erased people that the analytics consumer and the replay honour.
 */
export const datarightsSubgraph: Migration = {
  version: 5,
  name: 'datarights_subgraph',
  up: (t) => [
    `CREATE TABLE IF NOT EXISTS ${t('erasures')} (
      id CHAR(36) NOT NULL PRIMARY KEY,
      requested_by BIGINT NOT NULL,
      requested_by_role VARCHAR(16) NOT NULL,
      requested_at DATETIME(3) NOT NULL,
      completed_at DATETIME(3) NULL,
      steps_done VARCHAR(255) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    `CREATE TABLE IF NOT EXISTS ${t('erased_people')} (
      user_id BIGINT NOT NULL PRIMARY KEY,
      erasure_id CHAR(36) NOT NULL,
      erased_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  ],
};
