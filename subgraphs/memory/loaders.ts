import DataLoader from 'dataloader';
import { and, eq, inArray } from 'drizzle-orm';
import type { BaseContext } from '../../runtime/subgraph.js';
import { groupByKeys, orderByKeys } from '../../runtime/batch.js';
import type { ConceptMemoryRow, MemoryTables } from './tables.js';

/**
 * Built per request by the context factory; never at module scope (it would leak rows across users).
 * Memory is not put in the entity cache: every answer changes it, and another container's L1 would
 * show a student a schedule it has already moved past.
 */
export function createLoaders({ deps: { db }, access }: BaseContext, { conceptMemory }: MemoryTables) {
  return {
    /** Every concept memory of each user; `User.memory`, `dueReviews` and `mastery` all derive from it. */
    memoryOfUser: new DataLoader<number, ConceptMemoryRow[]>(async (userIds) => {
      const rows = await db.select().from(conceptMemory)
        .where(inArray(conceptMemory.userId, [...userIds]))
        .orderBy(conceptMemory.userId, conceptMemory.conceptId);
      return groupByKeys(userIds, rows, (row) => row.userId);
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
