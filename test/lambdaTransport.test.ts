import { describe, expect, it } from 'vitest';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway, type GraphResponse } from './support/gateway.js';
import { loadGatewayConfig } from '../gateway/config.js';
import { SUBGRAPH_NAMES } from '../schema/subgraphs.js';
import { targetsFromConfig } from '../gateway/fromConfig.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const lambda = useGateway(apps, { transport: 'lambda' });
// Faults are injected into curriculum (given a short deadline) and users; the circuits stay closed.
const faulty = useGateway(apps, {
  transport: 'lambda',
  subgraphResilience: { all: { circuitFailures: 1_000 }, byName: { curriculum: { timeoutMs: 1_000 } } },
});

const DASHBOARD = `query($id: ID!) {
  classroom(id: $id) {
    name
    students { id displayName mastery activity { streakDays } dueReviews(limit: 2) { concept { name contentBytes { id prompt } } } }
  }
}`;
const ME_AND_LESSON = '{ me { id displayName } lesson(id: "1") { title } }';
const UPDATE_LOCALE = 'mutation { updateProfile(input: { locale: "en" }) { id locale } }';
const parent = as.parent(DEMO.parent);

/** The users subgraph answered and the curriculum one did not: `me` is there, `lesson` is null with `code`. */
function expectLessonMissing(response: GraphResponse, code: string): void {
  expect(response.status).toBe(200);
  expect(response.body.data).toEqual({ me: { id: String(DEMO.parent), displayName: expect.any(String) }, lesson: null });
  expect(response.body.errors).toEqual([expect.objectContaining({ path: ['lesson'], extensions: expect.objectContaining({ code, subgraph: 'curriculum' }) })]);
  expect(JSON.stringify(response.body)).not.toMatch(/injected|amal-curriculum|Bad Gateway/);
}

/** Invocations of `functionName` that `act` caused. */
async function invocationsDuring(functionName: string, act: () => Promise<unknown>): Promise<number> {
  const before = faulty.lambda.invocations(functionName);
  await act();
  return faulty.lambda.invocations(functionName) - before;
}

describe('the lambda transport', () => {
  it('keeps answers whose functions report what they read, and serves them without invoking any', async () => {
    const query = `${DASHBOARD}\n# kept over lambda`;
    const viewer = as.teacher(DEMO.teacher);
    const outcome = (response: GraphResponse) => (response.body as { extensions?: { responseCache?: string } }).extensions?.responseCache;
    const built = await lambda.query(query, { variables: { id: String(DEMO.classroom) }, as: viewer });
    expect(outcome(built)).toBe('stored');
    const invocations = () => SUBGRAPH_NAMES.reduce((sum, name) => sum + lambda.lambda.invocations(`amal-${name}`), 0);
    const before = invocations();
    const served = await lambda.query(query, { variables: { id: String(DEMO.classroom) }, as: viewer });
    expect(outcome(served)).toBe('hit');
    expect(served.body.data).toEqual(built.body.data);
    expect(invocations()).toBe(before);
  });

  it('invokes each subgraph function it needs through the Invoke API', async () => {
    const before = lambda.lambda.invocations('amal-memory');
    const { body } = await lambda.query('{ me { id role } nextSession(size: 2) { id } }', { as: as.student(DEMO.children[0]) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me).toEqual({ id: String(DEMO.children[0]), role: 'STUDENT' });
    expect(body.data!.nextSession).toHaveLength(2);
    expect(lambda.lambda.invocations('amal-memory')).toBeGreaterThan(before);
  });
});

describe('the lambda transport’s configuration', () => {
  it('invokes each subgraph’s function with one client for all of them', async () => {
    const functions = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_FUNCTION_${name.toUpperCase()}`, `amal-${name}-fn`]));
    const targets = await targetsFromConfig(loadGatewayConfig({ SUBGRAPH_TRANSPORT: 'lambda', ...functions }), apps.runtime());
    const clients = new Set(SUBGRAPH_NAMES.map((name) => {
      const target = targets[name];
      expect(target).toMatchObject({ kind: 'lambda', functionName: `amal-${name}-fn` });
      return target?.kind === 'lambda' ? target.client : undefined;
    }));
    expect(clients.size).toBe(1);
  });
});

describe('a failing subgraph function', () => {
  // A failed query is sent once more by the resilience wrapper, so each fault is injected twice.
  it('that crashes (FunctionError) leaves its fields null with SUBGRAPH_UNAVAILABLE and answers the rest', async () => {
    faulty.lambda.inject('amal-curriculum', 'crash', 2);
    expectLessonMissing(await faulty.query(ME_AND_LESSON, { as: parent }), 'SUBGRAPH_UNAVAILABLE');
  });

  it('that answers a malformed payload leaves its fields null with SUBGRAPH_UNAVAILABLE', async () => {
    faulty.lambda.inject('amal-curriculum', 'malformed', 2);
    expectLessonMissing(await faulty.query(ME_AND_LESSON, { as: parent }), 'SUBGRAPH_UNAVAILABLE');
  });

  it('still answers the next request', async () => {
    const { body } = await faulty.query(ME_AND_LESSON, { as: parent });
    expect(body.errors).toBeUndefined();
    expect(body.data!.lesson.title).toEqual(expect.any(String));
  });
});

describe('a throttled invocation', () => {
  it('of a query is sent once more and answers', async () => {
    faulty.lambda.inject('amal-users', 'throttle');
    let response: GraphResponse | undefined;
    expect(await invocationsDuring('amal-users', async () => (response = await faulty.query('{ me { id } }', { as: parent })))).toBe(2);
    expect(response!.body.errors).toBeUndefined();
    expect(response!.body.data).toEqual({ me: { id: String(DEMO.parent) } });
  });

  it('of a mutation is sent once more, since the function never ran, and answers', async () => {
    faulty.lambda.inject('amal-users', 'throttle');
    let response: GraphResponse | undefined;
    expect(await invocationsDuring('amal-users', async () => (response = await faulty.query(UPDATE_LOCALE, { as: parent })))).toBe(2);
    expect(response!.body.errors).toBeUndefined();
    expect(response!.body.data).toEqual({ updateProfile: { id: String(DEMO.parent), locale: 'en' } });
  });

  it('throttled again is not sent a third time and becomes SUBGRAPH_UNAVAILABLE', async () => {
    faulty.lambda.inject('amal-users', 'throttle', 2);
    let response: GraphResponse | undefined;
    expect(await invocationsDuring('amal-users', async () => (response = await faulty.query(UPDATE_LOCALE, { as: parent })))).toBe(2);
    expect(response!.body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'users' });
  });
});
