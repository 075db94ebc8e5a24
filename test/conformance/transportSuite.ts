/**
 * The conformance specs every transport between the gateway and its subgraphs passes (local,
 * http, lambda: gateway/datasources/): the same answers as in-process, the caller's identity and
 * the subgraphs' error codes carried, a subgraph given up on at its deadline, and a call whose
 * signal aborts stopped by the transport itself (not only abandoned by the resilience wrapper).
 * test/conformance/transports.test.ts runs them over each transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GatewayContext } from '../../gateway/context.js';
import { dataSourceFor } from '../../gateway/datasources/index.js';
import type { BaseContext, SubgraphModule } from '../../runtime/subgraph/contract.js';
import { DEMO } from '../../seed/demoIds.js';
import { curriculum } from '../../subgraphs/curriculum/index.js';
import { CLASSROOM_DASHBOARD } from '../support/dashboard.js';
import { useGateway, type GraphResponse, type TestGateway } from '../support/gateway.js';
import { as, type TestApps } from '../support/harness.js';

export type TransportName = 'local' | 'http' | 'lambda';

export interface TransportSetup {
  apps: TestApps;
  /** Whose answers every transport gives: a local gateway (in another container). */
  reference: TestGateway;
}

type Resolver = (parent: unknown, args: unknown, context: BaseContext, info: unknown) => unknown;

/**
 * Curriculum whose `Query.lesson` holds the next calls on demand until released, or until the
 * call's signal aborts (in-process only: over http and lambda the subgraph never learns of it).
 * The same module runs on every transport, so each is tried with the same subgraph that does not answer.
 */
function curriculumOnHold() {
  const releases = new Set<() => void>();
  let toHold = 0;
  let held = 0;
  const resolvers = curriculum.resolvers as { Query: Record<string, Resolver> };
  const lesson = resolvers.Query.lesson!;
  const hold: Resolver = async (parent, args, context, info) => {
    if (toHold > 0) {
      toHold--;
      held++;
      await new Promise<void>((release) => {
        releases.add(release);
        context.signal?.addEventListener('abort', () => release(), { once: true });
      });
      context.signal?.throwIfAborted();
    }
    return lesson(parent, args, context, info);
  };
  return {
    module: { ...curriculum, resolvers: { ...resolvers, Query: { ...resolvers.Query, lesson: hold } } } as SubgraphModule<never>,
    /** Holds the next `lesson` call. */
    holdNext: () => void toHold++,
    /** Calls held since start. */
    get held() { return held; },
    releaseAll() {
      toHold = 0;
      for (const release of releases) release();
      releases.clear();
    },
  };
}

const ME_AND_LESSON = '{ me { id displayName } lesson(id: "1") { title } }';
const CURRICULUM_TIMEOUT_MS = 1_000;

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  for (const until = Date.now() + ms; !check(); await sleep(10)) if (Date.now() > until) throw new Error(`${what} within ${ms} ms`);
}

export function defineTransportSuite(transport: TransportName, { apps, reference }: TransportSetup): void {
  describe(`the ${transport} transport (transport conformance)`, () => {
    const onHold = curriculumOnHold();
    const graph = useGateway(apps, {
      transport,
      modules: { curriculum: onHold.module },
      // Only curriculum is made slow; no circuit opens, so each spec meets the subgraph itself.
      subgraphResilience: { all: { circuitFailures: 1_000 }, byName: { curriculum: { timeoutMs: CURRICULUM_TIMEOUT_MS } } },
      // Every answer comes through the transport, none from the response cache.
      responseCacheTtlSeconds: 0,
    });
    afterEach(() => onHold.releaseAll());

    /** One call of curriculum straight through the transport, as the gateway makes it. */
    const callCurriculum = (signal: AbortSignal): Promise<GatewayGraphQLResponse> => {
      const context: GatewayContext = { identity: { viewer: as.student(DEMO.children[0]), app: 'amal', requestId: randomUUID() }, deadline: Date.now() + 60_000 };
      const options = { kind: 'incoming operation', request: { query: '{ lesson(id: "1") { title } }' }, context, incomingRequestContext: {} };
      return dataSourceFor(graph.targets.curriculum!, 'curriculum').process(options as unknown as GraphQLDataSourceProcessOptions<GatewayContext>, signal);
    };

    it('answers the classroom dashboard exactly as the local transport does', async () => {
      const viewer = as.teacher(DEMO.teacher);
      const variables = { id: String(DEMO.classroom) };
      const [expected, answered] = await Promise.all([reference.query(CLASSROOM_DASHBOARD, { variables, as: viewer }), graph.query(CLASSROOM_DASHBOARD, { variables, as: viewer })]);
      expect(answered.status).toBe(200);
      expect(answered.body.errors).toBeUndefined();
      expect(answered.body.data!.classroom.students).toHaveLength(30);
      // Data alike; statement counts differ by design (each subgraph process counts its own).
      expect(answered.body.data).toEqual(expected.body.data);
    });

    it('carries the caller’s identity to every subgraph', async () => {
      const { body } = await graph.query('{ me { id role } nextSession(size: 2) { id } }', { as: as.student(DEMO.children[0]) });
      expect(body.errors).toBeUndefined();
      expect(body.data!.me).toEqual({ id: String(DEMO.children[0]), role: 'STUDENT' });
      expect(body.data!.nextSession).toHaveLength(2);
    });

    it('keeps subgraph error codes', async () => {
      const { body } = await graph.query('{ user(id: "7") { memory { accuracy } } }', { as: as.parent(DEMO.parent) });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.data?.user?.memory ?? null).toBeNull();
    });

    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      const { body } = await graph.query('{ me { id } }');
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data?.me ?? null).toBeNull();
    });

    it('gives up on a subgraph at its deadline: its fields null with SUBGRAPH_TIMEOUT, the rest answered', async () => {
      onHold.holdNext();
      // Answered while curriculum still holds the call: the gateway did not wait for it.
      const response: GraphResponse = await graph.query(ME_AND_LESSON, { as: as.parent(DEMO.parent) });
      expect(onHold.held).toBeGreaterThan(0);
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ me: { id: String(DEMO.parent), displayName: expect.any(String) }, lesson: null });
      expect(response.body.errors).toEqual([expect.objectContaining({ path: ['lesson'], extensions: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'curriculum' }) })]);
      expect(JSON.stringify(response.body)).not.toMatch(/amal-curriculum|127\.0\.0\.1|Abort/);
    });

    it('answers the next request after one it gave up on', async () => {
      onHold.holdNext();
      await graph.query(ME_AND_LESSON, { as: as.parent(DEMO.parent) });
      const { body } = await graph.query(ME_AND_LESSON, { as: as.parent(DEMO.parent) });
      expect(body.errors).toBeUndefined();
      expect(body.data!.lesson.title).toEqual(expect.any(String));
    });

    it('stops a call when its signal aborts, without waiting for the subgraph', async () => {
      const before = onHold.held;
      onHold.holdNext();
      const controller = new AbortController();
      const call = callCurriculum(controller.signal).then((response) => ({ response }), (error: unknown) => ({ error }));
      await eventually(() => onHold.held > before, 'curriculum held the call');
      controller.abort();
      const outcome = await Promise.race([call, sleep(2_000).then(() => 'still waiting' as const)]);
      // Settled, without the subgraph's answer: rejected (http, lambda), or its fields refused to run (local).
      expect(outcome).not.toBe('still waiting');
      if (outcome !== 'still waiting' && 'response' in outcome) {
        expect(outcome.response.data?.lesson ?? null).toBeNull();
        expect(outcome.response.errors?.length).toBeGreaterThan(0);
      }
    });

    it('makes no call when its signal has already aborted', async () => {
      const before = onHold.held;
      onHold.holdNext();
      const controller = new AbortController();
      controller.abort();
      // Settled at once, or given time for a call sent anyway to reach the subgraph.
      const response = await Promise.race([callCurriculum(controller.signal).catch(() => undefined), sleep(500).then(() => undefined)]);
      expect(response?.data?.lesson ?? null).toBeNull();
      expect(onHold.held).toBe(before);
    });
  });
}
