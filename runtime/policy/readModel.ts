/**
 * The one read model of relationships the policy decides on: who is guardian, teacher or student
 * of whom, and who teaches which classroom.
 *
 * Threat model: a stale grant is a leak (a child removed from a class must vanish from the
 * teacher's view at once, in every container), and a policy that reads a subgraph's tables
 * couples every subgraph to one domain's schema. So the relationships come from one SQL view,
 * `<app>_relationships` (migrations/0004_consented_enrolments.ts; it lists only enrolments a
 * guardian or an admin consented to), read in one statement per viewer and cached in Redis only
 * (no in-process copy). Every write that changes a relationship marks the entries of the people
 * it concerns stale through `markRelationshipsStale`, in its own transaction.
 */
import { eq } from 'drizzle-orm';
import { bigint, mysqlView, varchar } from 'drizzle-orm/mysql-core';
import type { Database } from '../clients/mysql.js';
import type { EntityCache, MarkStale } from '../cache/entityCache.js';
import { memoizeByApp, prefixed, type AppName } from '../tenancy.js';

export const RELATIONS = ['GUARDIAN', 'TEACHES', 'TEACHER', 'STUDENT', 'GUARDIAN_OF_STUDENT'] as const;
export type Relation = (typeof RELATIONS)[number];

export const relationshipsView = memoizeByApp((app: AppName) =>
  mysqlView(prefixed(app, 'relationships'), {
    viewerId: bigint('viewer_id', { mode: 'number' }).notNull(),
    relation: varchar('relation', { length: 24, enum: RELATIONS }).notNull(),
    personId: bigint('person_id', { mode: 'number' }).notNull(),
    classroomId: bigint('classroom_id', { mode: 'number' }),
  }).existing(),
);

/** Everyone and every classroom one viewer is related to, as ids (strings, like GraphQL ids). */
export interface Relationships {
  /** Children the viewer is a guardian of. */
  children: ReadonlySet<string>;
  /** Students placed with consent in a classroom the viewer teaches. */
  students: ReadonlySet<string>;
  /** Teachers of the viewer's classrooms (a student's), or of its children's (a guardian's). */
  teachers: ReadonlySet<string>;
  /** Classrooms the viewer teaches. */
  taught: ReadonlySet<string>;
  /** Classrooms the viewer was placed in with consent (a student's). */
  attended: ReadonlySet<string>;
  /** Classrooms the viewer's children were placed in with consent. */
  childrensClassrooms: ReadonlySet<string>;
}

/** The cache entity of a viewer's relationships, keyed by user id. */
const RELATIONSHIPS = 'relationships';

/** Marks stale, in a write that changes a relationship, the entries of everyone it concerns. */
export function markRelationshipsStale(stale: MarkStale, userIds: readonly (string | number)[]): void {
  stale(RELATIONSHIPS, [...new Set(userIds.map(String))]);
}

type Row = [Relation, number, number | null];

export async function loadRelationships(app: AppName, db: Database, cache: EntityCache, userId: string): Promise<Relationships> {
  const view = relationshipsView(app);
  const [entry] = await cache.through<{ rows: Row[] }>(RELATIONSHIPS, [userId], async () => {
    const rows = await db.select().from(view).where(eq(view.viewerId, Number(userId)));
    return [{ rows: rows.map((row): Row => [row.relation, row.personId, row.classroomId]) }];
  }, { shared: true });
  const sets = { children: new Set<string>(), students: new Set<string>(), teachers: new Set<string>(), taught: new Set<string>(), attended: new Set<string>(), childrensClassrooms: new Set<string>() };
  for (const [relation, personId, classroomId] of entry?.rows ?? []) {
    const person = String(personId);
    const classroom = String(classroomId);
    if (relation === 'GUARDIAN') sets.children.add(person);
    else if (relation === 'TEACHES') sets.taught.add(classroom);
    else if (relation === 'TEACHER') sets.students.add(person);
    else if (relation === 'STUDENT') {
      sets.teachers.add(person);
      sets.attended.add(classroom);
    } else {
      sets.teachers.add(person);
      sets.childrensClassrooms.add(classroom);
    }
  }
  return sets;
}
