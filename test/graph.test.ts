import { describe, expect, it } from 'vitest';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { CLASSROOM_DASHBOARD } from './support/dashboard.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);

describe('the federated graph', () => {
  it('answers a teacher’s classroom dashboard across all four subgraphs', async () => {
    const runtime = apps.runtime();
    const before = runtime.database.statements();
    const { status, body } = await graph.query(CLASSROOM_DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: as.teacher(DEMO.teacher) });
    const statements = (body as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements ?? Number.NaN;
    // Besides the request's own, the container may drain its invalidation log (one statement, at most once a second).
    expect(runtime.database.statements() - before - statements).toBeLessThanOrEqual(1);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const classroom = body.data!.classroom;
    expect(classroom.students).toHaveLength(30);
    const withReviews = classroom.students.filter((s: any) => s.dueReviews.length > 0);
    expect(withReviews.length).toBeGreaterThan(0);
    expect(withReviews[0].dueReviews[0].concept.name).toEqual(expect.any(String));
    expect(withReviews[0].dueReviews[0].concept.contentBytes.length).toBeGreaterThan(0);
    // One statement per entity type per subgraph, whatever the class size (counted through drizzle's
    // logger): the classroom, its roster and the teacher's grants (users), activity (analytics),
    // memory (memory), concepts with their content bytes (curriculum).
    console.info(`classroom dashboard (30 students, cold): ${statements} SQL statements`);
    expect(statements).toBeLessThanOrEqual(6);

    // Warm: everything comes from the cache: the classroom, teacher, grants and curriculum from L1,
    // the roster, memory and activity from Redis (their writers invalidate them).
    const warm = await graph.query(CLASSROOM_DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: as.teacher(DEMO.teacher) });
    expect(warm.body.data).toEqual(body.data);
    const warmStatements = (warm.body as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
    console.info(`classroom dashboard (30 students, warm): ${warmStatements} SQL statements`);
    expect(warmStatements).toBe(0);
  });

  it('gives a parent its children across subgraphs', async () => {
    const { body } = await graph.query('{ me { displayName children { id displayName mastery activity { streakDays } memory { accuracy concept { name } } } } }', { as: as.parent(DEMO.parent) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.children.map((c: any) => c.id)).toEqual(DEMO.children.map(String));
  });

  it('refuses a teacher another classroom’s students', async () => {
    const { status, body } = await graph.query(CLASSROOM_DASHBOARD, { variables: { id: String(DEMO.otherClassroom) }, as: as.teacher(DEMO.teacher) });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain('displayName":"');
  });

  it('refuses a parent the memory of a child that is not its own', async () => {
    const stranger = DEMO.classroomStudents[5];
    const { body } = await graph.query('query($id: ID!) { user(id: $id) { displayName memory { accuracy } } }', { variables: { id: String(stranger) }, as: as.parent(DEMO.parent) });
    expect(body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(body.data?.user ?? null).toBeNull();
  });

  it('resolves a student’s next session to content through federation', async () => {
    const child = DEMO.children[0];
    const { body } = await graph.query('{ nextSession(size: 5) { id prompt kind concept { name } answer } }', { as: as.student(child) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.nextSession).toHaveLength(5);
    for (const item of body.data!.nextSession) expect(item.answer).toBeNull();
  });
});

describe('bad input through the gateway', () => {
  it.each([
    { name: 'a malformed query', body: { query: '{ me { ' }, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'an unknown field', body: { query: '{ me { password } }' }, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'a wrongly typed variable', body: { query: 'query($n: Int) { lessons(first: $n) { edges { cursor } } }', variables: { n: 'ten' } }, code: 'BAD_USER_INPUT' },
  ])('answers $name with a 4xx and code $code', async ({ body, code }) => {
    const response = await graph.post(JSON.stringify(body), { authorization: `Bearer ${await graph.token(as.student(DEMO.children[0]))}` });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it.each([
    { name: 'negative first', first: -1 },
    { name: 'zero first', first: 0 },
    { name: 'huge first', first: 1_000_000 },
  ])('rejects lessons with $name as BAD_USER_INPUT', async ({ first }) => {
    const { status, body } = await graph.query('query($n: Int) { lessons(first: $n) { edges { cursor } } }', { variables: { n: first }, as: as.student(DEMO.children[0]) });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(String(first));
  });

  it('answers unknown ids with null, not an error', async () => {
    const { body } = await graph.query('{ lesson(id: "999999") { title } contentByte(id: "888888") { prompt } }', { as: as.teacher(DEMO.teacher) });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ lesson: null, contentByte: null });
  });

  it('answers a malformed id with BAD_USER_INPUT', async () => {
    const { body } = await graph.query('{ lesson(id: "1; DROP TABLE amal_lessons") { title } }', { as: as.teacher(DEMO.teacher) });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    const { body } = await graph.query('{ me { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged token with 401', async () => {
    const { status, body } = await graph.query('{ me { id } }', { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' } });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never shows a stack trace', async () => {
    const { body } = await graph.query('{ me { ', { as: as.admin(DEMO.admin) });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});

describe('Arabic text', () => {
  it('round-trips byte-exact through MySQL, the cache and the gateway', async () => {
    const name = 'اَلْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ';
    const parent = as.parent(DEMO.parent);
    const update = await graph.query('mutation($name: String!) { updateProfile(input: { displayName: $name }) { displayName } }', { variables: { name }, as: parent });
    expect(update.body.errors).toBeUndefined();
    for (let read = 0; read < 2; read++) {
      const { body } = await graph.query('{ me { displayName } }', { as: parent });
      expect(Buffer.from(body.data!.me.displayName, 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
    }
  });
});

describe('access after a write', () => {
  it('lets a teacher see a student right after enrolling them (the cached grant is refreshed)', async () => {
    const teacher = as.teacher(DEMO.otherTeacher);
    const student = String(DEMO.classroomStudents[10]);
    const before = await graph.query('query($id: ID!) { user(id: $id) { displayName } }', { variables: { id: student }, as: teacher });
    expect(before.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const enrol = await graph.query('mutation($c: ID!, $s: ID!) { enrolStudent(classroomId: $c, studentId: $s) { id } }', { variables: { c: String(DEMO.otherClassroom), s: student }, as: teacher });
    expect(enrol.body.errors).toBeUndefined();

    const after = await graph.query('query($id: ID!) { user(id: $id) { displayName mastery activity { streakDays } } }', { variables: { id: student }, as: teacher });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.user.displayName).toEqual(expect.any(String));
  });
});

describe('cached personal data after a write', () => {
  it('shows a student’s new answer in the memory a teacher reads right after', async () => {
    const student = as.student(DEMO.children[0]);
    const teacher = as.teacher(DEMO.teacher);
    const read = () => graph.query('query($id: ID!) { user(id: $id) { memory { attempts concept { id } } } }', { variables: { id: String(DEMO.children[0]) }, as: teacher });
    const attemptsOf = (body: Awaited<ReturnType<typeof read>>['body'], conceptId: string) =>
      (body.data?.user.memory as { attempts: number; concept: { id: string } }[]).find((m) => m.concept.id === conceptId)?.attempts ?? 0;

    await read();
    const before = attemptsOf((await read()).body, '1');
    const answer = await graph.query('mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate } }', {
      variables: { input: { contentByteId: '1', correct: true, responseTimeMs: 2_000, answeredAt: new Date().toISOString(), clientEventId: `graph-${Date.now()}` } },
      as: student,
    });
    expect(answer.body.errors).toBeUndefined();
    expect(attemptsOf((await read()).body, '1')).toBe(before + 1);
  });

  it('shows a renamed student in the roster right after', async () => {
    const id = String(DEMO.classroomStudents[3]);
    const roster = () => graph.query('{ classroom(id: "1") { students { id displayName } } }', { as: as.teacher(DEMO.teacher) });
    await roster();
    const renamed = await graph.query('mutation($id: ID!) { updateProfile(input: { userId: $id, displayName: "نُور" }) { id } }', { variables: { id }, as: as.admin(DEMO.admin) });
    expect(renamed.body.errors).toBeUndefined();
    const after = (await roster()).body.data?.classroom.students.find((s: { id: string }) => s.id === id);
    expect(after?.displayName).toBe('نُور');
  });
});
