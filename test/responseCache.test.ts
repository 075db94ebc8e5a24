import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { createAppRuntime, type AppRuntime } from '../runtime/container/appDeps.js';
import { createLogger } from '../runtime/observability/logger.js';
import { as, REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { addressOf, startFaultProxy, throughProxy, type FaultProxy } from './support/faultProxy.js';
import { useGateway, type GraphResponse } from './support/gateway.js';
import { CLASSROOM_DASHBOARD as DASHBOARD } from './support/dashboard.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);
/** Another container of the deployment: its own L1 and in-process state, the same Redis and database. */
const otherContainer = useGateway(apps, { runtime: () => apps.anotherContainer() });
/** The truth to compare with: the same graph, nothing kept. */
const uncached = useGateway(apps, { responseCacheTtlSeconds: 0 });
/** Keeping only answers made of @public fields (RESPONSE_CACHE=public). */
const publicOnly = useGateway(apps, { responseCacheKeeps: 'public' });
const overHttp = useGateway(apps, { transport: 'http' });
/** A container of its own reaching Redis at `redisUrl`. */
const runtimeAt = (redisUrl: string) =>
  createAppRuntime(
    { app: 'amal', databaseUrl: apps.url, redisUrl, redisKeyPrefix: `test:${randomUUID().slice(0, 8)}:`, contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', redisCommandTimeoutMs: 100 },
    { logger: createLogger('silent') },
  );
let redisProxy: FaultProxy;
let faultyRuntime: AppRuntime;
let unreachableRuntime: AppRuntime;
beforeAll(async () => {
  redisProxy = await startFaultProxy(addressOf(REDIS_URL));
  faultyRuntime = runtimeAt(throughProxy(REDIS_URL, redisProxy));
  unreachableRuntime = runtimeAt('redis://127.0.0.1:1');
});
afterAll(async () => {
  await faultyRuntime.close();
  await unreachableRuntime.close();
  await redisProxy.close();
});
/** Reaches Redis through a fault proxy. */
const throughFaultyRedis = useGateway(apps, { runtime: () => faultyRuntime });
const withoutRedis = useGateway(apps, { runtime: () => unreachableRuntime });

const teacher = as.teacher(DEMO.teacher);
const dashboard = (through = graph) => through.query(DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: teacher });
const outcome = (response: GraphResponse) => (response.body as { extensions?: { responseCache?: string } }).extensions?.responseCache;
const statements = (response: GraphResponse) => (response.body as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;

const answer = (studentId: number, contentByteId: number, correct: boolean, through = graph) =>
  through.query('mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate } }', {
    as: as.student(studentId),
    variables: { input: { contentByteId: String(contentByteId), correct, responseTimeMs: 2_000, answeredAt: new Date().toISOString(), clientEventId: randomUUID() } },
  });

describe('the gateway’s response cache', () => {
  it('serves a teacher’s dashboard again from Redis: the same data and header, no SQL', async () => {
    const built = await dashboard();
    expect(built.body.errors).toBeUndefined();
    expect(outcome(built)).toBe('stored');

    const served = await dashboard();
    expect(outcome(served)).toBe('hit');
    expect(statements(served)).toBe(0);
    expect(served.body.data).toEqual(built.body.data);
    expect(served.headers.get('cache-control')).toBe(built.headers.get('cache-control'));
  });


  it('is shared by containers', async () => {
    await dashboard();
    expect(outcome(await dashboard(otherContainer))).toBe('hit');
  });


  it('never gives one viewer’s answer to another', async () => {
    await dashboard();
    expect(outcome(await dashboard())).toBe('hit');
    const stranger = await graph.query(DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: as.teacher(DEMO.otherTeacher) });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(stranger.body)).not.toContain('displayName');
    const anonymous = await graph.query(DASHBOARD, { variables: { id: String(DEMO.classroom) } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });


  it('keeps an answer made only of @public fields once for every viewer, and a private one per viewer', async () => {
    const lesson = `{ lesson(id: "${DEMO.lessons[4]}") { id title subject grade } }`;
    expect(outcome(await graph.query(lesson, { as: as.student(DEMO.children[0]) }))).toBe('stored');
    for (const viewer of [as.student(DEMO.children[1]), as.teacher(DEMO.teacher), as.anonymous]) {
      const served = await graph.query(lesson, { as: viewer });
      expect(outcome(served)).toBe('hit');
      expect(served.body.data).toEqual((await uncached.query(lesson, { as: viewer })).body.data);
    }

    const me = '{ me { id displayName } } # private';
    expect(outcome(await graph.query(me, { as: as.student(DEMO.children[0]) }))).toBe('stored');
    const other = await graph.query(me, { as: as.student(DEMO.children[1]) });
    expect(outcome(other)).toBe('stored');
    expect(other.body.data).toEqual((await uncached.query(me, { as: as.student(DEMO.children[1]) })).body.data);
  });

  it('keeps only answers made of @public fields with RESPONSE_CACHE=public: a viewer’s own is built every time', async () => {
    const lesson = `{ lesson(id: "${DEMO.lessons[5]}") { id title subject grade } }`;
    expect(outcome(await publicOnly.query(lesson, { as: as.student(DEMO.children[0]) }))).toBe('stored');
    const served = await publicOnly.query(lesson, { as: as.teacher(DEMO.teacher) });
    expect(outcome(served)).toBe('hit');
    expect(served.body.data).toEqual((await uncached.query(lesson, { as: as.teacher(DEMO.teacher) })).body.data);

    for (let i = 0; i < 2; i++) {
      const built = await dashboard(publicOnly);
      expect(built.body.errors).toBeUndefined();
      expect(outcome(built)).toBeUndefined();
      expect(built.body.data).toEqual((await dashboard(uncached)).body.data);
    }
  });

  it('keeps answers of subgraphs in other processes, which report what they read', async () => {
    // A document of its own, so the answers the in-process gateway kept do not serve it.
    const query = `${DASHBOARD}\n# over HTTP`;
    const built = await overHttp.query(query, { variables: { id: String(DEMO.classroom) }, as: teacher });
    expect(outcome(built)).toBe('stored');
    expect(JSON.stringify(built.body)).not.toContain('cacheKeysRead'); // the gateway's alone, never a client's
    const served = await overHttp.query(query, { variables: { id: String(DEMO.classroom) }, as: teacher });
    expect(outcome(served)).toBe('hit');
    expect(served.body.data).toEqual(built.body.data);
  });

  it('keeps no answer with an error, read outside the entity cache, or of a mutation', async () => {
    const refused = await graph.query(DASHBOARD, { variables: { id: String(DEMO.otherClassroom) }, as: teacher });
    expect(outcome(refused)).toBe('not-stored');
    // The next session is chosen by a query of its own, which no cache key traces.
    const session = await graph.query('{ nextSession(size: 3) { id } }', { as: as.student(DEMO.children[0]) });
    expect(session.body.errors).toBeUndefined();
    expect(outcome(session)).toBe('not-stored');
    expect(outcome(await graph.query('{ nextSession(size: 3) { id } }', { as: as.student(DEMO.children[0]) }))).toBe('not-stored');
    expect(outcome(await answer(DEMO.children[0], 11, true))).toBeUndefined();
  });


  it('builds the dashboard again once a student answers, whichever container took the answer', async () => {
    await dashboard();
    const student = DEMO.classroomStudents[2]!;
    expect((await answer(student, 21, false, otherContainer)).body.errors).toBeUndefined();

    const after = await dashboard();
    // Another container may still hold the old rows in its L1 for a few seconds: an answer built that
    // soon after a write could not be served again, so it is not kept.
    expect(outcome(after)).toBe('not-stored');
    expect(after.body.data).toEqual((await dashboard(uncached)).body.data);
    expect(outcome(await dashboard())).toBe('not-stored');
  });


  it('shows a renamed student and a new enrolment at once', async () => {
    await dashboard();
    const child = DEMO.children[0];
    const displayName = `Renamed ${randomUUID().slice(0, 6)}`;
    const renamed = await otherContainer.query('mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', { as: as.parent(DEMO.parent), variables: { input: { userId: String(child), displayName } } });
    expect(renamed.body.errors).toBeUndefined();
    const afterRename = await dashboard();
    expect(afterRename.body.data!.classroom.students.find((s: { id: string }) => s.id === String(child)).displayName).toBe(displayName);

    const newcomer = DEMO.otherClassroomStudents[0];
    // The app's admin consents for the newcomer (a teacher cannot enrol on its own).
    const enrolled = await otherContainer.query('mutation($c: ID!, $s: ID!) { enrolStudent(classroomId: $c, studentId: $s) { id } }', { as: as.admin(DEMO.admin), variables: { c: String(DEMO.classroom), s: String(newcomer) } });
    expect(enrolled.body.errors).toBeUndefined();
    const afterEnrolment = await dashboard();
    expect(afterEnrolment.body.data!.classroom.students.map((s: { id: string }) => s.id)).toContain(String(newcomer));
  });


  it('is skipped, failing nothing, while Redis is unreachable', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await dashboard(withoutRedis);
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
      expect(outcome(response)).toBeUndefined();
      expect(response.body.data!.classroom.students.length).toBeGreaterThanOrEqual(30);
    }
  });

  it('answers whole while Redis stops answering mid-run, and keeps answers again once it is back', async () => {
    const healthy = await dashboard(throughFaultyRedis);
    for (let i = 0; i < 40 && outcome(await dashboard(throughFaultyRedis)) !== 'hit'; i++) await sleep(50);
    expect(outcome(await dashboard(throughFaultyRedis))).toBe('hit');

    for (const fault of [{ kind: 'blackhole' }, { kind: 'refuse' }] as const) {
      await redisProxy.set(fault);
      for (let i = 0; i < 3; i++) {
        const response = await dashboard(throughFaultyRedis);
        expect(response.status).toBe(200);
        expect(response.body.errors).toBeUndefined();
        expect(outcome(response)).not.toBe('hit');
        expect(response.body.data).toEqual(healthy.body.data);
      }
    }

    await redisProxy.set({ kind: 'pass' });
    // After a failure the cache skips Redis for a short back-off, then tries again.
    let back: string | undefined;
    for (let i = 0; i < 60 && back !== 'hit'; i++) {
      await sleep(100);
      back = outcome(await dashboard(throughFaultyRedis));
    }
    expect(back).toBe('hit');
  });
});

describe('kept answers asked for by persisted-query hash (Apollo Client’s link)', () => {
  /** A student no other spec here writes: its answers may be kept. */
  const STUDENT = DEMO.otherClassroomStudents[0]!;
  /** A student's app at one version: Apollo Client with its persisted-queries link, over POST or GET. */
  async function appVersion(document: string, method: 'POST' | 'GET') {
    const seen: { responseCache?: string; sentText: boolean }[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const body = typeof init?.body === 'string' ? init.body : '';
      const response = await fetch(input, init);
      const { extensions } = (await response.clone().json()) as { extensions?: { responseCache?: string } };
      seen.push({ responseCache: extensions?.responseCache, sentText: body.includes('"query"') || /[?&]query=/.test(url) });
      return response;
    };
    const token = await graph.token(as.student(STUDENT));
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink({ sha256: (text) => createHash('sha256').update(text).digest('hex'), useGETForHashedQueries: method === 'GET' })
        .concat(new HttpLink({ uri: graph.url, fetch: recordingFetch, headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' } })),
      defaultOptions: { query: { fetchPolicy: 'no-cache' } },
    });
    return { seen, run: async () => (await client.query({ query: gql(document) })).data as { me: Record<string, unknown> } };
  }

  it.each([{ method: 'POST' as const }, { method: 'GET' as const }])('answers each of two documents under one name with its own data, over $method', async ({ method }) => {
    // Two app versions: the same operation name, different documents (a comment makes them new to this spec's Redis).
    const tag = randomUUID().slice(0, 8);
    const older = await appVersion(`query Home { me { displayName } } # ${tag}`, method);
    const newer = await appVersion(`query Home { me { id grade } } # ${tag}`, method);

    const first = await older.run();
    const again = await older.run();
    expect(older.seen.at(-1)).toEqual({ responseCache: 'hit', sentText: false });
    expect(again).toEqual(first);

    for (let i = 0; i < 3; i++) {
      const answer = await newer.run();
      expect(answer.me).toEqual({ __typename: 'User', id: String(STUDENT), grade: expect.any(Number) });
    }
    expect(newer.seen.at(-1)).toEqual({ responseCache: 'hit', sentText: false });
    expect((await older.run()).me).toEqual({ __typename: 'User', displayName: expect.any(String) });
  });
});
