import { describe, expect, it } from 'vitest';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';
import { CLASSROOM_DASHBOARD } from './support/dashboard.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);
/** A gateway and subgraphs of another container: its own pool and L1 cache, the same database and Redis. */
const otherContainer = useGateway(apps, { runtime: () => apps.anotherContainer() });

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
    { name: 'first over 100', first: 101 },
  ])('rejects lessons with $name as BAD_USER_INPUT', async ({ first }) => {
    const { status, body } = await graph.query('query($n: Int) { lessons(first: $n) { edges { cursor } } }', { variables: { n: first }, as: as.student(DEMO.children[0]) });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(String(first));
  });

  it('refuses a huge first with COST_LIMIT before the subgraph is asked (demand control)', async () => {
    const { status, body } = await graph.query('query($n: Int) { lessons(first: $n) { edges { cursor } } }', { variables: { n: 1_000_000 }, as: as.student(DEMO.children[0]) });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT');
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

describe('consent before access', () => {
  const otherTeacher = as.teacher(DEMO.otherTeacher);
  const parent = as.parent(DEMO.parent);
  const child = String(DEMO.children[1]);
  const learningData = (id: string, viewer = otherTeacher, gateway = graph) =>
    gateway.query('query($id: ID!) { user(id: $id) { displayName mastery activity { streakDays } dueReviews(limit: 3) { dueAt } } }', { variables: { id }, as: viewer });
  const joinCode = async () => (await graph.query('{ classroom(id: "2") { joinCode } }', { as: otherTeacher })).body.data!.classroom.joinCode as string;
  const codes = (response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => response.body.errors?.map((e) => e.extensions?.code);

  it('refuses a teacher enrolling a child of another family, as it refuses an unknown id or a non-student', async () => {
    const answers = await Promise.all(['3', '999999', String(DEMO.parent), String(DEMO.teacher)].map((studentId) =>
      graph.query('mutation($s: ID!) { enrolStudent(classroomId: "2", studentId: $s) { id } }', { variables: { s: studentId }, as: otherTeacher })));
    for (const answer of answers) expect(answer.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['FORBIDDEN', 'You may not use Mutation.enrolStudent here']]);
    expect((await learningData('3')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets the teacher see a child only once its guardian placed it with the join code, and not after the guardian removes it', async () => {
    expect(codes(await learningData(child))).toContain('FORBIDDEN');
    const code = await joinCode();
    expect(code).toMatch(/^[2-9A-Z]{12}$/);

    // The same refusal for a wrong code and for a child that is not the caller's: neither is an oracle.
    const wrongCode = await graph.query('mutation($s: ID!) { joinClassroom(code: "NOTACODE2345", childId: $s) { id } }', { variables: { s: child }, as: parent });
    const strangersChild = await graph.query('mutation($c: String!) { joinClassroom(code: $c, childId: "35") { id } }', { variables: { c: code }, as: parent });
    expect(wrongCode.body.errors?.map((e) => e.message)).toEqual(['You may not use Mutation.joinClassroom here']);
    expect(strangersChild.body.errors?.map((e) => e.message)).toEqual(['You may not use Mutation.joinClassroom here']);
    expect(codes(await learningData(child))).toContain('FORBIDDEN');

    const joined = await graph.query('mutation($c: String!, $s: ID!) { joinClassroom(code: $c, childId: $s) { id name teacher { displayName } } }', { variables: { c: code, s: child }, as: parent });
    expect(joined.body.errors).toBeUndefined();
    expect(joined.body.data!.joinClassroom.id).toBe('2');
    const seen = await learningData(child);
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data!.user.mastery).toEqual(expect.any(Number));
    // The teacher sees the child, not the child's family.
    expect(codes(await graph.query('query($id: ID!) { user(id: $id) { displayName } }', { variables: { id: String(DEMO.parent) }, as: otherTeacher }))).toContain('FORBIDDEN');

    const removed = await graph.query('mutation($s: ID!) { removeFromClassroom(classroomId: "2", studentId: $s) }', { variables: { s: child }, as: parent });
    expect(removed.body.data).toEqual({ removeFromClassroom: true });
    expect(codes(await learningData(child))).toContain('FORBIDDEN');
    expect(codes(await graph.query('{ classroom(id: "2") { students { id } } }', { as: otherTeacher }))).toBeUndefined();
  });

  it('ends access at once in another container when the teacher unenrols a student', async () => {
    const student = String(DEMO.otherClassroomStudents[0]);
    expect((await learningData(student, otherTeacher, otherContainer)).body.errors).toBeUndefined();
    const unenrolled = await graph.query('mutation($s: ID!) { removeFromClassroom(classroomId: "2", studentId: $s) }', { variables: { s: student }, as: otherTeacher });
    expect(unenrolled.body.data).toEqual({ removeFromClassroom: true });
    expect(codes(await learningData(student, otherTeacher, otherContainer))).toContain('FORBIDDEN');

    // The admin consents for the app: access comes back.
    const enrolled = await graph.query('mutation($s: ID!) { enrolStudent(classroomId: "2", studentId: $s) { id } }', { variables: { s: student }, as: as.admin(DEMO.admin) });
    expect(enrolled.body.errors).toBeUndefined();
    expect((await learningData(student, otherTeacher, otherContainer)).body.errors).toBeUndefined();
  });

  it('shows a student its teachers’ display names only', async () => {
    const { body } = await graph.query('{ myClassrooms { name teacher { displayName role locale } } }', { as: as.student(DEMO.children[0]) });
    expect(body.data?.myClassrooms ?? null).toBeNull();
    const names = await graph.query('{ myClassrooms { name teacher { displayName } } }', { as: as.student(DEMO.children[0]) });
    expect(names.body.errors).toBeUndefined();
    expect(names.body.data!.myClassrooms).toEqual([{ name: expect.any(String), teacher: { displayName: 'الأُسْتَاذَة مَرْيَم' } }]);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN' && /^myClassrooms\.0\.teacher\.(role|locale)$/.test(e.path?.join('.') ?? ''))).toBe(true);
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
