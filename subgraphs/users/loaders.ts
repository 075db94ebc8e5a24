import DataLoader from 'dataloader';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { groupByKeys, orderByKeys } from '../../runtime/subgraph/batch.js';
import { tryParseId } from '../../runtime/ids.js';
import type { ClassroomRow, UserRow, UsersTables } from './tables.js';

/** The cache entity of a classroom's roster. */
export const CLASSROOM_STUDENTS = 'classroom-students';

/** Built per request by the context factory; never at module scope (it would leak rows across users). */
export function createLoaders({ deps: { db, cache } }: BaseContext, { users, guardianships, classrooms, enrolments }: UsersTables) {
  const userColumns = {
    id: users.id, displayName: users.displayName, role: users.role, locale: users.locale,
    grade: users.grade, createdAt: users.createdAt, updatedAt: users.updatedAt,
  };
  return {
    user: new DataLoader<string, UserRow | null>((ids) =>
      cache.through<UserRow>('user', ids, async (misses) => {
        const numeric = misses.map(tryParseId).filter((id): id is number => id !== null);
        const rows = numeric.length ? await db.select().from(users).where(inArray(users.id, numeric)) : [];
        return orderByKeys(misses, rows, (row) => String(row.id));
      }),
    ),
    classroom: new DataLoader<string, ClassroomRow | null>((ids) =>
      cache.through<ClassroomRow>('classroom', ids, async (misses) => {
        const numeric = misses.map(tryParseId).filter((id): id is number => id !== null);
        const rows = numeric.length ? await db.select().from(classrooms).where(inArray(classrooms.id, numeric)) : [];
        return orderByKeys(misses, rows, (row) => String(row.id));
      }),
    ),
    childrenOf: new DataLoader<number, UserRow[]>(async (parentIds) => {
      const rows = await db
        .select({ parentId: guardianships.parentId, user: userColumns })
        .from(guardianships)
        .innerJoin(users, eq(users.id, guardianships.childId))
        .where(inArray(guardianships.parentId, [...parentIds]))
        .orderBy(users.id);
      return groupByKeys(parentIds, rows, (row) => row.parentId).map((group) => group.map((row) => row.user));
    }),
    /** A classroom's roster of consented enrolments, in Redis only (`shared`): enrolments and profile updates invalidate it. */
    studentsOf: new DataLoader<number, UserRow[]>(async (classroomIds) => {
      const lists = await cache.through<UserRow[]>(CLASSROOM_STUDENTS, classroomIds.map(String), async (misses) => {
        const ids = misses.map(Number);
        const rows = await db
          .select({ classroomId: enrolments.classroomId, user: userColumns })
          .from(enrolments)
          .innerJoin(users, eq(users.id, enrolments.studentId))
          .where(and(inArray(enrolments.classroomId, ids), isNotNull(enrolments.consentedBy)))
          .orderBy(users.id);
        return groupByKeys(ids, rows, (row) => row.classroomId).map((group) => group.map((row) => row.user));
      }, { shared: true });
      return lists.map((list) => list ?? []);
    }),
    /** Classroom ids a student is enrolled in, consented or not: the rosters a profile change makes stale. */
    classroomIdsOfStudent: new DataLoader<number, number[]>(async (studentIds) => {
      const rows = await db.select().from(enrolments).where(inArray(enrolments.studentId, [...studentIds]));
      return groupByKeys(studentIds, rows, (row) => row.studentId).map((group) => group.map((row) => row.classroomId));
    }),
  };
}
