import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { DEMO } from '../../seed/demoIds.js';
import { as, countStatements, expectErrorCode, expectNoErrors, runSubgraph, useTestDatabase } from '../../test/support/harness.js';
import { curriculumTables } from '../curriculum/tables.js';
import { usersTables } from '../users/tables.js';
import { memory } from './index.js';
import { memoryTables } from './tables.js';

const DAY_MS = 86_400_000;
const now = Date.now();
const ago = (ms: number) => new Date(now - ms);

/**
 * Catalogue: lesson 1 (grade 3) holds concepts 1, 3, 2 in that position order and concept 11,
 * which has no content; lesson 2 (grade 3) concepts 4-7; lesson 3 (grade 4) concepts 8-10.
 * Concept c has content bytes 10c+1, 10c+2, 10c+3.
 */
const CONCEPTS = [
  { id: 1, lessonId: 1, position: 1, grade: 3 }, { id: 2, lessonId: 1, position: 3, grade: 3 }, { id: 3, lessonId: 1, position: 2, grade: 3 },
  { id: 11, lessonId: 1, position: 4, grade: 3 },
  { id: 4, lessonId: 2, position: 1, grade: 3 }, { id: 5, lessonId: 2, position: 2, grade: 3 }, { id: 6, lessonId: 2, position: 3, grade: 3 }, { id: 7, lessonId: 2, position: 4, grade: 3 },
  { id: 8, lessonId: 3, position: 1, grade: 4 }, { id: 9, lessonId: 3, position: 2, grade: 4 }, { id: 10, lessonId: 3, position: 3, grade: 4 },
];

/** A memory row as SM-2 leaves it, due `dueInDays` from now (negative: overdue). */
function memoryRow(userId: number, conceptId: number, { attempts = 1, intervalDays = 1, dueInDays = 1 } = {}) {
  const dueAt = new Date(now + dueInDays * DAY_MS);
  return {
    userId, conceptId, attempts, correct: attempts - 1, repetitions: intervalDays >= 6 ? 2 : 1, easeFactor: 2.5, intervalDays,
    lastReviewedAt: new Date(dueAt.getTime() - intervalDays * DAY_MS), dueAt,
  };
}

/** The app's admin placed every student: consented enrolments, which grant their teachers access. */
const ADMIN_CONSENT = { consentedBy: 1, consentedAs: 'ADMIN' as const };

async function seedSchool({ deps: { db, app } }: AppRuntime) {
  const people = usersTables(app);
  const catalogue = curriculumTables(app);
  const { conceptMemory } = memoryTables(app);
  const created = new Date(now);
  await db.insert(people.guardianships).values(DEMO.children.map((childId) => ({ parentId: DEMO.parent, childId })));
  await db.insert(people.classrooms).values([
    { id: DEMO.classroom, name: 'الصف الثالث أ', teacherId: DEMO.teacher, createdAt: created },
    { id: DEMO.otherClassroom, name: 'Grade 4', teacherId: DEMO.otherTeacher, createdAt: created },
  ]);
  await db.insert(people.enrolments).values([
    ...DEMO.classroomStudents.map((studentId) => ({ classroomId: DEMO.classroom, studentId, enrolledAt: created, ...ADMIN_CONSENT })),
    ...DEMO.otherClassroomStudents.map((studentId) => ({ classroomId: DEMO.otherClassroom, studentId, enrolledAt: created, ...ADMIN_CONSENT })),
  ]);
  await db.insert(catalogue.concepts).values(CONCEPTS.map((concept) => ({ ...concept, name: `مفهوم ${concept.id}`, subject: 'MATH' as const })));
  await db.insert(catalogue.contentBytes).values(CONCEPTS.filter((concept) => concept.id !== 11).flatMap(({ id }) => [1, 2, 3].map((k) => ({
    id: 10 * id + k, conceptId: id, kind: 'TRUE_FALSE' as const, prompt: `سؤال ${10 * id + k}`, choices: ['صح', 'خطأ'], answer: 'صح', difficulty: 0.5, locale: 'ar',
  }))));
  await db.insert(conceptMemory).values([
    // Every student of the classroom has practised concept 10 once.
    ...DEMO.classroomStudents.map((userId) => memoryRow(userId, 10, { attempts: 2, dueInDays: 2 })),
    // Student 35: three concepts overdue, one mastered and not yet due (its last practice: a grade 3 concept).
    memoryRow(35, 4, { attempts: 2, dueInDays: -3 }),
    memoryRow(35, 5, { attempts: 1, dueInDays: -1 }),
    memoryRow(35, 6, { attempts: 3, intervalDays: 6, dueInDays: 5.9 }),
    memoryRow(35, 7, { attempts: 4, dueInDays: -10 }),
    // Student 36 has only practised a grade 4 concept.
    memoryRow(36, 8, { dueInDays: 3 }),
  ]);
}

const apps = useTestDatabase({ seed: { amal: seedSchool } });

interface MemoryView {
  concept: { id: string };
  attempts: number;
  accuracy: number;
  repetitions: number;
  easeFactor: number;
  intervalDays: number;
  lastReviewedAt: string;
  dueAt: string;
}
const MEMORY_FIELDS = 'concept { id } attempts accuracy repetitions easeFactor intervalDays lastReviewedAt dueAt';
const SUBMIT = `mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate memory { ${MEMORY_FIELDS} } } }`;

interface AnswerInput {
  contentByteId: string;
  correct: boolean;
  responseTimeMs: number;
  answeredAt: string;
  clientEventId: string;
}
const answer = (overrides: Partial<AnswerInput> = {}): AnswerInput => ({
  contentByteId: '11', correct: true, responseTimeMs: 3_000, answeredAt: ago(60_000).toISOString(), clientEventId: 'evt-1', ...overrides,
});

async function submit(viewer: Viewer, input: AnswerInput) {
  const result = await runSubgraph(memory, apps.runtime(), SUBMIT, { viewer, variables: { input } });
  return { result, outcome: (result.data?.submitAnswer ?? null) as { duplicate: boolean; memory: MemoryView } | null };
}

async function storedMemory(userId: number, conceptId: number) {
  const { db, app } = apps.runtime().deps;
  const { conceptMemory } = memoryTables(app);
  return db.select().from(conceptMemory).where(and(eq(conceptMemory.userId, userId), eq(conceptMemory.conceptId, conceptId)));
}

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id memory { concept { id } attempts } dueReviews { concept { id } } mastery } } }';
const users = (...ids: number[]) => ({ r: ids.map((id) => ({ __typename: 'User', id: String(id) })) });

describe('submitAnswer', () => {
  it('reschedules the concept with SM-2 after each answer', async () => {
    const student = as.student(3);
    const first = await submit(student, answer({ contentByteId: '11', correct: true, responseTimeMs: 3_000, clientEventId: 'sm2-1' }));
    expectNoErrors(first.result);
    const answeredAt = ago(60_000);
    expect(first.outcome).toEqual({
      duplicate: false,
      memory: {
        concept: { id: '1' }, attempts: 1, accuracy: 1, repetitions: 1, easeFactor: 2.6, intervalDays: 1,
        lastReviewedAt: answeredAt.toISOString(), dueAt: new Date(answeredAt.getTime() + DAY_MS).toISOString(),
      },
    });

    const second = await submit(student, answer({ contentByteId: '12', correct: true, responseTimeMs: 10_000, clientEventId: 'sm2-2' }));
    expect(second.outcome?.memory).toMatchObject({ attempts: 2, accuracy: 1, repetitions: 2, easeFactor: 2.6, intervalDays: 6 });

    const third = await submit(student, answer({ contentByteId: '13', correct: false, responseTimeMs: 2_000, clientEventId: 'sm2-3' }));
    expect(third.outcome?.memory).toMatchObject({ attempts: 3, accuracy: 2 / 3, repetitions: 0, easeFactor: 2.06, intervalDays: 1 });
    expect(await storedMemory(3, 1)).toMatchObject([{ attempts: 3, correct: 2, repetitions: 0, easeFactor: 2.06, intervalDays: 1 }]);
  });

  it('changes memory once for the same clientEventId and says duplicate', async () => {
    const input = answer({ contentByteId: '51', clientEventId: 'retry-me' });
    const first = await submit(as.student(4), input);
    const retry = await submit(as.student(4), input);
    expect(first.outcome?.duplicate).toBe(false);
    expect(retry.outcome).toEqual({ duplicate: true, memory: first.outcome?.memory });
    expect(await storedMemory(4, 5)).toMatchObject([{ attempts: 1 }]);
  });

  it('applies concurrent duplicates once', async () => {
    const input = answer({ contentByteId: '21', clientEventId: 'double-tap' });
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(as.student(7), input)));
    results.forEach(({ result }) => expectNoErrors(result));
    expect(results.map(({ outcome }) => outcome?.duplicate).sort()).toEqual([false, true, true, true, true]);
    expect(results.map(({ outcome }) => outcome?.memory.attempts)).toEqual([1, 1, 1, 1, 1]);
    expect(await storedMemory(7, 2)).toMatchObject([{ attempts: 1 }]);
  });

  it('counts every one of concurrent distinct first answers to a concept', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => submit(as.student(8), answer({ contentByteId: '31', clientEventId: `first-${id}` }))));
    results.forEach(({ result }) => expectNoErrors(result));
    expect(await storedMemory(8, 3)).toMatchObject([{ attempts: 5, correct: 5, repetitions: 5 }]);
  });

  it.each([
    { name: 'a malformed contentByteId', input: { contentByteId: 'abc' }, echo: '"abc"' },
    { name: 'a zero contentByteId', input: { contentByteId: '0' }, echo: '"0"' },
    { name: 'a negative responseTimeMs', input: { responseTimeMs: -1 }, echo: 'got -1' },
    { name: 'a responseTimeMs over an hour', input: { responseTimeMs: 3_600_001 }, echo: 'got 3600001' },
    { name: 'an answeredAt 10 minutes ahead', input: { answeredAt: new Date(now + 10 * 60_000).toISOString() }, echo: new Date(now + 10 * 60_000).toISOString() },
    { name: 'an answeredAt 31 days old', input: { answeredAt: ago(31 * DAY_MS).toISOString() }, echo: ago(31 * DAY_MS).toISOString() },
    { name: 'an answeredAt without an offset', input: { answeredAt: '2025-03-01T08:30:00' }, echo: '"2025-03-01T08:30:00"' },
    { name: 'an empty clientEventId', input: { clientEventId: '' }, echo: 'got ""' },
    { name: 'a 65-character clientEventId', input: { clientEventId: 'x'.repeat(65) }, echo: 'got 65 characters' },
    { name: 'a clientEventId with a space', input: { clientEventId: 'has space' }, echo: '"has space"' },
  ])('rejects $name with BAD_USER_INPUT echoing the value', async ({ input, echo }) => {
    const { result } = await submit(as.student(38), answer(input));
    expectErrorCode(result, 'BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(echo);
  });

  it('answers NOT_FOUND for content that does not exist', async () => {
    const { result } = await submit(as.student(38), answer({ contentByteId: '999999' }));
    expectErrorCode(result, 'NOT_FOUND');
  });

  it('is for students only', async () => {
    expectErrorCode((await submit(as.parent(DEMO.parent), answer())).result, 'FORBIDDEN');
    expectErrorCode((await submit(as.anonymous, answer())).result, 'UNAUTHENTICATED');
  });
});

describe('User memory', () => {
  it('reads the memory of a teacher’s 30 students through _entities in one statement (plus the access check)', async () => {
    const runtime = apps.runtime();
    const { result, statements } = await countStatements(() =>
      runSubgraph(memory, runtime, ENTITIES, { viewer: as.teacher(DEMO.teacher), variables: users(...DEMO.classroomStudents) }));
    expectNoErrors(result);
    const entities = result.data?._entities as { id: string; memory: { concept: { id: string } }[] }[];
    expect(entities.map((user) => user.id)).toEqual(DEMO.classroomStudents.map(String));
    expect(entities.every((user) => user.memory.some((row) => row.concept.id === '10'))).toBe(true);
    // One for the memory of all 30 (memory, dueReviews and mastery share it), one for the access policy.
    expect(statements).toBe(2);
  });

  it('shows a parent its child’s memory', async () => {
    const result = await runSubgraph(memory, apps.runtime(), ENTITIES, { viewer: as.parent(DEMO.parent), variables: users(DEMO.children[0]) });
    expectNoErrors(result);
    expect(result.data?._entities).toMatchObject([{ id: '3', memory: expect.arrayContaining([{ concept: { id: '10' }, attempts: 2 }]) }]);
  });

  it.each([
    { name: 'a teacher of another classroom', viewer: as.teacher(DEMO.otherTeacher), code: 'FORBIDDEN' },
    { name: 'another student', viewer: as.student(4), code: 'FORBIDDEN' },
  ])('refuses $name', async ({ viewer, code }) => {
    const result = await runSubgraph(memory, apps.runtime(), ENTITIES, { viewer, variables: users(3) });
    expectErrorCode(result, code);
    // The memory is withheld: the whole entity is null, or (fields are nullable for partial results) its memory.
    const [entity] = (result.data?._entities as ({ memory?: unknown } | null)[] | undefined) ?? [null];
    expect(entity?.memory ?? null).toBeNull();
  });

  it('lists due reviews most overdue first, up to the limit, and the share mastered', async () => {
    const result = await runSubgraph(memory, apps.runtime(),
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { all: dueReviews { concept { id } } two: dueReviews(limit: 2) { concept { id } } mastery } } }',
      { viewer: as.teacher(DEMO.otherTeacher), variables: users(35) });
    expectNoErrors(result);
    expect(result.data?._entities).toEqual([{
      all: [{ concept: { id: '7' } }, { concept: { id: '4' } }, { concept: { id: '5' } }],
      two: [{ concept: { id: '7' } }, { concept: { id: '4' } }],
      mastery: 0.25,
    }]);
  });

  it.each([0, 101])('rejects a dueReviews limit of %i with BAD_USER_INPUT', async (limit) => {
    const result = await runSubgraph(memory, apps.runtime(),
      'query($r: [_Any!]!, $limit: Int) { _entities(representations: $r) { ... on User { dueReviews(limit: $limit) { dueAt } } } }',
      { viewer: as.student(35), variables: { ...users(35), limit } });
    expectErrorCode(result, 'BAD_USER_INPUT');
  });
});

describe('Concept.myMemory', () => {
  const CONCEPTS_QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Concept { id myMemory { attempts intervalDays } } } }';
  const concepts = (...ids: number[]) => ({ r: ids.map((id) => ({ __typename: 'Concept', id: String(id) })) });

  it('is the signed-in student’s memory, null when never practised, in one statement', async () => {
    const runtime = apps.runtime();
    const { result, statements } = await countStatements(() =>
      runSubgraph(memory, runtime, CONCEPTS_QUERY, { viewer: as.student(35), variables: concepts(4, 1, 6) }));
    expectNoErrors(result);
    expect(result.data?._entities).toEqual([
      { id: '4', myMemory: { attempts: 2, intervalDays: 1 } },
      { id: '1', myMemory: null },
      { id: '6', myMemory: { attempts: 3, intervalDays: 6 } },
    ]);
    expect(statements).toBe(1);
  });
});

describe('nextSession', () => {
  const session = async (viewer: Viewer, size?: number) => {
    const result = await runSubgraph(memory, apps.runtime(), 'query($size: Int) { nextSession(size: $size) { id } }',
      { viewer, variables: size === undefined ? {} : { size } });
    return { result, ids: ((result.data?.nextSession ?? []) as { id: string }[]).map((byte) => byte.id) };
  };

  it('puts due concepts first, most overdue first, then new concepts of the student’s grade in lesson order', async () => {
    const { result, ids } = await session(as.student(35), 6);
    expectNoErrors(result);
    // Due: 7 (10 days over), 4 (3 days), 5 (1 day); the byte rotates with attempts (4, 2, 1 of 3 bytes).
    // New, grade 3, lesson 1 by position: concepts 1, 3, 2.
    expect(ids).toEqual(['72', '43', '52', '11', '31', '21']);
  });

  it('respects the size', async () => {
    expect((await session(as.student(35), 2)).ids).toEqual(['72', '43']);
  });

  it('offers the grade of the student’s last practice first, then other grades', async () => {
    expect((await session(as.student(36), 4)).ids).toEqual(['91', '101', '11', '31']);
  });

  it('starts a student without history at the first lesson, skipping concepts without content', async () => {
    const { result, ids } = await session(as.student(37));
    expectNoErrors(result);
    expect(ids).toEqual(['11', '31', '21', '41', '51', '61', '71', '81', '91', '101']);
    expect((await session(as.student(37), 50)).ids).toHaveLength(10);
  });

  it('is one statement whatever the size', async () => {
    for (const size of [1, 6, 50]) {
      const { statements } = await countStatements(() => session(as.student(35), size));
      expect(statements).toBe(1);
    }
  });

  it.each([0, 51])('rejects a size of %i with BAD_USER_INPUT', async (size) => {
    expectErrorCode((await session(as.student(35), size)).result, 'BAD_USER_INPUT');
  });

  it('is for students only', async () => {
    expectErrorCode((await session(as.teacher(DEMO.teacher))).result, 'FORBIDDEN');
  });
});
