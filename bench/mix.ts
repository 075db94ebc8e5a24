/**
 * The client operations of a school morning, weighted: a student's home screen, next session,
 * answers and lesson pages, and a teacher's classroom dashboard. The documents are the apps' own
 * (operations/manifest.json). Callers choose how identity is sent: a bearer token (gateways that
 * authenticate) or a signed context (gateways that only pass it through).
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';
import { loadManifest } from '../gateway/manifest.js';
import { DEMO } from '../seed/demoIds.js';
import type { Viewer } from '../runtime/security/signedContext.js';

export interface MixOperation {
  name: string;
  /** Its document, when it is not one of the apps' (operations/manifest.json). */
  document?: string;
  viewer: Viewer & { kind: 'user' };
  weight: number;
  variables: () => Record<string, unknown>;
}

const student = { kind: 'user', userId: String(DEMO.children[0]), role: 'STUDENT' } as const;
const teacher = { kind: 'user', userId: String(DEMO.teacher), role: 'TEACHER' } as const;

export const MIX: MixOperation[] = [
  { name: 'StudentHome', viewer: student, weight: 3, variables: () => ({}) },
  { name: 'NextSession', viewer: student, weight: 2, variables: () => ({ size: 5 }) },
  {
    name: 'SubmitAnswer', viewer: student, weight: 2,
    variables: () => ({ input: { contentByteId: '11', correct: true, responseTimeMs: 3_000, answeredAt: new Date().toISOString(), clientEventId: `bench-${randomUUID()}` } }),
  },
  { name: 'LessonPage', viewer: student, weight: 2, variables: () => ({ id: '1' }) },
  { name: 'ClassroomDashboard', viewer: teacher, weight: 1, variables: () => ({ id: String(DEMO.classroom) }) },
];

/**
 * Operations outside the mix, run with `--only <name>`: the catalogue, whose answers are made of
 * `@public` fields only (the same for everyone): a page of lessons (one SQL read outside the entity
 * cache, so never kept whole) and a lesson with its concepts (read through the entity cache).
 */
export const ON_DEMAND: MixOperation[] = [
  { name: 'Lessons', viewer: student, weight: 1, variables: () => ({ first: 10 }) },
  {
    name: 'LessonOutline', viewer: student, weight: 1, variables: () => ({ id: String(1 + Math.floor(Math.random() * 20)) }),
    document: 'query LessonOutline($id: ID!) { lesson(id: $id) { id title subject grade concepts { id name } } }',
  },
];

export function documentOf(name: string): string {
  const own = ON_DEMAND.find((operation) => operation.name === name)?.document;
  if (own) return own;
  const operation = loadManifest().operations.find((op) => op.name === name);
  if (!operation) throw new Error(`No operation ${name} in operations/manifest.json`);
  return operation.body;
}

/** autocannon requests for the mix, each operation repeated by its weight. */
export function mixRequests(headersFor: (viewer: Viewer) => Record<string, string>, mix: readonly MixOperation[] = MIX): Request[] {
  return mix.flatMap((operation) => {
    const query = documentOf(operation.name);
    const request: Request = {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json', ...headersFor(operation.viewer) },
        body: JSON.stringify({ query, variables: operation.variables() }),
      }),
    };
    return Array.from({ length: operation.weight }, () => request);
  });
}
