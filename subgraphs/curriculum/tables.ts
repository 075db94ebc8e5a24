import { bigint, customType, double, index, int, text, tinyint, varchar } from 'drizzle-orm/mysql-core';
import { appTables } from '../../runtime/tenancy.js';

/** JSON kept in a TEXT column: MariaDB's JSON is LONGTEXT, so we encode ourselves for both servers. */
const jsonText = customType<{ data: string[]; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as string[],
});

export const SUBJECTS = ['ARABIC', 'MATH', 'SCIENCE'] as const;
export const CONTENT_KINDS = ['MULTIPLE_CHOICE', 'TRUE_FALSE', 'FLASHCARD', 'FILL_IN'] as const;

export const curriculumTables = appTables((table) => {
  const lessons = table('lessons', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    title: varchar('title', { length: 200 }).notNull(),
    subject: varchar('subject', { length: 16, enum: SUBJECTS }).notNull(),
    grade: tinyint('grade').notNull(),
    locale: varchar('locale', { length: 10 }).notNull(),
  }, (t) => [index('subject_grade_idx').on(t.subject, t.grade, t.id)]);
  const concepts = table('concepts', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    lessonId: bigint('lesson_id', { mode: 'number' }).notNull(),
    position: int('position').notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    subject: varchar('subject', { length: 16, enum: SUBJECTS }).notNull(),
    grade: tinyint('grade').notNull(),
  }, (t) => [index('lesson_idx').on(t.lessonId, t.position), index('grade_idx').on(t.grade, t.id)]);
  const contentBytes = table('content_bytes', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    conceptId: bigint('concept_id', { mode: 'number' }).notNull(),
    kind: varchar('kind', { length: 16, enum: CONTENT_KINDS }).notNull(),
    prompt: text('prompt').notNull(),
    choices: jsonText('choices').notNull(),
    answer: text('answer').notNull(),
    mediaUrl: varchar('media_url', { length: 500 }),
    difficulty: double('difficulty').notNull(),
    locale: varchar('locale', { length: 10 }).notNull(),
  }, (t) => [index('concept_idx').on(t.conceptId, t.id)]);
  return { lessons, concepts, contentBytes };
});

export type CurriculumTables = ReturnType<typeof curriculumTables>;
export type LessonRow = CurriculumTables['lessons']['$inferSelect'];
export type ConceptRow = CurriculumTables['concepts']['$inferSelect'];
export type ContentByteRow = CurriculumTables['contentBytes']['$inferSelect'];
/** A concept as references read it: with its content bytes, which nearly every client shows next to it. */
export type ConceptWithContent = ConceptRow & { contentBytes: ContentByteRow[] };
/** A concept resolved by the subgraph: from a lesson's list (row only) or by id (with its content). */
export type ConceptParent = ConceptRow & { contentBytes?: ContentByteRow[] };
