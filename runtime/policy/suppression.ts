/**
 * Whether a signed-in viewer was erased (the datarights subgraph's suppression list,
 * `<app>_erased_people`, migrations/0005_datarights_subgraph.ts).
 *
 * Threat model: an erasure cannot recall the tokens the child already holds (a Cognito ID or
 * access token stays valid until it expires). A token of an erased person must write nothing
 * anywhere: no row, no queued event, no Redis key. So every mutation of every subgraph asks this
 * before its rule and its resolver run (./enforce.ts), in one place a new mutation cannot forget.
 * The list is read from MySQL, never from a cache: a stale "not erased" would be a write after
 * the erasure.
 */
import { eq } from 'drizzle-orm';
import { bigint, char, mysqlTable } from 'drizzle-orm/mysql-core';
import type { Database } from '../clients/mysql.js';
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
