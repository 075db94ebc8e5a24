/**
 * The named rules every field of the API is given (./fieldRules.ts): small functions over the
 * viewer, the subject of the field (the person, the classroom) and the viewer's relationships.
 *
 * Threat model: children's data is private by default and reachable only by consent. A rule
 * grants; anything no rule grants is denied. Relationships come only from ./readModel.ts, where
 * a teacher is related to a student only through an enrolment a guardian or an admin consented
 * to. A rule never tells why it denied, so a denial says nothing about whether an id exists.
 */
import type { Role } from '../security/signedContext.js';
import type { Relationships } from './readModel.js';

/** Whose data a field is about: the person and/or classroom it reads or changes. */
export interface Subject {
  person?: string;
  classroom?: string;
}

export interface RuleInput {
  viewer: { userId: string; role: Role };
  subject: Subject;
  /** The viewer's relationships, read once per request and only when a rule needs them. */
  relationships(): Promise<Relationships>;
}

export interface Rule {
  name: string;
  /** What the rule grants, for the access matrix in docs/SECURITY.md. */
  grants: string;
  /** True only for `everyone`: the field is readable without signing in (`@public` in its SDL). */
  public?: boolean;
  test(input: RuleInput): boolean | Promise<boolean>;
}

const rule = (name: string, grants: string, test: Rule['test']): Rule => ({ name, grants, test });
const hasRole = (role: Role) => rule(`is${role[0]}${role.slice(1).toLowerCase()}`, `a ${role.toLowerCase()}`, ({ viewer }) => viewer.role === role);
const related = (name: string, grants: string, has: (relationships: Relationships, subject: Subject) => boolean) =>
  rule(name, grants, async ({ subject, relationships }) => has(await relationships(), subject));

export function anyOf(name: string, ...rules: Rule[]): Rule {
  return rule(name, rules.map((r) => r.grants).join(', '), async (input) => {
    for (const candidate of rules) if (await candidate.test(input)) return true;
    return false;
  });
}

export function allOf(name: string, ...rules: Rule[]): Rule {
  return rule(name, rules.map((r) => r.grants).join(' and '), async (input) => {
    for (const candidate of rules) if (!(await candidate.test(input))) return false;
    return true;
  });
}

// Building blocks.
export const everyone: Rule = { name: 'everyone', grants: 'anyone, signed in or not', public: true, test: () => true };
export const signedIn = rule('signedIn', 'any signed-in viewer', () => true);
export const admin = hasRole('ADMIN');
export const isStudent = hasRole('STUDENT');
export const isParent = hasRole('PARENT');
export const self = rule('self', 'the person itself', ({ viewer, subject }) => subject.person !== undefined && subject.person === viewer.userId);
export const guardian = related('guardian', 'a guardian of the child', (r, { person }) => person !== undefined && r.children.has(person));
export const consentedTeacher = related('consentedTeacher', 'a teacher the student was placed with by consent', (r, { person }) => person !== undefined && r.students.has(person));
export const ownTeacher = related('ownTeacher', "a teacher of the viewer's (or its children's) classrooms", (r, { person }) => person !== undefined && r.teachers.has(person));
export const classroomTeacher = related('classroomTeacher', 'the teacher of the classroom', (r, { classroom }) => classroom !== undefined && r.taught.has(classroom));
export const classroomMember = related('classroomMember', "the classroom's teacher, its consented students and their guardians", (r, { classroom }) =>
  classroom !== undefined && (r.taught.has(classroom) || r.attended.has(classroom) || r.childrensClassrooms.has(classroom)));

// What fields ask for. Rules that need no relationships come first, so an admin or oneself costs no statement.
/** A name is the least a person shows: to itself, its guardians, its consented teachers, a student its teachers. */
export const canSeeName = anyOf('canSeeName', self, admin, guardian, consentedTeacher, ownTeacher);
export const canSeeProfile = anyOf('canSeeProfile', self, admin, guardian, consentedTeacher);
export const canSeeLearningData = anyOf('canSeeLearningData', self, admin, guardian, consentedTeacher);
/** Who a person's children are: never to its children's teachers. */
export const canSeeFamily = anyOf('canSeeFamily', self, admin);
export const canEditProfile = anyOf('canEditProfile', self, admin, guardian);
export const canSeeClassroom = anyOf('canSeeClassroom', admin, classroomMember);
export const canManageClassroom = anyOf('canManageClassroom', admin, classroomTeacher);
/** A guardian's consent: it places one of its own children. */
export const canPlaceChild = allOf('canPlaceChild', isParent, guardian);
/** The app's admin consents for the child; a teacher never enrols on its own. */
export const canEnrol = admin;
/** Ends access at once: a guardian for its child, the classroom's teacher, an admin. */
export const canRemoveFromClassroom = anyOf('canRemoveFromClassroom', admin, guardian, classroomTeacher);
export const canCreateChild = isParent;
/** Export and erasure of a child's data: its guardians and the app's admin. */
export const canExerciseDataRights = anyOf('canExerciseDataRights', admin, guardian);
export const canPractise = isStudent;
/** The answer key: everyone but students, who must answer first. */
export const canSeeAnswerKey = rule('canSeeAnswerKey', 'any signed-in viewer but a student', ({ viewer }) => viewer.role !== 'STUDENT');
