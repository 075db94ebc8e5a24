import { eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../runtime/errors.js';
import { parseId } from '../../runtime/ids.js';
import { forgetVisiblePeople } from '../../runtime/access.js';
import type { MarkStale } from '../../runtime/consistency/entityCache.js';
import { CLASSROOM_STUDENTS } from './loaders.js';
import type { Resolvers } from './generated/resolvers.js';
import type { UsersContext } from './context.js';
import type { ClassroomRow, UserRow } from './tables.js';
import * as validate from './validation.js';

async function visibleUser(ctx: UsersContext, id: string): Promise<UserRow | null> {
  await ctx.access.assertCanSeePerson(id);
  return ctx.loaders.user.load(id);
}

/** A classroom is visible to its teacher, its students and admins. */
async function visibleClassroom(ctx: UsersContext, id: string): Promise<ClassroomRow | null> {
  const me = ctx.access.requireUser();
  const classroom = await ctx.loaders.classroom.load(id);
  if (!classroom) return null;
  if (me.role === 'ADMIN' || String(classroom.teacherId) === me.userId) return classroom;
  if (me.role === 'STUDENT' && (await ctx.loaders.classroomIdsOfStudent.load(Number(me.userId))).includes(classroom.id)) return classroom;
  throw forbidden(`You may not see classroom "${id}"`);
}

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

export const resolvers: Resolvers = {
  Query: {
    me: async (_, __, ctx) => {
      const { userId } = ctx.access.requireUser();
      const user = await ctx.loaders.user.load(userId);
      if (!user) throw notFound('User', userId);
      return user;
    },
    user: (_, { id }, ctx) => visibleUser(ctx, String(parseId(id))),
    classroom: (_, { id }, ctx) => visibleClassroom(ctx, String(parseId(id))),
    myClassrooms: async (_, __, ctx) => {
      const me = ctx.access.requireUser();
      const { classrooms } = ctx.tables;
      if (me.role === 'TEACHER') {
        return ctx.deps.db.select().from(classrooms).where(eq(classrooms.teacherId, Number(me.userId))).orderBy(classrooms.id);
      }
      if (me.role === 'STUDENT') {
        const ids = await ctx.loaders.classroomIdsOfStudent.load(Number(me.userId));
        const rows = await ctx.loaders.classroom.loadMany(ids.map(String));
        return rows.filter((row): row is ClassroomRow => row !== null && !(row instanceof Error));
      }
      return [];
    },
  },

  Mutation: {
    createChildProfile: async (_, { input }, ctx) => {
      const me = ctx.access.requireRole('PARENT');
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
        forgetVisiblePeople(stale, me);
        return inserted.id;
      });
      ctx.loaders.childrenOf.clear(Number(me.userId));
      return reloadUser(ctx, id);
    },

    updateProfile: async (_, { input }, ctx) => {
      const me = ctx.access.requireUser();
      const targetId = input.userId ? parseId(input.userId, 'userId') : Number(me.userId);
      const isSelf = String(targetId) === me.userId;
      const isGuardian = me.role === 'PARENT' && (await ctx.access.canSeePerson(String(targetId)));
      if (!isSelf && !isGuardian && me.role !== 'ADMIN') throw forbidden(`You may not update the profile of user "${targetId}"`);
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
      const classroomId = parseId(args.classroomId, 'classroomId');
      const studentId = parseId(args.studentId, 'studentId');
      if (!(await ctx.access.canManageClassroom(String(classroomId)))) throw forbidden(`Only the teacher of classroom "${classroomId}" may enrol students`);
      const [classroom, student] = await Promise.all([
        ctx.loaders.classroom.load(String(classroomId)),
        ctx.loaders.user.load(String(studentId)),
      ]);
      if (!classroom) throw notFound('Classroom', String(classroomId));
      if (!student || student.role !== 'STUDENT') throw notFound('Student', String(studentId));
      const { enrolments } = ctx.tables;
      await ctx.deps.cache.write(async (tx, stale) => {
        await tx.insert(enrolments).values({ classroomId, studentId, enrolledAt: new Date() })
          .onDuplicateKeyUpdate({ set: { classroomId } });
        stale(CLASSROOM_STUDENTS, [String(classroomId)]);
        forgetVisiblePeople(stale, { role: 'TEACHER', userId: classroom.teacherId }, { role: 'STUDENT', userId: studentId });
      });
      ctx.loaders.studentsOf.clear(classroomId);
      return classroom;
    },
  },

  User: {
    __resolveReference: (ref, ctx) => visibleUser(ctx, ref.id),
    id: (user) => String(user.id),
    children: (user, _, ctx) => (user.role === 'PARENT' ? ctx.loaders.childrenOf.load(user.id) : []),
  },

  Classroom: {
    __resolveReference: (ref, ctx) => visibleClassroom(ctx, ref.id),
    id: (classroom) => String(classroom.id),
    teacher: async (classroom, _, ctx) => {
      const teacher = await ctx.loaders.user.load(String(classroom.teacherId));
      if (!teacher) throw notFound('User', String(classroom.teacherId));
      return teacher;
    },
    students: async (classroom, _, ctx) => {
      const me = ctx.access.requireUser();
      if (me.role !== 'ADMIN' && String(classroom.teacherId) !== me.userId) throw forbidden('Only the teacher of this classroom may list its students');
      return ctx.loaders.studentsOf.load(classroom.id);
    },
  },
};
