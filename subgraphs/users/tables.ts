import { bigint, datetime, index, primaryKey, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { appTables } from '../../runtime/tenancy.js';

export const usersTables = appTables((table) => {
  const users = table('users', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    displayName: varchar('display_name', { length: 100 }).notNull(),
    role: varchar('role', { length: 16, enum: ['STUDENT', 'PARENT', 'TEACHER', 'ADMIN'] }).notNull(),
    locale: varchar('locale', { length: 10 }).notNull().default('ar'),
    grade: tinyint('grade'),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
  });
  /** A parent (or other guardian) of a child; a child may have several. */
  const guardianships = table('guardianships', {
    parentId: bigint('parent_id', { mode: 'number' }).notNull(),
    childId: bigint('child_id', { mode: 'number' }).notNull(),
  }, (t) => [primaryKey({ columns: [t.parentId, t.childId] }), index('child_idx').on(t.childId)]);
  const classrooms = table('classrooms', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    name: varchar('name', { length: 100 }).notNull(),
    teacherId: bigint('teacher_id', { mode: 'number' }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    /** What the teacher hands to families: a guardian places its child with it (joinClassroom). */
    joinCode: varchar('join_code', { length: 16 }),
  }, (t) => [index('teacher_idx').on(t.teacherId), uniqueIndex('join_code_idx').on(t.joinCode)]);
  const enrolments = table('enrolments', {
    classroomId: bigint('classroom_id', { mode: 'number' }).notNull(),
    studentId: bigint('student_id', { mode: 'number' }).notNull(),
    enrolledAt: datetime('enrolled_at', { mode: 'date', fsp: 3 }).notNull(),
    /** Who consented: a guardian of the student or an admin. Null (enrolments older than consent) grants nothing. */
    consentedBy: bigint('consented_by', { mode: 'number' }),
    consentedAs: varchar('consented_as', { length: 16, enum: ['GUARDIAN', 'ADMIN'] }),
  }, (t) => [primaryKey({ columns: [t.classroomId, t.studentId] }), index('student_idx').on(t.studentId)]);
  return { users, guardianships, classrooms, enrolments };
});

export type UsersTables = ReturnType<typeof usersTables>;
export type UserRow = UsersTables['users']['$inferSelect'];
export type ClassroomRow = UsersTables['classrooms']['$inferSelect'];
