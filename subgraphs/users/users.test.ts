import { describe, expect, it } from 'vitest';
import { as, countStatements, expectErrorCode, expectNoErrors, runSubgraph, useTestDatabase } from '../../test/support/harness.js';
import { usersTables } from './tables.js';
import { users } from './index.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';

async function seedFamily({ deps: { db, app } }: AppRuntime) {
  const t = usersTables(app);
  const now = new Date();
  const person = (id: number, displayName: string, role: 'STUDENT' | 'PARENT' | 'TEACHER' | 'ADMIN', grade: number | null = null) =>
    ({ id, displayName, role, grade, locale: 'ar', createdAt: now, updatedAt: now });
  await db.insert(t.users).values([
    person(1, 'مدير', 'ADMIN'), person(2, 'أمّ سارة', 'PARENT'), person(3, 'سارة', 'STUDENT', 3), person(4, 'يوسُف', 'STUDENT', 3),
    person(5, 'الأستاذة مريم', 'TEACHER'), person(6, 'Mr Adam', 'TEACHER'), person(7, 'Omar', 'STUDENT', 4),
  ]);
  await db.insert(t.guardianships).values([{ parentId: 2, childId: 3 }, { parentId: 2, childId: 4 }]);
  await db.insert(t.classrooms).values([{ id: 1, name: 'الصف الثالث أ', teacherId: 5, createdAt: now }, { id: 2, name: 'Grade 4', teacherId: 6, createdAt: now }]);
  const consented = { consentedBy: 2, consentedAs: 'GUARDIAN' as const };
  await db.insert(t.enrolments).values([
    { classroomId: 1, studentId: 3, enrolledAt: now, ...consented }, { classroomId: 1, studentId: 4, enrolledAt: now, ...consented },
    { classroomId: 2, studentId: 7, enrolledAt: now, consentedBy: 1, consentedAs: 'ADMIN' },
  ]);
}

const apps = useTestDatabase({ seed: { amal: seedFamily } });

describe('users subgraph', () => {
  it('answers `me` with the signed-in user, Arabic diacritics intact', async () => {
    const result = await runSubgraph(users, apps.runtime(), '{ me { id displayName role locale grade } }', { viewer: as.student(4) });
    expectNoErrors(result);
    expect(result.data).toEqual({ me: { id: '4', displayName: 'يوسُف', role: 'STUDENT', locale: 'ar', grade: 3 } });
  });

  it('lists a parent’s children in one statement (besides its own row and its relationships)', async () => {
    const { result, statements } = await countStatements(() =>
      runSubgraph(users, apps.runtime(), '{ me { children { id displayName } } }', { viewer: as.parent(2) }));
    expectNoErrors(result);
    expect(result.data).toEqual({ me: { children: [{ id: '3', displayName: 'سارة' }, { id: '4', displayName: 'يوسُف' }] } });
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('refuses a teacher the profile of a student outside its classrooms', async () => {
    const result = await runSubgraph(users, apps.runtime(), '{ user(id: "7") { displayName } }', { viewer: as.teacher(5) });
    expectErrorCode(result, 'FORBIDDEN');
  });

  it('rejects a malformed id with BAD_USER_INPUT', async () => {
    const result = await runSubgraph(users, apps.runtime(), '{ user(id: "abc") { id } }', { viewer: as.admin(1) });
    expectErrorCode(result, 'BAD_USER_INPUT');
  });
});

describe('users subgraph input at the edge', () => {
  it('refuses an id past 2^53 - 1 with BAD_USER_INPUT, and looks up the largest id it holds', async () => {
    const past = await runSubgraph(users, apps.runtime(), '{ user(id: "9007199254740992") { id } }', { viewer: as.admin(1) });
    expectErrorCode(past, 'BAD_USER_INPUT');
    expect(past.errors?.[0]?.message).toBe('id must be a positive integer id of at most 9007199254740991; got "9007199254740992"');
    const largest = await runSubgraph(users, apps.runtime(), '{ user(id: "9007199254740991") { id } }', { viewer: as.admin(1) });
    expectNoErrors(largest);
    expect(largest.data).toEqual({ user: null });
  });

  it('refuses a child profile whose name hides tag characters, creating nothing', async () => {
    const { users: table } = usersTables('amal');
    const before = await apps.runtime().deps.db.$count(table);
    const result = await runSubgraph(users, apps.runtime(), 'mutation($n: String!) { createChildProfile(input: { displayName: $n, grade: 3 }) { id } }', {
      viewer: as.parent(2), variables: { n: 'سارة\u{E0061}\u{E0064}\u{E006D}\u{E0069}\u{E006E}' },
    });
    expectErrorCode(result, 'BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('displayName must not contain an invisible format character; got U+E0061 at character 5');
    expect(await apps.runtime().deps.db.$count(table)).toBe(before);
  });

  it('stores a name with harakat, a Persian ZWNJ and an emoji byte for byte', async () => {
    const name = 'عَلی‌رضا 🌟';
    const result = await runSubgraph(users, apps.runtime(), 'mutation($n: String!) { updateProfile(input: { userId: "7", displayName: $n }) { displayName } }', { viewer: as.admin(1), variables: { n: name } });
    expectNoErrors(result);
    expect(result.data).toEqual({ updateProfile: { displayName: name } });
  });
});
