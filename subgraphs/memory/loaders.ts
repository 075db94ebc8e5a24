import DataLoader from 'dataloader';
import { and, eq, inArray } from 'drizzle-orm';
import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { groupByKeys, orderByKeys } from '../../runtime/subgraph/batch.js';
import type { ConceptMemoryRow, MemoryTables } from './tables.js';

/** The cache entity of a user's memory; `submitAnswer` invalidates it. */
export const USER_MEMORY = 'user-memory';

/**
 * Built per request by the context factory; never at module scope (it would leak rows across users).
 * A user's memory is cached in Redis only (`shared`): every answer changes it, and an in-process
 * copy in another container would show a student a schedule it has already moved past.
 */
export function createLoaders({ deps: { db, cache }, access }: BaseContext, { conceptMemory }: MemoryTables) {
  return {
    /** Every concept memory of each user; `User.memory`, `dueReviews` and `mastery` all derive from it. */
    memoryOfUser: new DataLoader<number, ConceptMemoryRow[]>(async (userIds) => {
      const lists = await cache.through<ConceptMemoryRow[]>(USER_MEMORY, userIds.map(String), async (misses) => {
        const ids = misses.map(Number);
        const rows = await db.select().from(conceptMemory).where(inArray(conceptMemory.userId, ids)).orderBy(conceptMemory.userId, conceptMemory.conceptId);
        return groupByKeys(ids, rows, (row) => row.userId);
      }, { shared: true });
      return lists.map((list) => list ?? []);
    }),
    /** The signed-in viewer's memory of each concept, null when never practised. */
    memoryOfViewer: new DataLoader<number, ConceptMemoryRow | null>(async (conceptIds) => {
      const userId = Number(access.requireUser().userId);
      const rows = await db.select().from(conceptMemory)
        .where(and(eq(conceptMemory.userId, userId), inArray(conceptMemory.conceptId, [...conceptIds])));
      return orderByKeys(conceptIds, rows, (row) => row.conceptId);
    }),
  };
}
