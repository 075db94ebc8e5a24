/**
 * Who may see whose data: the one policy every subgraph enforces on the data it owns.
 *
 * Threat model: children's data is private by default. A resolver that returns a person's data
 * asks `assertCanSeePerson` first; anything not granted below is denied.
 *   - a student sees itself and the teachers of its classrooms;
 *   - a parent sees itself and its children (guardianships);
 *   - a teacher sees itself and the students of its classrooms (enrolments);
 *   - an admin sees everyone in its app (the app is fixed per deployment).
 * Relationships are read once per request (one statement) through the cache, in Redis only; writes
 * that grant access (enrolment, a new child) invalidate the grantee's entry, so a grant shows at
 * once in every container.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from './clients/mysql.js';
import type { EntityCache, MarkStale } from './consistency/entityCache.js';
import { forbidden, unauthenticated } from './errors.js';
import type { Role, Viewer } from './signedContext.js';
import type { AppName } from './tenancy.js';
import { usersTables } from '../subgraphs/users/tables.js';

export interface SignedInViewer {
  userId: string;
  role: Role;
}

export interface Access {
  viewer: Viewer;
  /** The signed-in viewer, or UNAUTHENTICATED. */
  requireUser(): SignedInViewer;
  /** The signed-in viewer when its role is one of `roles`, else FORBIDDEN. */
  requireRole(...roles: Role[]): SignedInViewer;
  canSeePerson(userId: string): Promise<boolean>;
  assertCanSeePerson(userId: string): Promise<void>;
  /** True for the classroom's teacher and admins. */
  canManageClassroom(classroomId: string): Promise<boolean>;
}

/** The cache entity holding whom a viewer may see, keyed by role and user id. */
const VISIBLE_PEOPLE = 'visible-people';
const visibleKey = (role: Role, userId: string | number) => `${role}:${userId}`;

/** Marks stale, in a write that changes who may see whom, what the viewers may see. */
export function forgetVisiblePeople(stale: MarkStale, ...viewers: { role: Role; userId: string | number }[]): void {
  stale(VISIBLE_PEOPLE, viewers.map((viewer) => visibleKey(viewer.role, viewer.userId)));
}

export function createAccess(viewer: Viewer, app: AppName, db: Database, cache: EntityCache): Access {
  const { guardianships, enrolments, classrooms } = usersTables(app);
  let visible: Promise<Set<string>> | undefined;

  const requireUser = (): SignedInViewer => {
    if (viewer.kind !== 'user') throw unauthenticated();
    return viewer;
  };

  async function loadVisiblePeople(me: SignedInViewer): Promise<Set<string>> {
    const id = Number(me.userId);
    const ids = (rows: { id: number }[]) => new Set(rows.map((row) => String(row.id)));
    if (me.role === 'PARENT') {
      return ids(await db.select({ id: guardianships.childId }).from(guardianships).where(eq(guardianships.parentId, id)));
    }
    if (me.role === 'STUDENT') {
      // A student sees the teachers of its classrooms (their names, on the classroom page).
      return ids(await db
        .selectDistinct({ id: classrooms.teacherId })
        .from(classrooms)
        .innerJoin(enrolments, eq(enrolments.classroomId, classrooms.id))
        .where(eq(enrolments.studentId, id)));
    }
    if (me.role === 'TEACHER') {
      const rows = await db
        .selectDistinct({ id: enrolments.studentId })
        .from(enrolments)
        .innerJoin(classrooms, eq(classrooms.id, enrolments.classroomId))
        .where(eq(classrooms.teacherId, id));
      return new Set(rows.map((row) => String(row.id)));
    }
    return new Set();
  }

  const access: Access = {
    viewer,
    requireUser,
    requireRole(...roles) {
      const me = requireUser();
      if (!roles.includes(me.role)) throw forbidden(`This needs one of the roles ${roles.join(', ')}`);
      return me;
    },
    async canSeePerson(userId) {
      const me = requireUser();
      if (me.userId === userId || me.role === 'ADMIN') return true;
      visible ??= cache
        // Redis only (no L1): a grant or a revocation through one container holds in all at once.
        .through<{ ids: string[] }>(VISIBLE_PEOPLE, [visibleKey(me.role, me.userId)], async () => [{ ids: [...(await loadVisiblePeople(me))] }], { shared: true })
        .then(([entry]) => new Set(entry?.ids));
      return (await visible).has(userId);
    },
    async assertCanSeePerson(userId) {
      if (!(await access.canSeePerson(userId))) throw forbidden(`You may not see the data of user "${userId}"`);
    },
    async canManageClassroom(classroomId) {
      const me = requireUser();
      if (me.role === 'ADMIN') return true;
      if (me.role !== 'TEACHER' || !/^\d+$/.test(classroomId)) return false;
      const rows = await db
        .select({ id: classrooms.id })
        .from(classrooms)
        .where(and(eq(classrooms.id, Number(classroomId)), eq(classrooms.teacherId, Number(me.userId))));
      return rows.length > 0;
    },
  };
  return access;
}
