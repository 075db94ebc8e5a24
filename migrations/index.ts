/**
 * Creates or upgrades one app's tables to the newest version, idempotently.
 * `<app>_schema_migrations` records which versions ran; a named lock keeps two migrators apart.
 */
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { mysqlErrorCode } from '../runtime/errors.js';
import { prefixed, type AppName } from '../runtime/tenancy.js';
import type { Migration } from './migration.js';
import { initial } from './0001_initial.js';
import { eventBatches } from './0002_event_batches.js';
import { cacheInvalidations } from './0003_cache_invalidations.js';
import { consentedEnrolments } from './0004_consented_enrolments.js';
import { datarightsSubgraph } from './0005_datarights_subgraph.js';
import { clockClamped } from './0006_clock_clamped.js';
import { inVersionOrder, subgraphMigrations } from './subgraphMigrations.js';

/** The shared history, then what each hosted subgraph keeps in its own folder (./subgraphMigrations.ts), in version order. */
export const MIGRATIONS: readonly Migration[] = inVersionOrder([initial, eventBatches, cacheInvalidations, consentedEnrolments, datarightsSubgraph, clockClamped, ...subgraphMigrations()]);

/** The column or index a statement adds is there already. */
const ALREADY_APPLIED = new Set(['ER_DUP_FIELDNAME', 'ER_DUP_KEYNAME']);

/** Runs one statement; an ALTER that finds its change already made (a migration interrupted after it) counts as done. */
async function runStatement(connection: PoolConnection, statement: string): Promise<void> {
  try {
    await connection.query(statement);
  } catch (error) {
    if (!ALREADY_APPLIED.has(mysqlErrorCode(error) ?? '')) throw error;
  }
}

export async function migrate(pool: Pool, app: AppName): Promise<{ applied: number[] }> {
  const t = (table: string) => `\`${prefixed(app, table)}\``;
  const connection = await pool.getConnection();
  try {
    const [[lock]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, 30) AS got', [`migrate:${app}`]);
    if (lock?.got !== 1) throw new Error(`Another migration of "${app}" holds the lock; try again`);
    await connection.query(`CREATE TABLE IF NOT EXISTS ${t('schema_migrations')} (
      version INT NOT NULL PRIMARY KEY,
      name VARCHAR(100) NOT NULL,
      applied_at DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const [rows] = await connection.query<RowDataPacket[]>(`SELECT version FROM ${t('schema_migrations')}`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.up(t)) await runStatement(connection, statement);
      await connection.query(`INSERT INTO ${t('schema_migrations')} (version, name, applied_at) VALUES (?, ?, NOW(3))`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { applied };
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [`migrate:${app}`]).catch(() => undefined);
    connection.release();
  }
}
