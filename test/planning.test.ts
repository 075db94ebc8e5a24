/**
 * The shipped plans change nothing: every operation of the manifest gets the same answer from the
 * gateway with the plan file, the gateway planning it at run time, and stock Apollo Gateway.
 *
 * The first runs against the real subgraphs (MariaDB and Redis) and records each subgraph call;
 * the other two are answered from that record, and a call it does not hold fails them. So
 * mutations run once, and identical answers mean identical subgraph calls too.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPlannedGateway } from '../gateway/planning/plannedGateway.js';
import { loadPlanFile, plansFor } from '../gateway/planning/planFile.js';
import { SupergraphError } from '../gateway/errors.js';
import { buildPlanFile } from '../gateway/planning/planner.js';
import { dataSourceFor } from '../gateway/datasources/index.js';
import type { GatewayContext } from '../gateway/context.js';
import { loadManifest } from '../gateway/manifest.js';
import { readSdl } from '../schema/subgraphs.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import type { Viewer } from '../runtime/security/signedContext.js';
import * as subgraphs from '../subgraphs/index.js';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';

// Stock Apollo Gateway would otherwise probe cloud metadata endpoints and report to Apollo.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const apps = useTestDatabase({ seed: { amal: seedDemo } });
const supergraphSdl = readSdl('supergraph');
const manifest = loadManifest();

const now = new Date();
const child = String(DEMO.children[0]);
/** Each manifest operation as its app sends it; erasing goes last, as it removes the child. */
const REQUESTS: Record<string, { viewer: Viewer; variables?: Record<string, unknown> }> = {
  MyClassrooms: { viewer: as.teacher(DEMO.teacher) },
  ClassroomDashboard: { viewer: as.teacher(DEMO.teacher), variables: { id: String(DEMO.classroom) } },
  ClassroomJoinCode: { viewer: as.teacher(DEMO.teacher), variables: { id: String(DEMO.classroom) } },
  LearningOutcomes: { viewer: as.teacher(DEMO.teacher), variables: { classroomId: String(DEMO.classroom), from: new Date(now.getTime() - 7 * 86_400_000).toISOString(), to: now.toISOString() } },
  StudentHome: { viewer: as.student(Number(child)) },
  Lessons: { viewer: as.student(Number(child)), variables: { subject: 'ARABIC', first: 3 } },
  LessonPage: { viewer: as.student(Number(child)), variables: { id: '1' } },
  NextSession: { viewer: as.student(Number(child)), variables: { size: 5 } },
  SubmitAnswer: { viewer: as.student(Number(child)), variables: { input: { contentByteId: '11', correct: true, responseTimeMs: 3_000, answeredAt: now.toISOString(), clientEventId: randomUUID() } } },
  RecordEvents: { viewer: as.student(Number(child)), variables: { events: [{ clientEventId: randomUUID(), type: 'LESSON_OPENED', occurredAt: now.toISOString() }] } },
  MyChildren: { viewer: as.parent(DEMO.parent) },
  UpdateProfile: { viewer: as.parent(DEMO.parent), variables: { input: { userId: child, displayName: 'Layla' } } },
  CreateChildProfile: { viewer: as.parent(DEMO.parent), variables: { input: { displayName: 'Sami', grade: 2 } } },
  RemoveFromClassroom: { viewer: as.parent(DEMO.parent), variables: { classroomId: String(DEMO.classroom), studentId: String(DEMO.children[1]) } },
  JoinClassroom: { viewer: as.parent(DEMO.parent), variables: { code: 'NOT-A-CODE', childId: String(DEMO.children[1]) } },
  EnrolStudent: { viewer: as.admin(DEMO.admin), variables: { classroomId: String(DEMO.otherClassroom), studentId: String(DEMO.children[1]) } },
  ExportChild: { viewer: as.parent(DEMO.parent), variables: { childId: child } },
  EraseChild: { viewer: as.parent(DEMO.parent), variables: { childId: String(DEMO.children[1]) } },
};

/** Fewer than this many subgraph calls in all would mean the operations were refused before planning. */
const REQUESTS_WITH_CALLS = 18;

interface Call { request: string; response: GatewayGraphQLResponse }
const callKey = (subgraph: string, { query, variables }: { query?: string; variables?: Record<string, unknown> }) => JSON.stringify({ subgraph, query, variables });

function recording(subgraph: string, source: GraphQLDataSource<GatewayContext>, calls: Call[]): GraphQLDataSource<GatewayContext> {
  return {
    async process(options) {
      // As a subgraph reached over HTTP or Lambda sends it: JSON, errors as plain objects.
      const response = JSON.parse(JSON.stringify(await source.process(options))) as GatewayGraphQLResponse;
      calls.push({ request: callKey(subgraph, options.request), response });
      return structuredClone(response);
    },
  };
}

/** Answers from `calls`, each once; `replayed` collects the calls answered. */
function replaying(subgraph: string, calls: Call[], replayed: Set<Call>): GraphQLDataSource<GatewayContext> {
  return {
    async process({ request }) {
      const call = calls.find((candidate) => !replayed.has(candidate) && candidate.request === callKey(subgraph, request));
      if (!call) throw new Error(`A call the gateway with the plan file did not make: ${callKey(subgraph, request)}`);
      replayed.add(call);
      return structuredClone(call.response);
    },
  };
}

async function answer(server: ApolloServer<GatewayContext>, query: string, viewer: Viewer, variables?: Record<string, unknown>) {
  const contextValue: GatewayContext = { identity: { viewer, app: 'amal', requestId: randomUUID() }, deadline: Date.now() + 10_000 };
  const { body } = await server.executeOperation({ query, variables }, { contextValue });
  if (body.kind !== 'single') throw new Error('expected a single result');
  return body.singleResult;
}

describe('the plan file', () => {
  it('holds the plan the planner makes for each manifest operation, for the shipped supergraph', () => {
    const documents = Object.fromEntries(manifest.operations.map(({ id, body }) => [id, body]));
    expect(loadPlanFile()).toEqual(JSON.parse(JSON.stringify(buildPlanFile(supergraphSdl, documents))));
  });

  it('is refused for any other supergraph: a stale file never serves', () => {
    expect(plansFor(loadPlanFile(), supergraphSdl).plans).toEqual(loadPlanFile().plans);
    const changed = supergraphSdl.replace('type Query', '"""A changed description."""\ntype Query');
    expect(changed).not.toBe(supergraphSdl);
    expect(() => plansFor(loadPlanFile(), changed)).toThrow(SupergraphError);
    expect(() => plansFor(loadPlanFile(), changed)).toThrow(/made for another supergraph .* stale\. Run `npm run operations`/);
  });

  it('answers every manifest operation as the planner and stock Apollo Gateway do', async () => {
    expect(manifest.operations.map(({ name }) => name).sort()).toEqual(Object.keys(REQUESTS).sort());
    const calls: Call[] = [];
    const deps = apps.runtime().deps;
    const local = (name: string) => dataSourceFor({ kind: 'local', subgraph: subgraphs[name as keyof typeof subgraphs] as SubgraphModule<never>, deps }, name);
    const shipped = new ApolloServer<GatewayContext>({ gateway: createPlannedGateway({ supergraphSdl, plans: loadPlanFile(), buildService: ({ name }) => recording(name, local(name), calls) }) });
    const replayedBy = { planning: new Set<Call>(), apollo: new Set<Call>() };
    const planning = new ApolloServer<GatewayContext>({ gateway: createPlannedGateway({ supergraphSdl, buildService: ({ name }) => replaying(name, calls, replayedBy.planning) }) });
    const apollo = new ApolloServer<GatewayContext>({ gateway: new ApolloGateway({ supergraphSdl, buildService: ({ name }) => replaying(name, calls, replayedBy.apollo) }) });
    const servers = [shipped, planning, apollo];
    await Promise.all(servers.map((server) => server.start()));
    try {
      const byName = new Map(manifest.operations.map(({ name, body }) => [name, body]));
      let answeredWithData = 0;
      for (const [name, { viewer, variables }] of Object.entries(REQUESTS)) {
        const document = byName.get(name)!;
        const expected = await answer(shipped, document, viewer, variables);
        if (expected.data) answeredWithData++;
        for (const other of [planning, apollo]) {
          expect({ name, ...(await answer(other, document, viewer, variables)) }).toEqual({ name, ...expected });
        }
      }
      // A probe's `{ __typename }` plans to nothing, without the planner.
      for (const probe of ['{ __typename }', 'query Probe { kind: __typename __typename }']) {
        const expected = await answer(shipped, probe, as.anonymous);
        expect(expected.data).toEqual(expect.objectContaining({ __typename: 'Query' }));
        for (const other of [planning, apollo]) expect(await answer(other, probe, as.anonymous)).toEqual(expected);
      }
      // Each subgraph call was made once by each of the other two, and nothing else was asked.
      expect(calls.length).toBeGreaterThan(REQUESTS_WITH_CALLS);
      for (const replayed of Object.values(replayedBy)) expect(calls.filter((call) => !replayed.has(call))).toEqual([]);
      // The comparison is of answers, not of the same refusal everywhere.
      expect(answeredWithData).toBeGreaterThanOrEqual(16);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });
});
