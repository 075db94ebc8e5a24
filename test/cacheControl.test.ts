import { readdirSync, readFileSync } from 'node:fs';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../runtime/security/signedContext.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);

const parent = as.parent(DEMO.parent);
const student = as.student(DEMO.children[0]);
const teacher = as.teacher(DEMO.teacher);

/** How each app operation is sent, by whom, and the header it must get. A new file in operations/ fails until it is listed here. */
/** Variables known only once the graph runs (a classroom's join code), read when the case runs. */
type Variables = Record<string, unknown> | (() => Promise<Record<string, unknown>>);
const joinCodeOf = async (classroomId: number) =>
  (await graph.query('query($id: ID!) { classroom(id: $id) { joinCode } }', { as: as.admin(DEMO.admin), variables: { id: String(classroomId) } })).body.data!.classroom.joinCode as string;

/** A child created for the case, so erasing it changes nothing the other cases read. */
const throwawayChild = async () =>
  (await graph.query('mutation { createChildProfile(input: { displayName: "Throwaway", grade: 2 }) { id } }', { as: parent })).body.data!.createChildProfile.id as string;

const expected: Record<string, { as: Viewer; variables?: Variables; header: string }> = {
  'parent/ExportChild': { as: parent, variables: { childId: String(DEMO.children[0]) }, header: 'no-store' },
  'parent/EraseChild': { as: parent, variables: async () => ({ childId: await throwawayChild() }), header: 'no-store' },
  'parent/CreateChildProfile': { as: parent, variables: { input: { displayName: 'Salma', grade: 1 } }, header: 'no-store' },
  'parent/JoinClassroom': { as: parent, variables: async () => ({ code: await joinCodeOf(DEMO.classroom), childId: String(DEMO.children[0]) }), header: 'no-store' },
  'parent/MyChildren': { as: parent, header: 'no-store' },
  // The child is not in that classroom: nothing changes for the other cases.
  'parent/RemoveFromClassroom': { as: parent, variables: { classroomId: String(DEMO.otherClassroom), studentId: String(DEMO.children[0]) }, header: 'no-store' },
  'parent/UpdateProfile': { as: parent, variables: { input: { locale: 'ar' } }, header: 'no-store' },
  'admin/EnrolStudent': { as: as.admin(DEMO.admin), variables: { classroomId: String(DEMO.classroom), studentId: String(DEMO.classroomStudents[2]) }, header: 'no-store' },
  'student/LessonPage': { as: student, variables: { id: '1' }, header: 'no-store' },
  'student/Lessons': { as: student, variables: { subject: 'ARABIC', first: 3 }, header: 'max-age=300, public' },
  'student/NextSession': { as: student, variables: { size: 3 }, header: 'no-store' },
  'student/RecordEvents': {
    as: student,
    variables: { events: [{ clientEventId: 'cache-control-ev-1', type: 'SESSION_ENDED', occurredAt: '2026-11-23T08:10:00Z', durationMs: 600_000 }] },
    header: 'no-store',
  },
  'student/StudentHome': { as: student, header: 'no-store' },
  'student/SubmitAnswer': {
    as: student,
    variables: { input: { contentByteId: '1', correct: true, responseTimeMs: 4200, answeredAt: '2026-11-23T08:00:00Z', clientEventId: 'cache-control-answer-1' } },
    header: 'no-store',
  },
  'teacher/ClassroomDashboard': { as: teacher, variables: { id: String(DEMO.classroom) }, header: 'no-store' },
  'teacher/ClassroomJoinCode': { as: teacher, variables: { id: String(DEMO.classroom) }, header: 'no-store' },
  'teacher/LearningOutcomes': {
    as: teacher,
    variables: { classroomId: String(DEMO.classroom), from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' },
    header: 'no-store',
  },
  'teacher/MyClassrooms': { as: teacher, header: 'no-store' },
};

const root = new URL('../operations/', import.meta.url);
const operations = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.graphql'))
  .sort()
  .map((path) => {
    const document = readFileSync(new URL(path, root), 'utf8');
    const [operation] = parse(document).definitions as OperationDefinitionNode[];
    return { name: path.replace(/\.graphql$/, ''), document, kind: operation?.operation };
  });

function howToSend(name: string) {
  const entry = expected[name];
  if (!entry) throw new Error(`operations/${name}.graphql has no entry in test/cacheControl.test.ts: add its viewer, variables and the Cache-Control it must get`);
  return entry;
}

describe('Cache-Control of the apps’ operations', () => {
  it('lists every operation on disk and none that is gone', () => {
    expect(Object.keys(expected).sort()).toEqual(operations.map(({ name }) => name));
  });

  it.each(operations)('$name gets the header listed for it', async ({ name, document }) => {
    const { as: viewer, variables, header } = howToSend(name);
    const { body, headers } = await graph.query(document, { as: viewer, variables: typeof variables === 'function' ? await variables() : variables });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe(header);
  });

  it.each(operations.filter(({ kind }) => kind === 'query'))('$name is public only when an anonymous caller gets the same answer', async ({ name, document }) => {
    const { as: viewer, variables: given } = howToSend(name);
    const variables = typeof given === 'function' ? await given() : given;
    const signedIn = await graph.query(document, { as: viewer, variables });
    const anonymous = await graph.query(document, { variables });
    const header = signedIn.headers.get('cache-control') ?? '';
    if (header.includes('public')) expect({ data: anonymous.body.data, errors: anonymous.body.errors }).toEqual({ data: signedIn.body.data, errors: undefined });
    else expect(header).toBe('no-store');
  });
});

describe('Cache-Control', () => {
  it.each([
    { name: 'the lesson catalogue', query: '{ lessons(first: 3) { edges { cursor node { id title concepts { name } } } pageInfo { hasNextPage } } }', header: 'max-age=300, public' },
    { name: 'one lesson with its concepts’ names', query: '{ lesson(id: "1") { title subject grade concepts { name __typename } } }', header: 'max-age=3600, public' },
  ])('is public for an anonymous query of @public fields only: $name', async ({ query, header }) => {
    const { body, headers } = await graph.query(query);
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe(header);
  });

  it('is the same public header for a signed-in viewer asking only @public fields', async () => {
    const { body, headers } = await graph.query('{ lesson(id: "1") { title concepts { name } } }', { as: teacher });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=3600, public');
  });

  it.each([
    { name: 'a lesson with its content bytes', query: '{ lesson(id: "1") { title contentBytes { prompt } } }', header: 'no-store' },
    { name: 'a content byte with its answer', query: '{ contentByte(id: "1") { prompt answer } }', header: 'no-store' },
    { name: 'the catalogue beside a profile', query: '{ lessons(first: 1) { edges { node { title } } } me { displayName } }', header: 'no-store' },
    { name: 'a lesson beside the viewer’s memory', query: '{ lesson(id: "1") { title concepts { name myMemory { dueAt } } } }', header: 'no-store' },
  ])('is no-store when a @public field meets one that needs sign-in, whatever its maxAge: $name', async ({ query, header }) => {
    const { body, headers } = await graph.query(query, { as: teacher });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe(header);
  });

  it('is no-store for a mutation', async () => {
    const { body, headers } = await graph.query('mutation { updateProfile(input: { locale: "ar" }) { id } }', { as: parent });
    expect(body.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    { name: 'a person the viewer may not see (FORBIDDEN)', query: '{ user(id: "7") { displayName } }', viewer: parent, status: 200 },
    { name: 'an anonymous profile request (UNAUTHENTICATED)', query: '{ me { displayName } }', viewer: undefined, status: 200 },
    { name: 'an anonymous mix of @public and signed-in fields (partial data)', query: '{ lesson(id: "1") { title contentBytes { prompt } } }', viewer: undefined, status: 200 },
    { name: 'a field the schema lacks (validation)', query: '{ lessons(first: 1) { secret } }', viewer: teacher, status: 400 },
  ])('is no-store for an error: $name', async ({ query, viewer, status }) => {
    const response = await graph.query(query, { as: viewer });
    expect(response.status).toBe(status);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store for a mutation sent as GET (405)', async () => {
    const response = await fetch(`${graph.url}?query=${encodeURIComponent('mutation { updateProfile(input: { locale: "ar" }) { id } }')}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${await graph.token(parent)}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is public for an anonymous GET of @public fields', async () => {
    const response = await fetch(`${graph.url}?query=${encodeURIComponent('{ lesson(id: "1") { title } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=3600, public');
  });

  // Refused while the context is built, before any plugin runs: the HTTP front sets the header.
  it('is no-store for a refused token', async () => {
    const response = await graph.post(JSON.stringify({ query: '{ lessons(first: 1) { edges { cursor } } }' }), { authorization: 'Bearer not-a-token' });
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is no-store for a request the front refuses before the graph (malformed JSON)', async () => {
    const response = await graph.post('{"query": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
