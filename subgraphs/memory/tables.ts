import { bigint, boolean, datetime, double, index, int, primaryKey, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { appTables } from '../../runtime/tenancy.js';

export const memoryTables = appTables((table) => {
  /** SM-2 state of one student for one concept. */
  const conceptMemory = table('concept_memory', {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    conceptId: bigint('concept_id', { mode: 'number' }).notNull(),
    repetitions: int('repetitions').notNull(),
    easeFactor: double('ease_factor').notNull(),
    intervalDays: int('interval_days').notNull(),
    attempts: int('attempts').notNull(),
    correct: int('correct').notNull(),
    lastReviewedAt: datetime('last_reviewed_at', { mode: 'date', fsp: 3 }).notNull(),
    dueAt: datetime('due_at', { mode: 'date', fsp: 3 }).notNull(),
  }, (t) => [primaryKey({ columns: [t.userId, t.conceptId] }), index('due_idx').on(t.userId, t.dueAt)]);
  /** Every answer once: the unique (user, client event) pair makes `submitAnswer` idempotent. */
  const answers = table('answers', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    clientEventId: varchar('client_event_id', { length: 64 }).notNull(),
    contentByteId: bigint('content_byte_id', { mode: 'number' }).notNull(),
    conceptId: bigint('concept_id', { mode: 'number' }).notNull(),
    correct: boolean('correct').notNull(),
    quality: tinyint('quality').notNull(),
    responseTimeMs: int('response_time_ms').notNull(),
    answeredAt: datetime('answered_at', { mode: 'date', fsp: 3 }).notNull(),
  }, (t) => [uniqueIndex('client_event_uq').on(t.userId, t.clientEventId), index('user_concept_idx').on(t.userId, t.conceptId)]);
  return { conceptMemory, answers };
});

export type MemoryTables = ReturnType<typeof memoryTables>;
export type ConceptMemoryRow = MemoryTables['conceptMemory']['$inferSelect'];
