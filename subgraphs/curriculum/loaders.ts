import DataLoader from 'dataloader';
import { eq, getTableColumns, inArray } from 'drizzle-orm';
import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { groupByKeys, orderByKeys } from '../../runtime/subgraph/batch.js';
import { tryParseId } from '../../runtime/ids.js';
import type { ConceptRow, ConceptWithContent, ContentByteRow, CurriculumTables, LessonRow } from './tables.js';

/** Built per request by the context factory; never at module scope (it would leak rows across users). */
export function createLoaders({ deps: { db, cache } }: BaseContext, { lessons, concepts, contentBytes }: CurriculumTables) {
  /** The catalogue is static, so rows by id are read through the shared two-tier cache. */
  const byId = <Row extends { id: number }>(entity: string, select: (ids: number[]) => Promise<Row[]>) =>
    new DataLoader<string, Row | null>((ids) =>
      cache.through<Row>(entity, ids, async (misses) => {
        const numeric = misses.map(tryParseId).filter((id): id is number => id !== null);
        const rows = numeric.length ? await select(numeric) : [];
        return orderByKeys(misses, rows, (row) => String(row.id));
      }),
    );

  /** Lists of the static catalogue, cached like rows: one statement for all the misses of a batch. */
  const listBy = <Row>(entity: string, select: (keys: number[]) => Promise<Row[][]>) =>
    new DataLoader<number, Row[]>(async (keys) => {
      const lists = await cache.through<Row[]>(entity, keys.map(String), (misses) => select(misses.map(Number)));
      return lists.map((list) => list ?? []);
    });

  return {
    lesson: byId<LessonRow>('lesson', (ids) => db.select().from(lessons).where(inArray(lessons.id, ids))),
    /** Concepts by id with their content bytes: one statement (a left join) for both. */
    concept: byId<ConceptWithContent>('concept-with-content', async (ids) => {
      const rows = await db
        .select({ concept: getTableColumns(concepts), contentByte: getTableColumns(contentBytes) })
        .from(concepts)
        .leftJoin(contentBytes, eq(contentBytes.conceptId, concepts.id))
        .where(inArray(concepts.id, ids))
        .orderBy(concepts.id, contentBytes.id);
      const byConcept = new Map<number, ConceptWithContent>();
      for (const { concept, contentByte } of rows) {
        const entry = byConcept.get(concept.id) ?? byConcept.set(concept.id, { ...concept, contentBytes: [] }).get(concept.id)!;
        if (contentByte) entry.contentBytes.push(contentByte);
      }
      return [...byConcept.values()];
    }),
    contentByte: byId<ContentByteRow>('content-byte', (ids) => db.select().from(contentBytes).where(inArray(contentBytes.id, ids))),
    conceptsOfLesson: listBy<ConceptRow>('lesson-concepts', async (lessonIds) => {
      const rows = await db.select().from(concepts).where(inArray(concepts.lessonId, lessonIds)).orderBy(concepts.position, concepts.id);
      return groupByKeys(lessonIds, rows, (row) => row.lessonId);
    }),
    contentBytesOfConcept: listBy<ContentByteRow>('concept-content-bytes', async (conceptIds) => {
      const rows = await db.select().from(contentBytes).where(inArray(contentBytes.conceptId, conceptIds)).orderBy(contentBytes.id);
      return groupByKeys(conceptIds, rows, (row) => row.conceptId);
    }),
    /** A lesson's content bytes in the order its concepts are taught. */
    contentBytesOfLesson: listBy<ContentByteRow>('lesson-content-bytes', async (lessonIds) => {
      const rows = await db
        .select({ lessonId: concepts.lessonId, contentByte: getTableColumns(contentBytes) })
        .from(contentBytes)
        .innerJoin(concepts, eq(concepts.id, contentBytes.conceptId))
        .where(inArray(concepts.lessonId, lessonIds))
        .orderBy(concepts.position, concepts.id, contentBytes.id);
      return groupByKeys(lessonIds, rows, (row) => row.lessonId).map((group) => group.map((row) => row.contentByte));
    }),
  };
}
