/** A person's rows in the users subgraph: the profile, its guardianships and its enrolments. */
import { eq, inArray, or } from 'drizzle-orm';
import { markRelationshipsStale } from '../../runtime/policy/readModel.js';
import type { PersonalDataHolder } from '../../runtime/subgraph/dataRights.js';
import { CLASSROOM_STUDENTS } from './loaders.js';
import { usersTables } from './tables.js';

export const usersDataRights: PersonalDataHolder = {
  name: 'users',
  personCacheEntities: ['user'],

  async export({ db, app }, userId) {
    const { users, guardianships, enrolments } = usersTables(app);
    const [profile] = await db.select().from(users).where(eq(users.id, userId));
    const guardians = await db.select({ parentId: guardianships.parentId }).from(guardianships).where(eq(guardianships.childId, userId)).orderBy(guardianships.parentId);
    const enrolled = await db.select().from(enrolments).where(eq(enrolments.studentId, userId)).orderBy(enrolments.classroomId);
    return {
      profile: profile ?? null,
      guardians: guardians.map((row) => String(row.parentId)),
      enrolments: enrolled.map(({ studentId: _, classroomId, ...rest }) => ({ classroomId: String(classroomId), ...rest })),
    };
  },

  async erase({ cache, app }, userId) {
    const { users, guardianships, enrolments, classrooms } = usersTables(app);
    await cache.write(async (tx, stale) => {
      const parents = await tx.select({ id: guardianships.parentId }).from(guardianships).where(eq(guardianships.childId, userId));
      const rosters = await tx.select({ id: enrolments.classroomId }).from(enrolments).where(eq(enrolments.studentId, userId));
      const teachers = rosters.length ? await tx.selectDistinct({ id: classrooms.teacherId }).from(classrooms).where(inArray(classrooms.id, rosters.map((row) => row.id))) : [];
      await tx.delete(enrolments).where(eq(enrolments.studentId, userId));
      await tx.delete(guardianships).where(or(eq(guardianships.childId, userId), eq(guardianships.parentId, userId)));
      await tx.delete(users).where(eq(users.id, userId));
      stale('user', [String(userId)]);
      stale(CLASSROOM_STUDENTS, rosters.map((row) => String(row.id)));
      markRelationshipsStale(stale, [userId, ...parents.map((row) => row.id), ...teachers.map((row) => row.id)]);
    });
  },
};
