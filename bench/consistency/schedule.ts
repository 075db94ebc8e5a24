/**
 * The seeded schedule of the differential consistency check: reads of every query in operations/,
 * writes (answers, profile updates, enrolments, new children, analytics events), consumer runs and
 * Redis outages, from viewers of every role. The same seed gives the same schedule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { join } from 'node:path';
import { DEMO } from '../../seed/demoIds.js';
import { between, pick, prng, type Rng } from '../../seed/random.js';
import type { Role } from '../../runtime/security/signedContext.js';

export interface ScheduledViewer {
  userId: string;
  role: Role;
}

/** Seven viewers of four roles, with and without relationships to each other. */
export const VIEWERS: readonly ScheduledViewer[] = [
  { userId: String(DEMO.admin), role: 'ADMIN' },
  { userId: String(DEMO.parent), role: 'PARENT' },
  { userId: String(DEMO.children[0]), role: 'STUDENT' },
  { userId: String(DEMO.children[1]), role: 'STUDENT' },
  { userId: String(DEMO.otherClassroomStudents[0]), role: 'STUDENT' },
  { userId: String(DEMO.teacher), role: 'TEACHER' },
  { userId: String(DEMO.otherTeacher), role: 'TEACHER' },
];

/** How a request carries its document: its text, its persisted-query hash, or the hash over GET. */
export type Carriage = 'text' | 'hash' | 'get';

export type Step =
  | { kind: 'read'; operation: string; viewer: ScheduledViewer; variables: Record<string, unknown>; carriage: Carriage; gateway: 0 | 1 }
  | { kind: 'write'; operation: string; viewer: ScheduledViewer; variables: Record<string, unknown>; gateway: 0 | 1 }
  | { kind: 'consume' }
  | { kind: 'cut-redis' }
  | { kind: 'restore-redis' };

/** The queries of operations/, by name (`student/StudentHome`), found on disk so a new one joins the check. */
export function queryOperations(): string[] {
  const root = 'operations';
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) => readdirSync(join(root, folder.name)).filter((file) => file.endsWith('.graphql')).map((file) => `${folder.name}/${file.replace(/\.graphql$/, '')}`))
    .filter((name) => parse(readFileSync(join(root, `${name}.graphql`), 'utf8')).definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || d.operation === 'query'))
    .sort();
}

// Writes the schedule does not make: placing and removing children (parent/JoinClassroom,
// parent/RemoveFromClassroom: a removal would empty the rosters the reads compare; the admin's
// enrolments stand for consent changing) and parent/EraseChild (it would remove the viewers read as).

/** The role each query is written for; other roles ask it too, less often, and are refused alike by both sides. */
const AUDIENCE: Record<string, Role[]> = {
  'student/StudentHome': ['STUDENT'], 'student/NextSession': ['STUDENT'], 'student/LessonPage': ['STUDENT'], 'student/Lessons': ['STUDENT', 'PARENT', 'TEACHER'],
  'parent/MyChildren': ['PARENT'], 'teacher/ClassroomDashboard': ['TEACHER', 'ADMIN'], 'teacher/LearningOutcomes': ['TEACHER', 'ADMIN'], 'teacher/MyClassrooms': ['TEACHER', 'STUDENT'],
  'teacher/ClassroomJoinCode': ['TEACHER', 'ADMIN'], 'parent/ExportChild': ['PARENT', 'ADMIN'],
};

const NAMES = ['سَارَة', 'يُوسُف', 'Layla', 'عُمَر', 'Noor', 'مَرْيَم'];

export function readVariables(rng: Rng, operation: string, from: string, to: string): Record<string, unknown> {
  switch (operation) {
    case 'student/NextSession': return { size: pick(rng, [3, 5]) };
    case 'student/LessonPage': return { id: String(pick(rng, [1, 2, 8, 15])) };
    case 'student/Lessons': return { subject: pick(rng, ['ARABIC', 'MATH', 'SCIENCE']), grade: 3, first: pick(rng, [5, 10]) };
    case 'teacher/ClassroomDashboard': return { id: String(pick(rng, [DEMO.classroom, DEMO.otherClassroom])) };
    case 'teacher/ClassroomJoinCode': return { id: String(pick(rng, [DEMO.classroom, DEMO.otherClassroom])) };
    case 'parent/ExportChild': return { childId: String(pick(rng, DEMO.children)) };
    case 'teacher/LearningOutcomes': return { classroomId: String(pick(rng, [DEMO.classroom, DEMO.otherClassroom])), from, to };
    default: return {};
  }
}

/**
 * The parent's two children answer, send events and are renamed; the other students, the second
 * classroom and the curriculum are written rarely, so their answers are kept and served too.
 */
function write(rng: Rng, n: number, seed: number): Omit<Extract<Step, { kind: 'write' }>, 'gateway'> {
  const students = VIEWERS.filter((v) => v.role === 'STUDENT' && (DEMO.children as readonly number[]).includes(Number(v.userId)));
  const now = new Date().toISOString();
  const roll = rng();
  if (roll < 0.4) {
    // Sometimes a retry of an earlier answer: it must come back a duplicate, changing nothing.
    const id = rng() < 0.1 && n > 10 ? between(rng, 0, n - 1) : n;
    return {
      kind: 'write', operation: 'student/SubmitAnswer', viewer: pick(rng, students),
      variables: { input: { contentByteId: String(between(rng, 1, 1000)), correct: rng() < 0.7, responseTimeMs: between(rng, 500, 20_000), answeredAt: now, clientEventId: `check-${seed}-${id}` } },
    };
  }
  if (roll < 0.7) {
    return {
      kind: 'write', operation: 'student/RecordEvents', viewer: pick(rng, students),
      variables: { events: Array.from({ length: between(rng, 1, 3) }, (_, i) => ({ clientEventId: `check-${seed}-${n}-${i}`, type: 'SESSION_ENDED', occurredAt: now, durationMs: between(rng, 10_000, 600_000) })) },
    };
  }
  if (roll < 0.85) {
    const byParent = rng() < 0.5;
    const viewer = byParent ? VIEWERS[1]! : pick(rng, students);
    const userId = byParent ? String(pick(rng, DEMO.children)) : undefined;
    return { kind: 'write', operation: 'parent/UpdateProfile', viewer, variables: { input: { ...(userId && { userId }), displayName: `${pick(rng, NAMES)} ${between(rng, 1, 99)}` } } };
  }
  if (roll < 0.95) {
    return {
      kind: 'write', operation: 'admin/EnrolStudent', viewer: VIEWERS[0]!,
      variables: { classroomId: String(rng() < 0.8 ? DEMO.classroom : DEMO.otherClassroom), studentId: String(pick(rng, [...DEMO.classroomStudents, ...DEMO.otherClassroomStudents])) },
    };
  }
  return { kind: 'write', operation: 'parent/CreateChildProfile', viewer: VIEWERS[1]!, variables: { input: { displayName: pick(rng, NAMES), grade: between(rng, 1, 4) } } };
}

/**
 * `count` steps of reads (80%), writes (16%) and consumer runs (4%), with Redis cut for spans of
 * 20 to 80 steps, about a third of the time when `outages` is on.
 */
export function* schedule(seed: number, count: number, options: { outages: boolean; from: string; to: string }): Generator<Step> {
  const rng = prng(seed);
  const reads = queryOperations();
  let cutUntil = -1;
  for (let n = 0; n < count; n++) {
    if (options.outages && cutUntil < 0 && rng() < 0.005) {
      cutUntil = n + between(rng, 20, 80);
      yield { kind: 'cut-redis' };
    } else if (cutUntil >= 0 && n >= cutUntil) {
      cutUntil = -1;
      yield { kind: 'restore-redis' };
    }
    const roll = rng();
    const gateway = rng() < 0.5 ? 0 : 1;
    if (roll < 0.8) {
      const operation = pick(rng, reads);
      const audience = VIEWERS.filter((v) => (AUDIENCE[operation] ?? []).includes(v.role));
      const viewer = audience.length && rng() < 0.8 ? pick(rng, audience) : pick(rng, VIEWERS);
      const carriage = pick<Carriage>(rng, ['text', 'hash', 'get']);
      yield { kind: 'read', operation, viewer, variables: readVariables(rng, operation, options.from, options.to), carriage, gateway };
    } else if (roll < 0.96) {
      yield { ...write(rng, n, seed), gateway };
    } else {
      yield { kind: 'consume' };
    }
  }
  if (cutUntil >= 0) yield { kind: 'restore-redis' };
}
