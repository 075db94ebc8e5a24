/**
 * The named rules a subgraph's SDL gives its fields (`@policy(policies: [["canSeeLearningData"]])`,
 * ./declarations.ts): small functions over the viewer, the subject of the field (the person, the
 * classroom) and what the store says of them.
 *
 * Threat model: children's data is private by default and reachable only by consent. A rule
 * grants; anything no rule grants is denied, and a field that names a rule not defined here
 * refuses to build. Relationships come only from ./readModel.ts, where a teacher is related to a
 * student only through an enrolment a guardian or an admin consented to. A rule never tells why it
 * denied, so a denial says nothing about whether an id exists.
 */
import type { Viewer } from '../security/signedContext.js';
import type { PersonFacts } from './personFacts.js';
import type { Relationships } from './readModel.js';

export type SignedInViewer = Extract<Viewer, { kind: 'user' }>;

/** Whose data a field is about: the person and/or classroom it reads or changes. */
export interface Subject {
  person?: string;
  classroom?: string;
}

export interface RuleInput {
  viewer: SignedInViewer;
  subject: Subject;
  /** The viewer's relationships, read once per request and only when a rule needs them. */
  relationships(): Promise<Relationships>;
  /** What the store says of the subject person, read only when a rule needs it (./personFacts.ts). */
  person(): Promise<PersonFacts>;
}

export interface Rule {
  name: string;
  /** A viewer it does not grant reads null, not FORBIDDEN: the field is hidden from it rather than refused. */
  hides?: true;
  test(input: RuleInput): boolean | Promise<boolean>;
}

/** The one test of an admin: for the rules below and for the gateway's admin-only features (introspection, the safelist's exemption, error detail, `/ready`'s checks). */
export const isAdmin = (viewer: Viewer): boolean => viewer.kind === 'user' && viewer.role === 'ADMIN';

const rule = (name: string, test: Rule['test']): Rule => ({ name, test });
const related = (name: string, has: (relationships: Relationships, subject: Subject) => boolean) =>
  rule(name, async ({ subject, relationships }) => has(await relationships(), subject));

export function anyOf(name: string, ...rules: Rule[]): Rule {
  return rule(name, async (input) => {
    for (const candidate of rules) if (await candidate.test(input)) return true;
    return false;
  });
}

export function allOf(name: string, ...rules: Rule[]): Rule {
  return rule(name, async (input) => {
    for (const candidate of rules) if (!(await candidate.test(input))) return false;
    return true;
  });
}

/** `@public`: anyone, signed in or not. Not a policy a field can name. */
export const everyone = rule('everyone', () => true);
/** `@authenticated`: any signed-in viewer. Not a policy a field can name. */
export const signedIn = rule('signedIn', () => true);

// Building blocks.
export const admin = rule('isAdmin', ({ viewer }) => isAdmin(viewer));
export const isStudent = rule('isStudent', ({ viewer }) => viewer.role === 'STUDENT');
export const isParent = rule('isParent', ({ viewer }) => viewer.role === 'PARENT');
export const self = rule('self', ({ viewer, subject }) => subject.person !== undefined && subject.person === viewer.userId);
export const guardian = related('guardian', (r, { person }) => person !== undefined && r.children.has(person));
export const consentedTeacher = related('consentedTeacher', (r, { person }) => person !== undefined && r.students.has(person));
export const ownTeacher = related('ownTeacher', (r, { person }) => person !== undefined && r.teachers.has(person));
export const classroomTeacher = related('classroomTeacher', (r, { classroom }) => classroom !== undefined && r.taught.has(classroom));
export const classroomMember = related('classroomMember', (r, { classroom }) =>
  classroom !== undefined && (r.taught.has(classroom) || r.attended.has(classroom) || r.childrensClassrooms.has(classroom)));
/** The person is a student: data rights are exercised over a child's data only. */
export const aboutStudent = rule('aboutStudent', async ({ person }) => (await person()).role === 'STUDENT');
/** The viewer asked for the erasure of the person, which has started. */
export const erasureRequester = rule('erasureRequester', async ({ viewer, person }) => (await person()).erasureRequestedBy === viewer.userId);

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
export const canEnrol = anyOf('canEnrol', admin);
/** Ends access at once: a guardian for its child, the classroom's teacher, an admin. */
export const canRemoveFromClassroom = anyOf('canRemoveFromClassroom', admin, guardian, classroomTeacher);
export const canCreateChild = anyOf('canCreateChild', isParent);
/** Export of a child's data: the app's admin, or a parent who is the child's guardian; and only of a student. */
export const canExerciseDataRights = allOf('canExerciseDataRights', anyOf('adminOrGuardianParent', admin, allOf('guardianParent', isParent, guardian)), aboutStudent);
const resumesErasure = anyOf('resumesErasure', admin, allOf('requestingGuardian', isParent, guardian, erasureRequester));
/**
 * Erasure of a child: as its export until an erasure of it starts; from then on (the child's
 * profile goes midway) the app's admin, or the parent who asked for it while still its guardian,
 * so that a crashed erasure is finished and its receipt shown again.
 */
export const canEraseChild = rule('canEraseChild', async (input) =>
  ((await input.person()).erasureRequestedBy === undefined ? canExerciseDataRights : resumesErasure).test(input));
export const canPractise = anyOf('canPractise', isStudent);
/** The answer key: everyone but students, who must answer first; hidden (null) from them, not refused. */
export const canSeeAnswerKey: Rule = { ...rule('canSeeAnswerKey', ({ viewer }) => viewer.role !== 'STUDENT'), hides: true };

/** Every rule a field may name in `@policy`, by its name. */
export const POLICIES: ReadonlyMap<string, Rule> = new Map([
  admin, isStudent, isParent, self, guardian, consentedTeacher, ownTeacher, classroomTeacher, classroomMember, aboutStudent, erasureRequester,
  canSeeName, canSeeProfile, canSeeLearningData, canSeeFamily, canEditProfile, canSeeClassroom, canManageClassroom, canPlaceChild, canEnrol,
  canRemoveFromClassroom, canCreateChild, canExerciseDataRights, canEraseChild, canPractise, canSeeAnswerKey,
].map((named) => [named.name, named]));
