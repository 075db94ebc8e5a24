/**
 * Reads of the suppression list (`erased_people`). A writer of a person's rows that checks it
 * with `lock` inside its transaction cannot interleave with an erasure: the share lock on the
 * (absent) row blocks the erasure's insert until the writer commits, and the erasure's steps,
 * which run after that insert, then delete what the writer wrote.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../runtime/clients/mysql.js';
import type { Transaction } from '../../runtime/cache/invalidationLog.js';
import type { AppName } from '../../runtime/tenancy.js';
import { datarightsTables } from './tables.js';

/** Which of `userIds` were erased; `lock` takes a share lock (inside a transaction only). */
export async function erasedAmong(db: Database | Transaction, app: AppName, userIds: readonly number[], { lock = false } = {}): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const { erasedPeople } = datarightsTables(app);
  const ids = sql.join([...new Set(userIds)].map((id) => sql`${id}`), sql`, `);
  // LOCK IN SHARE MODE: the spelling both MySQL 8 and MariaDB 10.11 accept (MariaDB has no FOR SHARE).
  const [rows] = (await db.execute(sql`SELECT ${erasedPeople.userId} AS user_id FROM ${erasedPeople} WHERE ${erasedPeople.userId} IN (${ids})${lock ? sql` LOCK IN SHARE MODE` : sql``}`)) as unknown as [{ user_id: number | string }[]];
  return new Set(rows.map((row) => Number(row.user_id)));
}
