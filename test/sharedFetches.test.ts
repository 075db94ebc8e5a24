/**
 * Identical subgraph fetches in flight share one call (gateway/datasources/sharedFetches.ts),
 * counted where the gateway's calls arrive: a proxy in front of each HTTP subgraph that holds
 * the calls of a round until the whole round is in flight, so sharing is not left to timing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composedCacheHints, selectsOnlyPublicFields } from '../gateway/cachePolicy.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { CONTEXT_HEADER, verifyContext } from '../runtime/security/signedContext.js';
import { Supergraph } from '@apollo/federation-internals';
import { readSdl } from '../schema/subgraphs.js';
import { as, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { useGateway, type GraphResponse } from './support/gateway.js';

const LESSON_PAGE = readFileSync(new URL('../operations/student/LessonPage.graphql', import.meta.url), 'utf8');
const UPDATE_PROFILE = readFileSync(new URL('../operations/parent/UpdateProfile.graphql', import.meta.url), 'utf8');
const LESSON = String(DEMO.lessons[2]);

interface Arrival { query: string; viewer: string }

/**
 * In front of one subgraph: records every call (its document and who it was signed for) and holds
 * the calls until `expected` have arrived or `holdMs` has passed, then lets them all through.
 */
class CountingProxy {
  readonly arrivals: Arrival[] = [];
  private waiting: (() => void)[] = [];
  private expected = 0;
  private timer: NodeJS.Timeout | undefined;
  private server: Server | undefined;

  /** `subgraph`: the name of the subgraph behind it, the audience of the contexts it is sent. */
  constructor(private readonly subgraph: string, private readonly upstream: string, private readonly holdMs = 3_000) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.forward(request).then(({ status, body }) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    }));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** From now on, hold calls until `count` of them are in flight. */
  holdFor(count: number): void {
    this.expected = count;
  }

  close = () => new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());

  private async forward(request: IncomingMessage): Promise<{ status: number; body: string }> {
    let text = '';
    for await (const chunk of request) text += chunk;
    const verified = verifyContext(request.headers[CONTEXT_HEADER] as string | undefined, { secrets: [TEST_CONTEXT_SECRET], app: 'amal', audience: this.subgraph });
    this.arrivals.push({ query: (JSON.parse(text) as { query: string }).query, viewer: verified.ok ? JSON.stringify(verified.identity.viewer) : 'unsigned' });
    if (this.expected > 0) await this.held();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of [CONTEXT_HEADER, 'x-request-id']) if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
    const answer = await fetch(this.upstream, { method: 'POST', headers, body: text });
    return { status: answer.status, body: await answer.text() };
  }

  private held(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      const release = () => {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.expected = 0;
        for (const let_go of this.waiting.splice(0)) let_go();
      };
      if (this.waiting.length >= this.expected) release();
      else this.timer ??= setTimeout(release, this.holdMs);
    });
  }
}

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const proxies = new Map<string, CountingProxy>();
const graph = useGateway(apps, {
  transport: 'http',
  responseCacheTtlSeconds: 0,
  route: async (name, url) => {
    const proxy = new CountingProxy(name, url);
    proxies.set(name, proxy);
    return proxy.start();
  },
});
afterAll(async () => {
  for (const proxy of proxies.values()) await proxy.close();
});

const proxy = (name: string) => proxies.get(name)!;
/** What `run` sent to the subgraph: the calls that arrived while it ran. */
async function callsDuring<T>(name: string, run: () => Promise<T>): Promise<{ result: T; calls: Arrival[] }> {
  const before = proxy(name).arrivals.length;
  const result = await run();
  return { result, calls: proxy(name).arrivals.slice(before) };
}

const lessonPage = (studentId: number) => graph.query(LESSON_PAGE, { variables: { id: LESSON }, as: as.student(studentId) });
const withoutErrors = (response: GraphResponse) => {
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
};

describe('a class opening one lesson: 30 students with different tokens at once', () => {
  it('makes one curriculum call, whose fetch selects only @public fields, for every student', async () => {
    proxy('curriculum').holdFor(DEMO.classroomStudents.length);
    const { result, calls } = await callsDuring('curriculum', () => Promise.all(DEMO.classroomStudents.map(lessonPage)));
    for (const response of result) expect(withoutErrors(response)!.lesson.id).toBe(LESSON);
    expect(calls).toHaveLength(1);
  }, 30_000);

  it('still makes one memory call per student: myMemory is private and never shared across viewers', async () => {
    proxy('memory').holdFor(DEMO.classroomStudents.length);
    const { result, calls } = await callsDuring('memory', () => Promise.all(DEMO.classroomStudents.map(lessonPage)));
    expect(calls).toHaveLength(DEMO.classroomStudents.length);
    expect(new Set(calls.map(({ viewer }) => viewer)).size).toBe(DEMO.classroomStudents.length);

    // Each student got their own memory: the same answer as when asking alone.
    for (const [i, studentId] of DEMO.classroomStudents.entries()) {
      expect(withoutErrors(result[i]!)).toEqual(withoutErrors(await lessonPage(studentId)));
    }
  }, 60_000);
});

describe('identical fetches of one viewer', () => {
  it('share one call when they read private fields, and stay apart from another viewer’s', async () => {
    const query = '{ me { id displayName } }';
    const [first, second] = [DEMO.children[0], DEMO.children[1]];
    proxy('users').holdFor(2);
    const { result, calls } = await callsDuring('users', () => Promise.all([
      ...Array.from({ length: 5 }, () => graph.query(query, { as: as.student(first) })),
      graph.query(query, { as: as.student(second) }),
    ]));
    expect(calls).toHaveLength(2);
    expect(result.slice(0, 5).map((response) => withoutErrors(response)!.me.id)).toEqual(Array(5).fill(String(first)));
    expect(withoutErrors(result[5]!)!.me.id).toBe(String(second));
  }, 30_000);

  it('never share a mutation', async () => {
    const input = { displayName: 'Mona', grade: 3, locale: 'ar' };
    proxy('users').holdFor(3);
    const { result, calls } = await callsDuring('users', () => Promise.all(Array.from({ length: 3 }, () =>
      graph.query(UPDATE_PROFILE, { variables: { input }, as: as.parent(DEMO.parent) }))));
    for (const response of result) expect(withoutErrors(response)!.updateProfile.displayName).toBe('Mona');
    expect(calls.filter(({ query }) => query.trimStart().startsWith('mutation'))).toHaveLength(3);
  }, 30_000);

  it('share one call for anonymous callers of a public query', async () => {
    const query = '{ lessons(first: 3) { edges { node { id title } } } }';
    proxy('curriculum').holdFor(4);
    const { result, calls } = await callsDuring('curriculum', () => Promise.all(Array.from({ length: 4 }, () => graph.query(query))));
    for (const response of result) expect(withoutErrors(response)!.lessons.edges).toHaveLength(3);
    expect(calls).toHaveLength(1);
  }, 30_000);
});

describe('which subgraph fetches are public', () => {
  const schema = Supergraph.build(readSdl('supergraph')).apiSchema().toGraphQLJSSchema();
  const curriculum = composedCacheHints().publicFieldsBySubgraph.get('curriculum')!;
  const memory = composedCacheHints().publicFieldsBySubgraph.get('memory')!;
  it.each([
    { to: 'curriculum', fetch: '{ lesson(id: "3") { __typename id title concepts { id name } } }', isPublic: true },
    { to: 'curriculum', fetch: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Concept { name } } }', isPublic: true },
    { to: 'curriculum', fetch: '{ lesson(id: "3") { id contentBytes { id } } }', isPublic: false },
    { to: 'curriculum', fetch: '{ notAField }', isPublic: false },
    { to: 'memory', fetch: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Concept { myMemory { accuracy } } } }', isPublic: false },
    { to: 'memory', fetch: 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Concept { id } } }', isPublic: false },
  ])('$to: $fetch is public: $isPublic', ({ to, fetch, isPublic }) => {
    expect(selectsOnlyPublicFields(schema, parse(fetch), to === 'curriculum' ? curriculum : memory)).toBe(isPublic);
  });
});
