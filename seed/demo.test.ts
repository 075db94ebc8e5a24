import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { RowDataPacket } from 'mysql2/promise';
import { useTestDatabase } from '../test/support/harness.js';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import { prefixed } from '../runtime/tenancy.js';
import { usersTables } from '../subgraphs/users/tables.js';
import { curriculumTables } from '../subgraphs/curriculum/tables.js';
import { memoryTables, type ConceptMemoryRow } from '../subgraphs/memory/tables.js';
import { analyticsTables } from '../pipeline/tables.js';
import { INITIAL_STATE, dueAt, qualityOf, review } from '../subgraphs/memory/scheduling.js';
import { summarizeActivity } from '../subgraphs/analytics/activity.js';
import { DEMO } from './demoIds.js';
import { isSeeded, seedDemo, type SeedSummary } from './demo.js';
import { demoCurriculum } from './curriculum/render.js';

const NOW = new Date();
const DAY_MS = 86_400_000;
let firstRun: SeedSummary;
const apps = useTestDatabase({ seed: { amal: async (runtime) => void (firstRun = await seedDemo(runtime, { now: NOW })) } });

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);
const byKey = (row: { userId: number; conceptId: number }) => `${row.userId}:${row.conceptId}`;
const westernDigits = (text: string) => text.replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x0660));

/** MySQL's own checksum of every table the seed writes: any changed row changes it. */
async function checksums(runtime: AppRuntime): Promise<RowDataPacket[]> {
  const tables = Object.keys(firstRun).map((table) => `\`${prefixed(runtime.deps.app, table)}\``);
  const [rows] = await runtime.database.pool.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables.join(', ')}`);
  return rows;
}

describe('seedDemo', () => {
  it('loads a parent of two children, a teacher with a class of 30 and another with 6', async () => {
    const { db, app } = apps.runtime().deps;
    const t = usersTables(app);
    const people = await db.select().from(t.users);
    const enrolments = await db.select().from(t.enrolments);
    const studentsOf = (classroomId: number) => sorted(enrolments.filter((e) => e.classroomId === classroomId).map((e) => e.studentId));
    const gradeOf = new Map(people.map((person) => [person.id, person.grade]));

    expect(people).toHaveLength(40);
    expect(people.filter((person) => person.role === 'STUDENT')).toHaveLength(36);
    expect(people.find((person) => person.id === DEMO.admin)?.role).toBe('ADMIN');
    expect(await db.select().from(t.guardianships)).toEqual(DEMO.children.map((childId) => ({ parentId: DEMO.parent, childId })));
    expect(await db.select({ id: t.classrooms.id, teacherId: t.classrooms.teacherId }).from(t.classrooms).orderBy(t.classrooms.id)).toEqual([
      { id: DEMO.classroom, teacherId: DEMO.teacher },
      { id: DEMO.otherClassroom, teacherId: DEMO.otherTeacher },
    ]);
    expect(studentsOf(DEMO.classroom)).toEqual(sorted(DEMO.classroomStudents));
    expect(studentsOf(DEMO.classroom)).toHaveLength(30);
    expect(studentsOf(DEMO.otherClassroom)).toEqual(sorted(DEMO.otherClassroomStudents));
    expect(new Set(DEMO.classroomStudents.map((id) => gradeOf.get(id)))).toEqual(new Set([3]));
    expect(new Set(DEMO.otherClassroomStudents.map((id) => gradeOf.get(id)))).toEqual(new Set([4]));
    expect(people.filter((person) => person.locale === 'en').length).toBeGreaterThan(0);
    expect(people.filter((person) => person.locale === 'ar').length).toBeGreaterThan(people.length / 2);
  });

  it('loads 3 subjects, 20 lessons, 100 concepts and 1,000 content bytes under DEMO’s ids', async () => {
    const { db, app } = apps.runtime().deps;
    const t = curriculumTables(app);
    const lessons = await db.select().from(t.lessons).orderBy(t.lessons.id);
    const concepts = await db.select().from(t.concepts);
    const bytes = await db.select({ id: t.contentBytes.id, conceptId: t.contentBytes.conceptId }).from(t.contentBytes);

    expect(firstRun).toMatchObject({ users: 40, classrooms: 2, enrolments: 36, lessons: 20, concepts: 100, content_bytes: 1_000 });
    expect(lessons.map((lesson) => lesson.id)).toEqual(DEMO.lessons);
    expect(lessons.map((lesson) => lesson.subject)).toEqual([...Array(7).fill('ARABIC'), ...Array(7).fill('MATH'), ...Array(6).fill('SCIENCE')]);
    expect(new Set(lessons.map((lesson) => lesson.grade))).toEqual(new Set([3, 4]));
    expect(concepts).toHaveLength(100);
    expect(bytes).toHaveLength(1_000);
    expect(sorted(concepts.filter((c) => c.lessonId === 7).map((c) => c.id))).toEqual(DEMO.conceptsOfLesson(7));
    expect(sorted(bytes.filter((b) => b.conceptId === 42).map((b) => b.id))).toEqual(DEMO.contentBytesOfConcept(42));
  });

  it('writes Arabic content for Arabic lessons and both Arabic and English for maths and science', async () => {
    const { db, app } = apps.runtime().deps;
    const t = curriculumTables(app);
    const rows = await db.select({ subject: t.concepts.subject, locale: t.contentBytes.locale }).from(t.contentBytes).innerJoin(t.concepts, eq(t.concepts.id, t.contentBytes.conceptId));
    const localesOf = (subject: string) => new Set(rows.filter((row) => row.subject === subject).map((row) => row.locale));

    expect(localesOf('ARABIC')).toEqual(new Set(['ar']));
    expect(localesOf('MATH')).toEqual(new Set(['ar', 'en']));
    expect(localesOf('SCIENCE')).toEqual(new Set(['ar', 'en']));
  });

  it('stores an Arabic prompt with its diacritics byte for byte', async () => {
    const { deps, database } = apps.runtime();
    const expected = demoCurriculum().contentBytes.find((byte) => byte.locale === 'ar' && /[\u064B-\u0652]/.test(byte.prompt));
    if (!expected) throw new Error('the demo curriculum has no Arabic prompt with tashkeel');
    const t = curriculumTables(deps.app);

    const [[stored]] = await database.pool.query<RowDataPacket[]>(`SELECT HEX(prompt) AS hex FROM \`${prefixed(deps.app, 'content_bytes')}\` WHERE id = ?`, [expected.id]);
    const [read] = await deps.db.select({ prompt: t.contentBytes.prompt }).from(t.contentBytes).where(eq(t.contentBytes.id, expected.id!));

    expect(stored?.hex).toBe(Buffer.from(expected.prompt, 'utf8').toString('hex').toUpperCase());
    expect(read?.prompt).toBe(expected.prompt);
  });

  it('offers the answer among the choices of every multiple-choice and true/false byte, and no choices otherwise', async () => {
    const { db, app } = apps.runtime().deps;
    const t = curriculumTables(app);
    const bytes = await db.select().from(t.contentBytes);

    const withChoices = bytes.filter((byte) => byte.kind === 'MULTIPLE_CHOICE' || byte.kind === 'TRUE_FALSE');
    expect(withChoices.filter((byte) => !byte.choices.includes(byte.answer))).toEqual([]);
    expect(withChoices.filter((byte) => byte.choices.length < 2)).toEqual([]);
    expect(bytes.filter((byte) => (byte.kind === 'FLASHCARD' || byte.kind === 'FILL_IN') && byte.choices.length > 0)).toEqual([]);
    expect(bytes.filter((byte) => byte.kind === 'FILL_IN' && !byte.prompt.includes('____'))).toEqual([]);
  });

  it('gives arithmetic questions correct answers, in Eastern Arabic digits in Arabic lessons', async () => {
    const { db, app } = apps.runtime().deps;
    const t = curriculumTables(app);
    const bytes = await db.select().from(t.contentBytes).where(eq(t.contentBytes.kind, 'MULTIPLE_CHOICE'));
    const operations: Record<string, (a: number, b: number) => number> = { '+': (a, b) => a + b, '−': (a, b) => a - b, '×': (a, b) => a * b, '÷': (a, b) => a / b };

    const checked = bytes.flatMap((byte) => {
      const match = /^(\d+) ([+−×÷]) (\d+) = [?؟]$/.exec(westernDigits(byte.prompt));
      if (!match) return [];
      const [, a, operator, b] = match;
      return [{ prompt: byte.prompt, answer: Number(westernDigits(byte.answer)), expected: operations[operator!]!(Number(a), Number(b)) }];
    });

    expect(checked.length).toBeGreaterThan(50);
    expect(checked.filter((item) => item.answer !== item.expected)).toEqual([]);
    expect(bytes.filter((byte) => byte.locale === 'ar' && /[0-9]/.test(byte.prompt))).toEqual([]);
  });

  it('derives every student’s concept memory by replaying their answers through SM-2', async () => {
    const { db, app } = apps.runtime().deps;
    const t = memoryTables(app);
    const answers = await db.select().from(t.answers).orderBy(asc(t.answers.userId), asc(t.answers.answeredAt), asc(t.answers.id));
    const replayed = new Map<string, ConceptMemoryRow>();

    for (const answer of answers) {
      const before = replayed.get(byKey(answer));
      const quality = qualityOf(answer);
      const state = review(before ?? INITIAL_STATE, quality);
      expect(answer.quality).toBe(quality);
      replayed.set(byKey(answer), {
        userId: answer.userId,
        conceptId: answer.conceptId,
        ...state,
        attempts: (before?.attempts ?? 0) + 1,
        correct: (before?.correct ?? 0) + (answer.correct ? 1 : 0),
        lastReviewedAt: answer.answeredAt,
        dueAt: dueAt(answer.answeredAt, state.intervalDays),
      });
    }
    const stored = await db.select().from(t.conceptMemory);

    expect(answers.length).toBeGreaterThan(36 * 8 * 2);
    expect(new Set(answers.map((answer) => answer.userId))).toEqual(new Set([...DEMO.classroomStudents, ...DEMO.otherClassroomStudents]));
    expect(answers.every((answer) => answer.answeredAt <= NOW && answer.answeredAt.getTime() > NOW.getTime() - 21 * DAY_MS)).toBe(true);
    expect(new Map(stored.map((row) => [byKey(row), row]))).toEqual(replayed);
  });

  it.each(DEMO.children.map((id) => ({ id })))('leaves some of child $id’s concepts due now and others due later', async ({ id }) => {
    const { db, app } = apps.runtime().deps;
    const t = memoryTables(app);
    const memory = await db.select().from(t.conceptMemory).where(eq(t.conceptMemory.userId, id));

    expect(memory.filter((row) => row.dueAt <= NOW).length).toBeGreaterThan(0);
    expect(memory.filter((row) => row.dueAt > NOW).length).toBeGreaterThan(0);
  });

  it.each(DEMO.children.map((id) => ({ id })))('gives child $id a streak of several days ending today', async ({ id }) => {
    const { db, app } = apps.runtime().deps;
    const t = analyticsTables(app);
    const days = await db.select().from(t.activityDays).where(eq(t.activityDays.userId, id));

    const activity = summarizeActivity(days, NOW);

    expect(days.map((day) => day.day)).toContain(NOW.toISOString().slice(0, 10));
    expect(activity.streakDays).toBeGreaterThanOrEqual(3);
    expect(activity.minutesThisWeek).toBeGreaterThan(0);
  });

  it('changes nothing when run again, the same day or days later', async () => {
    const runtime = apps.runtime();
    const before = await checksums(runtime);

    const sameDay = await seedDemo(runtime, { now: NOW });
    const later = await seedDemo(runtime, { now: new Date(NOW.getTime() + 3 * DAY_MS) });

    expect(sameDay).toEqual(firstRun);
    expect(later).toEqual(firstRun);
    expect(await checksums(runtime)).toEqual(before);
  });
});

describe('isSeeded', () => {
  it('is true once the demo data is loaded', async () => {
    expect(await isSeeded(apps.runtime('amal'))).toBe(true);
  });

  it('is false for an app whose tables are empty', async () => {
    expect(await isSeeded(apps.runtime('thurayya'))).toBe(false);
  });
});
