import { describe, expect, it } from 'vitest';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import type { RowDataPacket } from 'mysql2/promise';
import { APP_NAMES } from '../runtime/tenancy.js';
import { usersTables } from '../subgraphs/users/tables.js';
import { curriculumTables } from '../subgraphs/curriculum/tables.js';
import { memoryTables } from '../subgraphs/memory/tables.js';
import { analyticsTables } from '../pipeline/tables.js';
import { cacheTables } from '../runtime/cache/invalidationLog.js';
import { expectMigrated, useTestDatabase } from './support/harness.js';
import { migrate, MIGRATIONS } from '../migrations/index.js';

const apps = useTestDatabase();

const drizzleTables = (app: (typeof APP_NAMES)[number]): MySqlTable[] => [
  ...Object.values(usersTables(app)),
  ...Object.values(curriculumTables(app)),
  ...Object.values(memoryTables(app)),
  ...Object.values(analyticsTables(app)),
  ...Object.values(cacheTables(app)),
];

describe('migrate', () => {
  it.each(APP_NAMES.map((app) => ({ app })))('creates every table of $app with its prefix, matching the drizzle definitions', async ({ app }) => {
    await expectMigrated(apps.runtime(app), drizzleTables(app));
  });

  it('is idempotent: a second run applies nothing and records each version once', async () => {
    const { pool } = apps.runtime('amal').database;
    expect(await migrate(pool, 'amal')).toEqual({ applied: [] });
    const [rows] = await pool.query<RowDataPacket[]>('SELECT version FROM amal_schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('lets two migrators of a fresh app race: one applies, the other finds it done', async () => {
    const { pool } = apps.runtime('thurayya').database;
    const [tables] = await pool.query<RowDataPacket[]>("SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'thurayya\\_%'");
    for (const { name, type } of tables) await pool.query(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} \`${name}\``);
    const results = await Promise.all([migrate(pool, 'thurayya'), migrate(pool, 'thurayya')]);
    const versions = MIGRATIONS.map((m) => m.version);
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([versions, []]);
  });

  it('stores text as utf8mb4, so Arabic with diacritics and emoji fit', async () => {
    const { pool } = apps.runtime('amal').database;
    const [tables] = await pool.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE 'amal\\_%'",
    );
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(table.collation, table.name).toBe('utf8mb4_unicode_ci');
  });
});
