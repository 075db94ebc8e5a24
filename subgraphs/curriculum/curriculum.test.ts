import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { as, countStatements, expectErrorCode, expectNoErrors, runSubgraph, useTestDatabase } from '../../test/support/harness.js';
import { createEntityCache } from '../../runtime/cache/entityCache.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import { curriculumTables, SUBJECTS, type ConceptRow, type ContentByteRow, type LessonRow } from './tables.js';
import { curriculum } from './index.js';

const ARABIC = 'اَلْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ';

const lessons: LessonRow[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  title: i === 0 ? ARABIC : `Lesson ${i + 1}`,
  subject: SUBJECTS[i % SUBJECTS.length]!,
  grade: (i % 4) + 1,
  locale: i === 0 ? 'ar' : 'en',
}));
// Positions deliberately disagree with ids: a lesson teaches concept 2 first.
const concepts: ConceptRow[] = [
  { id: 1, lessonId: 1, position: 2, name: 'الحروف', subject: 'ARABIC', grade: 1 },
  { id: 2, lessonId: 1, position: 1, name: 'الحركات', subject: 'ARABIC', grade: 1 },
  { id: 3, lessonId: 1, position: 3, name: 'الكلمات', subject: 'ARABIC', grade: 1 },
  { id: 4, lessonId: 2, position: 1, name: 'Counting', subject: 'MATH', grade: 2 },
];
const contentBytes: ContentByteRow[] = Array.from({ length: 120 }, (_, i) => ({
  id: i + 1,
  conceptId: (i % 4) + 1,
  kind: i === 0 ? 'MULTIPLE_CHOICE' : 'FLASHCARD',
  prompt: i === 0 ? ARABIC : `Prompt ${i + 1}`,
  choices: i === 0 ? [ARABIC, 'لُغَةٌ', 'جَمِيلَةٌ'] : [],
  answer: i === 0 ? ARABIC : `Answer ${i + 1}`,
  mediaUrl: null,
  difficulty: (i % 10) / 10,
  locale: i === 0 ? 'ar' : 'en',
}));

async function seedCatalogue({ deps: { db, app } }: AppRuntime) {
  const t = curriculumTables(app);
  await db.insert(t.lessons).values(lessons);
  await db.insert(t.concepts).values(concepts);
  await db.insert(t.contentBytes).values(contentBytes);
}

const apps = useTestDatabase({ seed: { amal: seedCatalogue } });

const LESSONS_PAGE = `query($subject: Subject, $grade: Int, $first: Int, $after: String) {
  lessons(subject: $subject, grade: $grade, first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;

interface LessonsPage {
  lessons: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Follows `endCursor` until the last page; each page must cost one statement. */
async function walkLessons(variables: Record<string, unknown>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { result, statements } = await countStatements(() =>
      runSubgraph(curriculum, apps.runtime(), LESSONS_PAGE, { viewer: as.student(3), variables: { ...variables, after } }));
    expectNoErrors(result);
    expect(statements).toBe(1);
    const page = (result.data as unknown as LessonsPage).lessons;
    ids.push(...page.edges.map((edge) => edge.node.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages++;
  } while (after);
  return { ids, pages };
}

const idsOf = (rows: { id: number }[]) => rows.map((row) => String(row.id));

describe('curriculum subgraph', () => {
  describe('queries by id', () => {
    it('answers `lesson` with its concepts in teaching order', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ lesson(id: "1") { id title subject grade locale concepts { id name } } }', { viewer: as.student(3) });
      expectNoErrors(result);
      expect(result.data).toEqual({
        lesson: { id: '1', title: ARABIC, subject: 'ARABIC', grade: 1, locale: 'ar', concepts: [{ id: '2', name: 'الحركات' }, { id: '1', name: 'الحروف' }, { id: '3', name: 'الكلمات' }] },
      });
    });

    it('answers `concept` with its lesson and its content bytes in id order', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ concept(id: "4") { id name subject grade lesson { id } contentBytes { id } } }', { viewer: as.student(3) });
      expectNoErrors(result);
      expect(result.data).toEqual({
        concept: { id: '4', name: 'Counting', subject: 'MATH', grade: 2, lesson: { id: '2' }, contentBytes: idsOf(contentBytes.filter((c) => c.conceptId === 4)).map((id) => ({ id })) },
      });
    });

    it('answers `contentByte` with its fields and its concept', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ contentByte(id: "2") { id kind prompt choices answer mediaUrl difficulty locale concept { id } } }', { viewer: as.teacher(5) });
      expectNoErrors(result);
      expect(result.data).toEqual({
        contentByte: { id: '2', kind: 'FLASHCARD', prompt: 'Prompt 2', choices: [], answer: 'Answer 2', mediaUrl: null, difficulty: 0.1, locale: 'en', concept: { id: '2' } },
      });
    });

    it('lists a lesson’s content bytes in the order its concepts are taught', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ lesson(id: "1") { contentBytes { id } } }', { viewer: as.student(3) });
      expectNoErrors(result);
      const expected = [2, 1, 3].flatMap((conceptId) => idsOf(contentBytes.filter((c) => c.conceptId === conceptId)));
      expect(result.data).toEqual({ lesson: { contentBytes: expected.map((id) => ({ id })) } });
    });

    it('resolves nested lists with one statement per level cold, and none warm', async () => {
      const runtime = apps.runtime();
      const query = () => runSubgraph(curriculum, runtime, '{ lesson(id: "1") { concepts { contentBytes { id } } } }', { viewer: as.student(3) });
      await runtime.deps.cache.invalidate('lesson', ['1']);
      await runtime.deps.cache.invalidate('lesson-concepts', ['1']);
      await runtime.deps.cache.invalidate('concept-content-bytes', ['1', '2', '3', '4']);
      const cold = await countStatements(query);
      expectNoErrors(cold.result);
      expect(cold.statements).toBe(3);
      const warm = await countStatements(query);
      expect(warm.result).toEqual(cold.result);
      expect(warm.statements).toBe(0);
    });

    it('answers null for an unknown id', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ lesson(id: "999") { id } concept(id: "999") { id } contentByte(id: "999") { id } }', { viewer: as.student(3) });
      expectNoErrors(result);
      expect(result.data).toEqual({ lesson: null, concept: null, contentByte: null });
    });

    it('rejects a malformed id with BAD_USER_INPUT', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ lesson(id: "abc") { id } }', { viewer: as.student(3) });
      expectErrorCode(result, 'BAD_USER_INPUT');
    });
  });

  describe('lessons', () => {
    it.each([{ first: 5 }, { first: 7 }, { first: 100 }])('walks every lesson once, in id order, $first per page', async ({ first }) => {
      const { ids, pages } = await walkLessons({ first });
      expect(ids).toEqual(idsOf(lessons));
      expect(pages).toBe(Math.ceil(lessons.length / first));
    });

    it('returns 20 lessons when `first` is not given', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), LESSONS_PAGE, { viewer: as.student(3) });
      expectNoErrors(result);
      const page = (result.data as unknown as LessonsPage).lessons;
      expect(page.edges.map((edge) => edge.node.id)).toEqual(idsOf(lessons.slice(0, 20)));
      expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges.at(-1)?.cursor });
    });

    it.each([
      { name: 'subject', variables: { subject: 'MATH' }, keep: (l: LessonRow) => l.subject === 'MATH' },
      { name: 'grade', variables: { grade: 3 }, keep: (l: LessonRow) => l.grade === 3 },
      { name: 'subject and grade', variables: { subject: 'ARABIC', grade: 1 }, keep: (l: LessonRow) => l.subject === 'ARABIC' && l.grade === 1 },
    ])('filters by $name across pages', async ({ variables, keep }) => {
      const { ids } = await walkLessons({ ...variables, first: 2 });
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(idsOf(lessons.filter(keep)));
    });

    it('returns an empty page with no end cursor when nothing matches', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), LESSONS_PAGE, { viewer: as.student(3), variables: { grade: 12 } });
      expectNoErrors(result);
      expect(result.data).toEqual({ lessons: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
    });

    it.each([
      { name: 'first 0', variables: { first: 0 }, echo: '0' },
      { name: 'first -1', variables: { first: -1 }, echo: '-1' },
      { name: 'first 101', variables: { first: 101 }, echo: '101' },
      { name: 'a garbage cursor', variables: { after: 'garbage' }, echo: 'garbage' },
      { name: 'a cursor of another kind', variables: { after: Buffer.from('user:v1:3').toString('base64url') }, echo: Buffer.from('user:v1:3').toString('base64url') },
      { name: 'grade 0', variables: { grade: 0 }, echo: '0' },
      { name: 'grade 13', variables: { grade: 13 }, echo: '13' },
    ])('rejects $name with BAD_USER_INPUT echoing the value', async ({ variables, echo }) => {
      const result = await runSubgraph(curriculum, apps.runtime(), LESSONS_PAGE, { viewer: as.student(3), variables });
      expectErrorCode(result, 'BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(echo);
    });
  });

  describe('entity resolution', () => {
    it('resolves lessons and concepts, a non-numeric id as null', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lesson { title } ... on Concept { name } } }', {
        viewer: as.student(3),
        variables: { r: [{ __typename: 'Lesson', id: '2' }, { __typename: 'Concept', id: 'x' }, { __typename: 'Concept', id: '4' }] },
      });
      expectNoErrors(result);
      expect(result.data).toEqual({ _entities: [{ title: 'Lesson 2' }, null, { name: 'Counting' }] });
    });
  });

  describe('access', () => {
    it('never shows a student the answer', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ contentByte(id: "1") { answer } lesson(id: "1") { contentBytes { answer } } }', { viewer: as.student(3) });
      expectNoErrors(result);
      const data = result.data as { contentByte: { answer: string | null }; lesson: { contentBytes: { answer: string | null }[] } };
      expect(data.contentByte.answer).toBeNull();
      expect(data.lesson.contentBytes.every((c) => c.answer === null)).toBe(true);
    });

    it.each([{ name: 'a teacher', viewer: as.teacher(5) }, { name: 'a parent', viewer: as.parent(2) }, { name: 'an admin', viewer: as.admin(1) }])('shows $name the answer', async ({ viewer }) => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ contentByte(id: "1") { answer } }', { viewer });
      expectNoErrors(result);
      expect(result.data).toEqual({ contentByte: { answer: ARABIC } });
    });

    it('lets anonymous callers browse the public lesson catalogue', async () => {
      const result = await runSubgraph(curriculum, apps.runtime(), '{ lessons(first: 1) { edges { node { id title concepts { name } } } } lesson(id: "1") { title } }');
      expectNoErrors(result);
      expect(result.data?.lesson).toEqual({ title: expect.any(String) });
    });
  });

  describe('Arabic text', () => {
    const QUERY = '{ lesson(id: "1") { title } contentByte(id: "1") { prompt choices answer } }';
    const bytesOf = (data: unknown) => {
      const { lesson, contentByte } = data as { lesson: { title: string }; contentByte: { prompt: string; choices: string[]; answer: string } };
      return [lesson.title, contentByte.prompt, ...contentByte.choices, contentByte.answer].map((text) => Buffer.from(text, 'utf8'));
    };
    const expected = [ARABIC, ARABIC, ARABIC, 'لُغَةٌ', 'جَمِيلَةٌ', ARABIC].map((text) => Buffer.from(text, 'utf8'));

    it('round-trips byte-exact through MySQL, the in-process cache and Redis', async () => {
      const runtime = apps.runtime();
      await runtime.deps.cache.invalidate('lesson', ['1']);
      await runtime.deps.cache.invalidate('content-byte', ['1']);
      // Redis refuses a fill of a key written in the millisecond its load began (runtime/cache/markers.ts).
      await sleep(2);

      const fromMysql = await countStatements(() => runSubgraph(curriculum, runtime, QUERY, { viewer: as.teacher(5) }));
      expectNoErrors(fromMysql.result);
      expect(fromMysql.statements).toBe(2);
      expect(bytesOf(fromMysql.result.data)).toEqual(expected);

      const fromL1 = await countStatements(() => runSubgraph(curriculum, runtime, QUERY, { viewer: as.teacher(5) }));
      expectNoErrors(fromL1.result);
      expect(fromL1.statements).toBe(0);
      expect(bytesOf(fromL1.result.data)).toEqual(expected);

      // Another container: an empty L1 over the same Redis.
      const otherContainer: AppRuntime = {
        ...runtime,
        deps: { ...runtime.deps, cache: createEntityCache(runtime.deps, { keyPrefix: runtime.deps.redisKeyPrefix }) },
      };
      const fromRedis = await countStatements(() => runSubgraph(curriculum, otherContainer, QUERY, { viewer: as.teacher(5) }));
      expectNoErrors(fromRedis.result);
      expect(fromRedis.statements).toBe(0);
      expect(bytesOf(fromRedis.result.data)).toEqual(expected);
    });
  });
});
