/**
 * The durable half of invalidation: a write notes the cache keys it makes stale in its own MySQL
 * transaction, so the note exists exactly when the write does. After commit the writer applies it
 * to Redis and its container drops it with the next batch (./entityCache.ts); a note that is still here (the writer's Redis was unreachable, or the
 * writer died between commit and invalidation) is applied by whichever container next drains the
 * log (runtime/cache/entityCache.ts, at most `drainIntervalMs` apart in each container that
 * serves reads).
 */
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { bigint, char, datetime, index, mysqlTableCreator, varchar } from 'drizzle-orm/mysql-core';
import type { Database } from '../clients/mysql.js';
import { prefixed, type AppName } from '../tenancy.js';

export function cacheTables(app: AppName) {
  const table = mysqlTableCreator((name) => prefixed(app, name));
  return {
    cacheInvalidations: table('cache_invalidations', {
      id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
      /** One write's notes share it, so the writer drops exactly its own. */
      writeId: char('write_id', { length: 22 }).notNull(),
      cacheKey: varchar('cache_key', { length: 255 }).notNull(),
      recordedAt: datetime('recorded_at', { fsp: 3 }).notNull(),
    }, (t) => [index('write_idx').on(t.writeId)]),
  };
}

/** A transaction of the app's database (what `db.transaction` hands its callback). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface PendingInvalidations {
  ids: number[];
  keys: string[];
}

export interface InvalidationLog {
  /** Notes, inside the write's transaction, that `keys` are stale once it commits; returns the note's id. */
  record(tx: Transaction | Database, keys: readonly string[]): Promise<string>;
  /** The writers of these writes applied their notes: drop them (one statement for a batch of writes). */
  dropWrites(writeIds: readonly string[]): Promise<void>;
  /** Notes no one has applied yet, oldest first. */
  pending(limit: number): Promise<PendingInvalidations>;
  /** Drops notes that were applied. */
  drop(ids: readonly number[]): Promise<void>;
}

export function createInvalidationLog(app: AppName, db: Database): InvalidationLog {
  const { cacheInvalidations: log } = cacheTables(app);
  return {
    async record(tx, keys) {
      const writeId = randomBytes(16).toString('base64url');
      const recordedAt = new Date();
      if (keys.length) await tx.insert(log).values(keys.map((cacheKey) => ({ writeId, cacheKey, recordedAt })));
      return writeId;
    },
    async dropWrites(writeIds) {
      if (writeIds.length) await db.delete(log).where(inArray(log.writeId, [...writeIds]));
    },
    async pending(limit) {
      const rows = await db.select({ id: log.id, cacheKey: log.cacheKey }).from(log).orderBy(log.id).limit(limit);
      return { ids: rows.map((row) => row.id), keys: [...new Set(rows.map((row) => row.cacheKey))] };
    },
    async drop(ids) {
      if (ids.length) await db.delete(log).where(inArray(log.id, [...ids]));
    },
  };
}
