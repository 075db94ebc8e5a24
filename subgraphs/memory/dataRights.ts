/** A person's rows in the memory subgraph: its concept memories and every answer it gave. */
import { asc, eq } from 'drizzle-orm';
import type { PersonalDataHolder } from '../../runtime/subgraph/dataRights.js';
import { USER_MEMORY } from './loaders.js';
import { memoryTables } from './tables.js';

export const memoryDataRights: PersonalDataHolder = {
  name: 'memory',
  personCacheEntities: [USER_MEMORY],

  async export({ db, app }, userId) {
    const { conceptMemory, answers } = memoryTables(app);
    const memories = await db.select().from(conceptMemory).where(eq(conceptMemory.userId, userId)).orderBy(asc(conceptMemory.conceptId));
    const given = await db.select().from(answers).where(eq(answers.userId, userId)).orderBy(asc(answers.answeredAt), asc(answers.id));
    return {
      conceptMemory: memories.map(({ userId: _, conceptId, ...rest }) => ({ conceptId: String(conceptId), ...rest })),
      answers: given.map(({ userId: _, id, conceptId, contentByteId, ...rest }) => ({ id: String(id), conceptId: String(conceptId), contentByteId: String(contentByteId), ...rest })),
    };
  },

  async erase({ cache, app }, userId) {
    const { conceptMemory, answers } = memoryTables(app);
    await cache.write(async (tx, stale) => {
      await tx.delete(answers).where(eq(answers.userId, userId));
      await tx.delete(conceptMemory).where(eq(conceptMemory.userId, userId));
      stale(USER_MEMORY, [String(userId)]);
    });
  },
};
