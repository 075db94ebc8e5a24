/**
 * Faults between the gateway and HTTP subgraphs: each subgraph runs as its own server behind a
 * fault proxy. Every spec asserts what the client gets (the other subgraphs' data, an error with
 * the subgraph's name and code) and that nothing was written (or written once, for a mutation).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, tableFingerprint, useTestDatabase } from '../support/harness.js';
import { useGateway, type GraphResponse } from '../support/gateway.js';
import { addressOf, startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { CLASSROOM_DASHBOARD } from '../support/dashboard.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const proxies = new Map<string, FaultProxy>();
const logLines: Record<string, any>[] = [];
const graph = useGateway(apps, {
  transport: 'http',
  route: async (name, url) => {
    const proxy = await startFaultProxy(addressOf(url));
    proxies.set(name, proxy);
    return proxy.url(new URL(url).pathname);
  },
  requestDeadlineMs: 5_000,
  subgraphResilience: { all: { timeoutMs: 400, retryJitterMs: 20, circuitFailures: 3, circuitOpenMs: 300 } },
  logger: createLogger('info', {}, (line) => logLines.push(JSON.parse(line))),
  // These specs watch subgraph calls; kept answers would skip them.
  responseCacheTtlSeconds: 0,
});
const proxy = (name: string) => proxies.get(name)!;

const student = as.student(DEMO.children[0]);
/** `me` from users, `lesson` from curriculum: two root fields of two subgraphs. */
const HOME = '{ me { id displayName } lesson(id: "1") { id title } }';
/** `myMemory` comes from the memory subgraph through an entity fetch nested in curriculum's lesson. */
const LESSON_WITH_MEMORY = '{ lesson(id: "1") { title concepts { id name myMemory { accuracy } } } }';
/** Touches users, curriculum and memory. */
const WHOLE = '{ me { id } lesson(id: "1") { concepts { myMemory { accuracy } } } }';

function subgraphError(body: GraphResponse['body'], subgraph: string) {
  return body.errors?.find((error) => error.extensions?.subgraph === subgraph);
}

async function expectPartialHome(fault: Parameters<FaultProxy['set']>[0], code: 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE') {
  const before = await tableFingerprint(apps.runtime());
  await proxy('curriculum').set(fault);
  const { status, body } = await graph.query(HOME, { as: student });
  expect(status).toBe(200);
  expect(body.data).toEqual({ me: { id: String(DEMO.children[0]), displayName: expect.any(String) }, lesson: null });
  expect(subgraphError(body, 'curriculum')).toMatchObject({ path: ['lesson'], extensions: { code, subgraph: 'curriculum' } });
  expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|stack/);
  expect(await tableFingerprint(apps.runtime())).toBe(before);
}

/** Heals every proxy and waits until the whole graph answers again (circuits closed). */
afterEach(async () => {
  for (const each of proxies.values()) await each.set({ kind: 'pass' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const { body } = await graph.query(WHOLE, { as: student });
    if (!body.errors) return;
    await sleep(50);
  }
  throw new Error('the graph did not heal within 2.5 s');
});
afterAll(async () => {
  for (const each of proxies.values()) await each.close();
});

describe('a subgraph that fails', () => {
  it('refusing connections costs only its fields: SUBGRAPH_UNAVAILABLE beside the other data; /ready says down', async () => {
    await expectPartialHome({ kind: 'refuse' }, 'SUBGRAPH_UNAVAILABLE');
    // An admin sees each check (anyone else the status alone), probed afresh.
    const ready = await fetch(new URL('/ready', graph.url), { headers: { authorization: `Bearer ${await graph.token(as.admin(DEMO.admin))}` } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'down', checks: { 'subgraph:curriculum': { status: 'down' }, 'subgraph:users': { status: 'up' } } });
  });

  it('blackholed (accepts, never answers) is cut off at its deadline: SUBGRAPH_TIMEOUT', async () => {
    await expectPartialHome({ kind: 'blackhole' }, 'SUBGRAPH_TIMEOUT');
  });

  it('answering after its deadline is abandoned: SUBGRAPH_TIMEOUT', async () => {
    await expectPartialHome({ kind: 'latency', ms: 800 }, 'SUBGRAPH_TIMEOUT');
  });

  it('answering in a slow trickle is abandoned at the deadline: SUBGRAPH_TIMEOUT', async () => {
    await expectPartialHome({ kind: 'trickle', bytes: 4, everyMs: 40 }, 'SUBGRAPH_TIMEOUT');
  });

  it('cutting every answer mid-response is retried once, then SUBGRAPH_UNAVAILABLE', async () => {
    const from = logLines.length;
    await expectPartialHome({ kind: 'cut', afterBytes: 30 }, 'SUBGRAPH_UNAVAILABLE');
    expect(logLines.slice(from).filter((line) => line.event === 'subgraph.retry' && line.subgraph === 'curriculum')).toHaveLength(1);
  });

  it('cutting one answer mid-response is hidden by the retry', async () => {
    await proxy('curriculum').set({ kind: 'cut', afterBytes: 30, once: true });
    const { body } = await graph.query(HOME, { as: student });
    expect(body.errors).toBeUndefined();
    expect(body.data!.lesson).toEqual({ id: '1', title: expect.any(String) });
  });

  it('adding latency within the deadline changes nothing but time', async () => {
    await proxy('curriculum').set({ kind: 'latency', ms: 60 });
    const { body } = await graph.query(HOME, { as: student });
    expect(body.errors).toBeUndefined();
    expect(body.data!.lesson.title).toEqual(expect.any(String));
  });

  it('failing inside an entity fetch nulls only the nested fields, at their path', async () => {
    await proxy('memory').set({ kind: 'refuse' });
    const { body } = await graph.query(LESSON_WITH_MEMORY, { as: student });
    expect(body.data!.lesson.title).toEqual(expect.any(String));
    expect(body.data!.lesson.concepts.length).toBeGreaterThan(0);
    for (const concept of body.data!.lesson.concepts) expect(concept).toEqual({ id: expect.any(String), name: expect.any(String), myMemory: null });
    expect(subgraphError(body, 'memory')).toMatchObject({ path: ['lesson', 'concepts', '@'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
  });
});

describe('the classroom dashboard', () => {
  it('without the memory subgraph keeps every student’s name and activity; only memory fields are null', async () => {
    await proxy('memory').set({ kind: 'refuse' });
    const { status, body } = await graph.query(CLASSROOM_DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: as.teacher(DEMO.teacher) });
    expect(status).toBe(200);
    const students = body.data!.classroom.students as Record<string, unknown>[];
    expect(students).toHaveLength(30);
    for (const each of students) expect(each).toMatchObject({ displayName: expect.any(String), activity: { streakDays: expect.any(Number) }, mastery: null, dueReviews: null });
    expect(subgraphError(body, 'memory')).toMatchObject({ path: ['classroom', 'students', '@'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
  });
});

describe('a mutation whose answer is lost', () => {
  it('is not retried, is written once, and a resend by the client is a duplicate', async () => {
    const runtime = apps.runtime();
    const clientEventId = `fault-cut-${Date.now()}`;
    const SUBMIT = 'mutation($id: ID!) { submitAnswer(input: { contentByteId: "1", correct: true, responseTimeMs: 1000, answeredAt: "' + new Date().toISOString() + '", clientEventId: $id }) { duplicate } }';
    const from = logLines.length;
    // The memory subgraph commits, then its answer is cut on the way back.
    await proxy('memory').set({ kind: 'cut', afterBytes: 0, once: true });
    const lost = await graph.query(SUBMIT, { as: student, variables: { id: clientEventId } });
    expect(lost.status).toBe(200);
    expect(subgraphError(lost.body, 'memory')).toMatchObject({ path: ['submitAnswer'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    expect(logLines.slice(from).some((line) => line.event === 'subgraph.retry')).toBe(false);

    const resent = await graph.query(SUBMIT, { as: student, variables: { id: clientEventId } });
    expect(resent.body.errors).toBeUndefined();
    expect(resent.body.data!.submitAnswer.duplicate).toBe(true);
    const [rows] = await runtime.database.pool.query('SELECT COUNT(*) AS n FROM amal_answers WHERE client_event_id = ?', [clientEventId]);
    expect((rows as { n: number }[])[0]!.n).toBe(1);
  });
});

describe('the circuit breaker', () => {
  it('stops calling a dead subgraph after repeated failures, and closes when it answers again', async () => {
    const from = logLines.length;
    await proxy('curriculum').set({ kind: 'blackhole' });
    for (let i = 0; i < 3; i++) await graph.query(HOME, { as: student });
    const sentWhenOpen = proxy('curriculum').bytesFromClients;

    const { body } = await graph.query(HOME, { as: student });
    expect(subgraphError(body, 'curriculum')?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(body.data!.me.id).toBe(String(DEMO.children[0]));
    expect(proxy('curriculum').bytesFromClients).toBe(sentWhenOpen);

    await proxy('curriculum').set({ kind: 'pass' });
    let healed: GraphResponse['body'] | undefined;
    for (let attempt = 0; attempt < 40 && !healed; attempt++) {
      const { body: next } = await graph.query(HOME, { as: student });
      if (!next.errors) healed = next;
      else await sleep(50);
    }
    expect(healed?.data?.lesson?.id).toBe('1');
    const states = logLines.slice(from).filter((line) => line.event === 'subgraph.circuit' && line.subgraph === 'curriculum').map((line) => line.state);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });
});
