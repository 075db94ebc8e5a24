/**
 * Every field of the composed API and the rule that guards it: the one place a reviewer audits
 * who sees what. docs/SECURITY.md's access matrix is generated from this map
 * (`npm run security:matrix`), and test/security/accessMatrix.test.ts asserts that matrix through
 * the gateway.
 *
 * Threat model: a field nobody thought about must not be served. Every subgraph wraps every
 * resolver with its entry here (./enforce.ts) and refuses to build when a field has none; the
 * matrix spec fails when a field of the composed API is missing. A rule that denies answers
 * FORBIDDEN (UNAUTHENTICATED for an anonymous caller), or null where the entry says so.
 */
import * as r from './rules.js';
import type { Rule, Subject } from './rules.js';

type Args = Record<string, unknown>;
type Source = { id?: unknown } | null | undefined;

export interface FieldRule {
  rule: Rule;
  /** Whose data the field reads or changes; rules about a person or classroom test this subject. */
  about?: (source: Source, args: Args, viewer: { userId: string }) => Subject;
  /** Null instead of an error when the rule denies (the field's SDL says so). */
  deniedAs?: 'null';
  /** For the fields of a value type: the field that returns it, whose rule already decided. */
  parent?: string;
  /**
   * A mutation whose resolver refuses an erased viewer itself, inside its transaction's first
   * locking read (a statement saved on a hot write); it must call `access.erasureChecked()`, or
   * its answer becomes an error (./enforce.ts), and test/erasedViewer.test.ts holds it to it.
   */
  checksErasure?: true;
}

const idOf = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));
const thisPerson = (source: Source): Subject => ({ person: idOf(source?.id) });
const thisClassroom = (source: Source): Subject => ({ classroom: idOf(source?.id) });

const person = (rule: Rule): FieldRule => ({ rule, about: thisPerson });
const classroom = (rule: Rule): FieldRule => ({ rule, about: thisClassroom });
const always = (rule: Rule): FieldRule => ({ rule });
/** A field of a value type: whoever may use `parent` (checked there) may read it. */
const within = (parent: string, rule: Rule = r.signedIn): FieldRule => ({ rule, parent });

export const FIELD_RULES = {
  // users
  'Query.me': always(r.signedIn),
  'Query.user': { rule: r.canSeeName, about: (_, args) => ({ person: idOf(args.id) }) },
  'Query.classroom': { rule: r.canSeeClassroom, about: (_, args) => ({ classroom: idOf(args.id) }) },
  'Query.myClassrooms': always(r.signedIn),
  'User.id': person(r.canSeeName),
  'User.displayName': person(r.canSeeName),
  'User.role': person(r.canSeeProfile),
  'User.locale': person(r.canSeeProfile),
  'User.grade': person(r.canSeeProfile),
  'User.children': person(r.canSeeFamily),
  'Classroom.id': classroom(r.canSeeClassroom),
  'Classroom.name': classroom(r.canSeeClassroom),
  'Classroom.teacher': classroom(r.canSeeClassroom),
  'Classroom.students': classroom(r.canManageClassroom),
  'Classroom.joinCode': classroom(r.canManageClassroom),
  'Mutation.createChildProfile': always(r.canCreateChild),
  'Mutation.updateProfile': { rule: r.canEditProfile, about: (_, args, viewer) => ({ person: idOf((args.input as Args | undefined)?.userId) ?? viewer.userId }) },
  'Mutation.enrolStudent': { rule: r.canEnrol, about: (_, args) => ({ person: idOf(args.studentId), classroom: idOf(args.classroomId) }) },
  'Mutation.joinClassroom': { rule: r.canPlaceChild, about: (_, args) => ({ person: idOf(args.childId) }) },
  'Mutation.removeFromClassroom': { rule: r.canRemoveFromClassroom, about: (_, args) => ({ person: idOf(args.studentId), classroom: idOf(args.classroomId) }) },

  // memory
  'User.memory': person(r.canSeeLearningData),
  'User.dueReviews': person(r.canSeeLearningData),
  'User.mastery': person(r.canSeeLearningData),
  'Concept.myMemory': always(r.signedIn),
  'Query.nextSession': always(r.canPractise),
  'Mutation.submitAnswer': { rule: r.canPractise, checksErasure: true },
  'SubmitAnswerResult.memory': within('Mutation.submitAnswer'),
  'SubmitAnswerResult.duplicate': within('Mutation.submitAnswer'),
  'ConceptMemory.concept': within('User.memory'),
  'ConceptMemory.accuracy': within('User.memory'),
  'ConceptMemory.attempts': within('User.memory'),
  'ConceptMemory.easeFactor': within('User.memory'),
  'ConceptMemory.repetitions': within('User.memory'),
  'ConceptMemory.intervalDays': within('User.memory'),
  'ConceptMemory.lastReviewedAt': within('User.memory'),
  'ConceptMemory.dueAt': within('User.memory'),

  // analytics
  'User.activity': person(r.canSeeLearningData),
  'Activity.streakDays': within('User.activity'),
  'Activity.minutesThisWeek': within('User.activity'),
  'Activity.lastActiveAt': within('User.activity'),
  'Query.learningOutcomes': { rule: r.canManageClassroom, about: (_, args) => ({ classroom: idOf(args.classroomId) }) },
  'ConceptOutcome.concept': within('Query.learningOutcomes'),
  'ConceptOutcome.accuracy': within('Query.learningOutcomes'),
  'ConceptOutcome.attempts': within('Query.learningOutcomes'),
  'ConceptOutcome.students': within('Query.learningOutcomes'),
  'Mutation.recordEvents': always(r.signedIn),
  'RecordEventsResult.accepted': within('Mutation.recordEvents'),
  'RecordEventsResult.duplicate': within('Mutation.recordEvents'),
  'RecordEventsResult.rejected': within('Mutation.recordEvents'),
  'RecordEventsResult.rejections': within('Mutation.recordEvents'),
  'RejectedEvent.index': within('RecordEventsResult.rejections'),
  'RejectedEvent.code': within('RecordEventsResult.rejections'),
  'RejectedEvent.message': within('RecordEventsResult.rejections'),
  'RejectedEvent.retryable': within('RecordEventsResult.rejections'),

  // curriculum: the catalogue is public; content needs a signed-in viewer.
  'Query.lessons': always(r.everyone),
  'Query.lesson': always(r.everyone),
  'Query.concept': always(r.signedIn),
  'Query.contentByte': always(r.signedIn),
  'LessonConnection.edges': within('Query.lessons', r.everyone),
  'LessonConnection.pageInfo': within('Query.lessons', r.everyone),
  'LessonEdge.cursor': within('LessonConnection.edges', r.everyone),
  'LessonEdge.node': within('LessonConnection.edges', r.everyone),
  'PageInfo.hasNextPage': within('LessonConnection.pageInfo', r.everyone),
  'PageInfo.endCursor': within('LessonConnection.pageInfo', r.everyone),
  'Lesson.id': always(r.everyone),
  'Lesson.title': always(r.everyone),
  'Lesson.subject': always(r.everyone),
  'Lesson.grade': always(r.everyone),
  'Lesson.locale': always(r.everyone),
  'Lesson.concepts': always(r.everyone),
  'Lesson.contentBytes': always(r.signedIn),
  'Concept.id': always(r.everyone),
  'Concept.name': always(r.everyone),
  'Concept.subject': always(r.everyone),
  'Concept.grade': always(r.everyone),
  'Concept.lesson': always(r.signedIn),
  'Concept.contentBytes': always(r.signedIn),
  'ContentByte.id': always(r.signedIn),
  'ContentByte.kind': always(r.signedIn),
  'ContentByte.prompt': always(r.signedIn),
  'ContentByte.choices': always(r.signedIn),
  'ContentByte.answer': { rule: r.canSeeAnswerKey, deniedAs: 'null' },
  'ContentByte.mediaUrl': always(r.signedIn),
  'ContentByte.difficulty': always(r.signedIn),
  'ContentByte.locale': always(r.signedIn),
  'ContentByte.concept': always(r.signedIn),

  // datarights: a child's data rights are exercised by its guardians and the app's admin.
  'Query.childDataExport': { rule: r.canExerciseDataRights, about: (_, args) => ({ person: idOf(args.childId) }) },
  'Mutation.eraseChild': { rule: r.canExerciseDataRights, about: (_, args) => ({ person: idOf(args.childId) }) },
  'ChildDataExport.formatVersion': within('Query.childDataExport'),
  'ChildDataExport.exportedAt': within('Query.childDataExport'),
  'ChildDataExport.json': within('Query.childDataExport'),
  'ErasureReceipt.erasureId': within('Mutation.eraseChild'),
  'ErasureReceipt.requestedAt': within('Mutation.eraseChild'),
  'ErasureReceipt.completedAt': within('Mutation.eraseChild'),
  'ErasureReceipt.steps': within('Mutation.eraseChild'),
} satisfies Record<string, FieldRule>;

export type FieldPath = keyof typeof FIELD_RULES;

/** Federation's own fields, never in the composed API: the gateway calls them for a signed-in viewer. */
export const FEDERATION_FIELDS: Readonly<Record<string, FieldRule>> = {
  'Query._entities': always(r.signedIn),
  'Query._service': always(r.signedIn),
  '_Service.sdl': always(r.signedIn),
};

export function fieldRule(path: string): FieldRule | undefined {
  return (FIELD_RULES as Record<string, FieldRule>)[path] ?? FEDERATION_FIELDS[path];
}
