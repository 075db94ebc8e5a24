/** A versioned schema change for one app's tables. `t('users')` gives the app's table name. */
export interface Migration {
  version: number;
  name: string;
  /** Statements run in order; each must be safe to run again (IF NOT EXISTS; an ADD COLUMN or ADD INDEX that finds its change made counts as done), since DDL is not transactional in MySQL. */
  up: (t: (table: string) => string) => string[];
}
