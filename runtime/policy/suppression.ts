/**
 * Who was erased: the datarights subgraph's suppression list (`<app>_erased_people`,
 * migrations/0005_datarights_subgraph.ts), read by the policy engine before every mutation and,
 * under a share lock, by the writers that must not interleave with an erasure (a submitted answer,
 * the analytics consumer, the replay).
 *
 * Threat model: an erasure cannot recall the tokens the child already holds (a Cognito ID or
 * access token stays valid until it expires). A token of an erased person must write nothing
 * anywhere: no row, no queued event, no Redis key. So every mutation of every subgraph asks this
 * before its rule and its resolver run (./enforce.ts), in one place a new mutation cannot forget.
 * The list is read from MySQL, never from a cache: a stale "not erased" would be a write after
 * the erasure.
 */
import { eq, sql } from 'drizzle-orm';
import { bigint, char, mysqlTable } from 'drizzle-orm/mysql-core';
import type { Database } from '../clients/mysql.js';
import type { Transaction } from '../cache/invalidationLog.js';
import { memoizeByApp, prefixed, type AppName } from '../tenancy.js';

/** Only the columns the policy reads (here and ./personFacts.ts); the table is the datarights subgraph's (subgraphs/datarights/tables.ts). */
export const erasedPeople = memoizeByApp((app: AppName) => mysqlTable(prefixed(app, 'erased_people'), {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  erasureId: char('erasure_id', { length: 36 }).notNull(),
}));

/** One primary-key lookup. */
export async function isErased(db: Database, app: AppName, userId: string): Promise<boolean> {
  const table = erasedPeople(app);
  const rows = await db.select({ userId: table.userId }).from(table).where(eq(table.userId, Number(userId))).limit(1);
  return rows.length > 0;
}

/**
 * Which of `userIds` were erased; `lock` takes a share lock (inside a transaction only). A writer
 * of a person's rows that checks it with `lock` inside its transaction cannot interleave with an
 * erasure: the share lock on the (absent) row blocks the erasure's insert until the writer
 * commits, and the erasure's steps, which run after that insert, then delete what the writer wrote.
 */
export async function erasedAmong(db: Database | Transaction, app: AppName, userIds: readonly number[], { lock = false } = {}): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const table = erasedPeople(app);
  const ids = sql.join([...new Set(userIds)].map((id) => sql`${id}`), sql`, `);
  // LOCK IN SHARE MODE: the spelling both MySQL 8 and MariaDB 10.11 accept (MariaDB has no FOR SHARE).
  const [rows] = (await db.execute(sql`SELECT ${table.userId} AS user_id FROM ${table} WHERE ${table.userId} IN (${ids})${lock ? sql` LOCK IN SHARE MODE` : sql``}`)) as unknown as [{ user_id: number | string }[]];
  return new Set(rows.map((row) => Number(row.user_id)));
}
