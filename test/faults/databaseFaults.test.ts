/**
 * Faults between the subgraphs and MariaDB, through a fault proxy (the shared server is never
 * stopped: a restart is every connection cut plus a refusing window). The pool is small and
 * bounded here (4 connections, 8 waiting, 1.5 s of silence mid-statement) so its limits show.
 * Every spec asserts what the client gets (UNAVAILABLE, never a 5xx or an internal error), that the
 * pool recovers by itself without leaking connections, and what was written.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection } from 'mysql2/promise';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, TEST_CONTEXT_SECRET, tableFingerprint, useTestDatabase } from '../support/harness.js';
import { SERVER_URL } from '../support/database.js';
import { useGateway, type GraphResponse } from '../support/gateway.js';
import { addressOf, startFaultProxy, throughProxy, type FaultProxy } from '../support/faultProxy.js';

const POOL = { connectionLimit: 4, queueLimit: 8, queryTimeoutMs: 1_500 };
const apps = useTestDatabase({ seed: { amal: seedDemo } });
let dbProxy: FaultProxy;
let runtime: AppRuntime;
beforeAll(async () => {
  dbProxy = await startFaultProxy(addressOf(SERVER_URL));
  runtime = createAppRuntime(
    { app: 'amal', databaseUrl: throughProxy(apps.url, dbProxy), redisUrl: '', redisKeyPrefix: '', contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', databasePool: POOL },
    { logger: createLogger('silent'), redis: false },
  );
});
const graph = useGateway(apps, { runtime: () => runtime, subgraphResilience: { all: { timeoutMs: 600, circuitFailures: 1_000 } } });
afterAll(async () => {
  await runtime.close();
  await dbProxy.close();
});

const student = as.student(DEMO.children[0]);
/** `mastery` is read from MySQL on every call: memory is cached in Redis only, and this runtime has none. */
const MASTERY = '{ me { id mastery } }';
const mastery = () => graph.query(MASTERY, { as: student });
const codesOf = (body: GraphResponse['body']) => (body.errors ?? []).map((error) => error.extensions?.code);

/** The pool answers again by itself, and holds no more connections than its limit. */
async function expectRecovered() {
  let body: GraphResponse['body'] = {};
  for (let attempt = 0; attempt < 60; attempt++) {
    ({ body } = await mastery());
    if (!body.errors) break;
    await sleep(50);
  }
  expect(body.errors).toBeUndefined();
  expect(body.data!.me.mastery).toEqual(expect.any(Number));
  expect(dbProxy.open).toBeLessThanOrEqual(POOL.connectionLimit);
}

/** Each answer is whole or carries only outage codes, never an internal error, a 5xx or a leak. */
function expectCleanOutage(answers: { status: number; body: GraphResponse['body'] }[], codes: string[]) {
  for (const { status, body } of answers) {
    expect(status).toBe(200);
    for (const code of codesOf(body)) expect(codes).toContain(code);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|PROTOCOL_|select |amal_|stack/i);
  }
}

afterEach(async () => {
  await dbProxy.set({ kind: 'pass' });
});

describe('MariaDB', () => {
  it('down (refusing): a clean UNAVAILABLE, /ready says down, nothing written', async () => {
    const before = await tableFingerprint(apps.runtime());
    await dbProxy.set({ kind: 'refuse' });
    const { status, body } = await mastery();
    expect(status).toBe(200);
    expect(codesOf(body)).toContain('UNAVAILABLE');
    expectCleanOutage([{ status, body }], ['UNAVAILABLE']);
    // An admin sees each check (anyone else the status alone), probed afresh.
    const ready = await fetch(new URL('/ready', graph.url), { headers: { authorization: `Bearer ${await graph.token(as.admin(DEMO.admin))}` } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'down', checks: { database: { status: 'down', required: true } } });
    await dbProxy.set({ kind: 'pass' });
    await expectRecovered();
    expect(await tableFingerprint(apps.runtime())).toBe(before);
  });

  it('restarted under load (every connection cut, then refusing): requests in the window get UNAVAILABLE, then the pool recovers', async () => {
    const burst = Array.from({ length: 20 }, (_, i) => sleep(i * 10).then(mastery));
    await sleep(60);
    await dbProxy.set({ kind: 'refuse' });
    await sleep(200);
    await dbProxy.set({ kind: 'pass' });
    expectCleanOutage(await Promise.all(burst), ['UNAVAILABLE']);
    await expectRecovered();
  });

  it('connections killed on the server mid-load (KILL CONNECTION): UNAVAILABLE or whole answers, then recovery', async () => {
    const database = new URL(apps.url).pathname.slice(1);
    const admin = await createConnection(SERVER_URL);
    try {
      const burst = Array.from({ length: 20 }, (_, i) => sleep(i * 10).then(mastery));
      await sleep(60);
      const [rows] = await admin.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [database]);
      for (const { id } of rows as { id: number }[]) await admin.query('KILL CONNECTION ?', [id]).catch(() => undefined);
      expectCleanOutage(await Promise.all(burst), ['UNAVAILABLE']);
    } finally {
      await admin.end();
    }
    await expectRecovered();
  });

  it('blackholed mid-statement: the caller gets its deadline, and the silent connections are destroyed, not leaked', async () => {
    await mastery();
    await dbProxy.set({ kind: 'blackhole' });
    const answers = await Promise.all([mastery(), mastery()]);
    expectCleanOutage(answers, ['SUBGRAPH_TIMEOUT', 'UNAVAILABLE']);
    expect(answers.flatMap(({ body }) => codesOf(body))).toContain('SUBGRAPH_TIMEOUT');
    await sleep(POOL.queryTimeoutMs);
    await dbProxy.set({ kind: 'pass' });
    await expectRecovered();
  });

  it('slower than the subgraph deadline: SUBGRAPH_TIMEOUT, then normal answers', async () => {
    await dbProxy.set({ kind: 'latency', ms: 1_000 });
    const { status, body } = await mastery();
    expectCleanOutage([{ status, body }], ['SUBGRAPH_TIMEOUT']);
    expect(codesOf(body)).toContain('SUBGRAPH_TIMEOUT');
    await dbProxy.set({ kind: 'pass' });
    await expectRecovered();
  });

  it('slow with a burst larger than pool + queue: the overflow gets UNAVAILABLE at once, the queued answer or meet their deadline', async () => {
    // Thirty different students, so no two requests share a load; their profiles are cached first.
    const students = DEMO.classroomStudents.map((id) => as.student(id));
    for (const viewer of students) await graph.query('{ me { id } }', { as: viewer });
    await dbProxy.set({ kind: 'latency', ms: 150 });
    const answers = await Promise.all(students.map((viewer) => graph.query(MASTERY, { as: viewer })));
    expectCleanOutage(answers, ['UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);
    const codes = answers.flatMap(({ body }) => codesOf(body));
    expect(codes).toContain('UNAVAILABLE');
    expect(answers.some(({ body }) => !body.errors)).toBe(true);
    await dbProxy.set({ kind: 'pass' });
    await expectRecovered();
  });

  it('a write cut mid-transaction is recorded once, whatever the client saw, when the client resends it', async () => {
    const clientEventId = `db-cut-${Date.now()}`;
    const submit = () => graph.query(
      `mutation($id: ID!) { submitAnswer(input: { contentByteId: "2", correct: true, responseTimeMs: 900, answeredAt: "${new Date().toISOString()}", clientEventId: $id }) { duplicate } }`,
      { as: student, variables: { id: clientEventId } },
    );
    await dbProxy.set({ kind: 'latency', ms: 40 });
    const cut = submit();
    await sleep(90);
    dbProxy.cutAll();
    const first = await cut;
    expectCleanOutage([first], ['UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);
    await dbProxy.set({ kind: 'pass' });
    await expectRecovered();

    const resent = await submit();
    expect(resent.body.errors).toBeUndefined();
    const [rows] = await apps.runtime().database.pool.query('SELECT COUNT(*) AS n FROM amal_answers WHERE client_event_id = ?', [clientEventId]);
    expect((rows as { n: number }[])[0]!.n).toBe(1);
  });
});
