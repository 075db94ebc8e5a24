import { describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { createLogger } from '../runtime/observability/logger.js';
import type { Viewer } from '../runtime/security/signedContext.js';
import { loadManifest } from '../gateway/manifest.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

type Line = Record<string, any>;
const lines: Line[] = [];
const logger = createLogger('info', {}, (line) => lines.push(JSON.parse(line) as Line));

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps, { production: true, logger });

const teacher = as.teacher(DEMO.teacher);
const operationLine = (requestId: string) => lines.find((line) => line.event === 'graphql.operation' && line.requestId === requestId);
const send = (query: string, options: { as: Viewer; variables?: Record<string, unknown> }, requestId: string) =>
  graph.query(query, { ...options, headers: { 'x-request-id': requestId } });

describe('demand control at the gateway', () => {
  it('refuses the nested list query of issue 24 with COST_LIMIT before any subgraph is called, and logs its estimate', async () => {
    const query = `{ lesson(id: "1") { ${'contentBytes { concept { lesson { '.repeat(2)}contentBytes { id prompt }${' } } }'.repeat(2)} } }`;
    const { status, body } = await send(query, { as: teacher }, 'cost-nested');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT');
    expect(body.data).toBeUndefined();
    const line = operationLine('cost-nested');
    expect(line).toMatchObject({ costEstimated: expect.any(Number), subgraphMs: {} });
    expect(line!.costEstimated).toBeGreaterThan(100_000);
    expect(line).not.toHaveProperty('costActual');
  });

  it('runs the teacher’s dashboard and logs its estimate beside what its answer cost', async () => {
    const dashboard = loadManifest().operations.find((operation) => operation.name === 'ClassroomDashboard')!;
    const { status, body } = await send(dashboard.body, { as: teacher, variables: { id: String(DEMO.classroom) } }, 'cost-dashboard');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const line = operationLine('cost-dashboard');
    expect(line).toMatchObject({ costEstimated: expect.any(Number), costActual: expect.any(Number) });
    // 30 students with their activity: at least 1 + 30 × 2 objects came back, never more than estimated.
    expect(line!.costActual).toBeGreaterThanOrEqual(61);
    expect(line!.costActual).toBeLessThanOrEqual(line!.costEstimated);
  });

  it('sizes a list by the variable a client passes for its slicing argument', async () => {
    const query = 'query($size: Int) { nextSession(size: $size) { id concept { contentBytes { id } } } }';
    const small = await send(query, { as: as.student(DEMO.children[0]), variables: { size: 3 } }, 'cost-small');
    expect(small.body.errors).toBeUndefined();
    // 9,000 content bytes' concepts' content bytes: over the budget, refused as sent.
    const large = await send(query, { as: as.student(DEMO.children[0]), variables: { size: 9_000 } }, 'cost-large');
    expect(large.status).toBe(400);
    expect(large.body.errors?.[0]?.extensions?.code).toBe('COST_LIMIT');
    expect(operationLine('cost-small')!.costEstimated).toBeLessThan(operationLine('cost-large')!.costEstimated);
  });

  it('lets an admin run the explorer’s whole introspection, counted like any query', async () => {
    const { status, body } = await send(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }), { as: as.admin(DEMO.admin) }, 'cost-introspection');
    expect(status).toBe(200);
    expect(body.data?.__schema.types.length).toBeGreaterThan(20);
    expect(operationLine('cost-introspection')).toMatchObject({ costEstimated: expect.any(Number), costActual: expect.any(Number) });
  });
});
