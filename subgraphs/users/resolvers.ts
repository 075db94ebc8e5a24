import { and, eq } from 'drizzle-orm';
import { notFound } from '../../runtime/errors.js';
import { parseId } from '../../runtime/ids.js';
import { markRelationshipsStale } from '../../runtime/policy/readModel.js';
import { denied } from '../../runtime/policy/enforce.js';
import type { MarkStale } from '../../runtime/cache/entityCache.js';
import type { Transaction } from '../../runtime/cache/invalidationLog.js';
import { CLASSROOM_STUDENTS } from './loaders.js';
import type { Resolvers } from './generated/resolvers.js';
import type { UsersContext } from './context.js';
import type { ClassroomRow, UserRow } from './tables.js';
import * as validate from './validation.js';

// Who may call each field is decided before these resolvers run, by the rule its SDL declares (schema/users.graphql).

/** Marks stale, in a write that changes a profile, every cached copy of it: rosters carry profiles too. */
async function profileChanged(ctx: UsersContext, id: number, stale: MarkStale): Promise<void> {
  const classrooms = await ctx.loaders.classroomIdsOfStudent.load(id);
  stale(CLASSROOM_STUDENTS, classrooms.map(String));
  stale('user', [String(id)]);
}

async function reloadUser(ctx: UsersContext, id: number): Promise<UserRow> {
  const user = await ctx.loaders.user.clear(String(id)).load(String(id));
  if (!user) throw notFound('User', String(id));
  return user;
}

/**
 * Places a student in a classroom with the consent of `consentedBy`, or takes it out (`consent`
 * null), in one transaction that marks stale the roster and the relationships of everyone whose
 * access it changes: the classroom's teacher, the student and the student's guardians.
 */
async function changeEnrolment(ctx: UsersContext, classroom: ClassroomRow, studentId: number, consent: { by: number; as: 'GUARDIAN' | 'ADMIN' } | null): Promise<void> {
  const { enrolments, guardianships } = ctx.tables;
  await ctx.deps.cache.write(async (tx: Transaction, stale) => {
    if (consent) {
      await tx.insert(enrolments)
        .values({ classroomId: classroom.id, studentId, enrolledAt: new Date(), consentedBy: consent.by, consentedAs: consent.as })
        .onDuplicateKeyUpdate({ set: { consentedBy: consent.by, consentedAs: consent.as } });
    } else {
      await tx.delete(enrolments).where(and(eq(enrolments.classroomId, classroom.id), eq(enrolments.studentId, studentId)));
    }
    const guardians = await tx.select({ id: guardianships.parentId }).from(guardianships).where(eq(guardianships.childId, studentId));
    stale(CLASSROOM_STUDENTS, [String(classroom.id)]);
    markRelationshipsStale(stale, [classroom.teacherId, studentId, ...guardians.map((guardian) => guardian.id)]);
  });
  ctx.loaders.studentsOf.clear(classroom.id);
  ctx.loaders.classroomIdsOfStudent.clear(studentId);
  ctx.access.relationshipsChanged();
}

export const resolvers: Resolvers = {
  Query: {
    me: async (_, __, ctx) => {
      const { userId } = ctx.access.requireUser();
      const user = await ctx.loaders.user.load(userId);
      if (!user) throw notFound('User', userId);
      return user;
    },
    user: (_, { id }, ctx) => ctx.loaders.user.load(String(parseId(id))),
    classroom: (_, { id }, ctx) => ctx.loaders.classroom.load(String(parseId(id))),
    /** The classrooms the viewer's relationships name: taught, attended, or its children's. */
    myClassrooms: async (_, __, ctx) => {
      const { taught, attended, childrensClassrooms } = await ctx.access.relationships();
      const ids = [...new Set([...taught, ...attended, ...childrensClassrooms])].sort((a, b) => Number(a) - Number(b));
      const rows = await ctx.loaders.classroom.loadMany(ids);
      return rows.filter((row): row is ClassroomRow => row !== null && !(row instanceof Error));
    },
  },

  Mutation: {
    createChildProfile: async (_, { input }, ctx) => {
      const me = ctx.access.requireUser();
      const now = new Date();
      const child = {
        displayName: validate.displayName(input.displayName),
        grade: validate.grade(input.grade),
        locale: validate.locale(input.locale ?? 'ar'),
        role: 'STUDENT' as const,
        createdAt: now,
        updatedAt: now,
      };
      const { users, guardianships } = ctx.tables;
      const id = await ctx.deps.cache.write(async (tx, stale) => {
        const [inserted] = await tx.insert(users).values(child).$returningId();
        if (!inserted) throw new Error('insert returned no id');
        await tx.insert(guardianships).values({ parentId: Number(me.userId), childId: inserted.id });
        markRelationshipsStale(stale, [me.userId]);
        return inserted.id;
      });
      ctx.loaders.childrenOf.clear(Number(me.userId));
      ctx.access.relationshipsChanged();
      return reloadUser(ctx, id);
    },

    updateProfile: async (_, { input }, ctx) => {
      const me = ctx.access.requireUser();
      const targetId = input.userId ? parseId(input.userId, 'userId') : Number(me.userId);
      const changes: Partial<UserRow> = { updatedAt: new Date() };
      if (input.displayName != null) changes.displayName = validate.displayName(input.displayName);
      if (input.locale != null) changes.locale = validate.locale(input.locale);
      if (input.grade != null) changes.grade = validate.grade(input.grade);
      const { users } = ctx.tables;
      await ctx.deps.cache.write(async (tx, stale) => {
        const [result] = await tx.update(users).set(changes).where(eq(users.id, targetId));
        if (result.affectedRows === 0) throw notFound('User', String(targetId));
        await profileChanged(ctx, targetId, stale);
      });
      return reloadUser(ctx, targetId);
    },

    enrolStudent: async (_, args, ctx) => {
      const me = ctx.access.requireUser();
      const classroomId = parseId(args.classroomId, 'classroomId');
      const studentId = parseId(args.studentId, 'studentId');
      const [classroom, student] = await Promise.all([
        ctx.loaders.classroom.load(String(classroomId)),
        ctx.loaders.user.load(String(studentId)),
      ]);
      if (!classroom) throw notFound('Classroom', String(classroomId));
      if (!student || student.role !== 'STUDENT') throw notFound('Student', String(studentId));
      await changeEnrolment(ctx, classroom, studentId, { by: Number(me.userId), as: 'ADMIN' });
      return classroom;
    },

    joinClassroom: async (_, args, ctx) => {
      const me = ctx.access.requireUser();
      const childId = parseId(args.childId, 'childId');
      const { classrooms } = ctx.tables;
      const code = args.code.trim().toUpperCase();
      const [classroom] = code.length > 0 && code.length <= 16
        ? await ctx.deps.db.select().from(classrooms).where(eq(classrooms.joinCode, code)).limit(1)
        : [];
      // An unknown code is refused as a child that is not the caller's: the same error, no oracle.
      if (!classroom) throw denied('Mutation.joinClassroom');
      await changeEnrolment(ctx, classroom, childId, { by: Number(me.userId), as: 'GUARDIAN' });
      return classroom;
    },

    removeFromClassroom: async (_, args, ctx) => {
      const classroomId = parseId(args.classroomId, 'classroomId');
      const studentId = parseId(args.studentId, 'studentId');
      const classroom = await ctx.loaders.classroom.load(String(classroomId));
      if (classroom) await changeEnrolment(ctx, classroom, studentId, null);
      return true;
    },
  },

  User: {
    __resolveReference: (ref, ctx) => ctx.loaders.user.load(ref.id),
    id: (user) => String(user.id),
    children: (user, _, ctx) => (user.role === 'PARENT' ? ctx.loaders.childrenOf.load(user.id) : []),
  },

  Classroom: {
    __resolveReference: (ref, ctx) => ctx.loaders.classroom.load(ref.id),
    id: (classroom) => String(classroom.id),
    teacher: async (classroom, _, ctx) => {
      const teacher = await ctx.loaders.user.load(String(classroom.teacherId));
      if (!teacher) throw notFound('User', String(classroom.teacherId));
      return teacher;
    },
    students: (classroom, _, ctx) => ctx.loaders.studentsOf.load(classroom.id),
  },
};
