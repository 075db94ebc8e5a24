import { bigint, char, datetime, varchar } from 'drizzle-orm/mysql-core';
import { appTables } from '../../runtime/tenancy.js';

export const datarightsTables = appTables((table) => {
  /**
   * The audit of every erasure, and its progress: who asked, when, which steps are done. It holds
   * nothing of the child: the erased person is named only in `erased_people`.
   */
  const erasures = table('erasures', {
    id: char('id', { length: 36 }).primaryKey(),
    requestedBy: bigint('requested_by', { mode: 'number' }).notNull(),
    requestedByRole: varchar('requested_by_role', { length: 16, enum: ['PARENT', 'ADMIN'] }).notNull(),
    requestedAt: datetime('requested_at', { mode: 'date', fsp: 3 }).notNull(),
    completedAt: datetime('completed_at', { mode: 'date', fsp: 3 }),
    /** Comma-separated names of the steps done, in order (see ERASURE_STEPS). */
    stepsDone: varchar('steps_done', { length: 255 }).notNull(),
  });
  /**
   * The suppression list: people erased, whose events the consumer drops and the replay and the
   * export skip. The one place an erased person's id stays in MySQL; the lake keeps it in the
   * person's tombstone, which Athena's view reads.
   */
  const erasedPeople = table('erased_people', {
    userId: bigint('user_id', { mode: 'number' }).primaryKey(),
    erasureId: char('erasure_id', { length: 36 }).notNull(),
    erasedAt: datetime('erased_at', { mode: 'date', fsp: 3 }).notNull(),
  });
  return { erasures, erasedPeople };
});

export type DatarightsTables = ReturnType<typeof datarightsTables>;
export type ErasureRow = DatarightsTables['erasures']['$inferSelect'];
