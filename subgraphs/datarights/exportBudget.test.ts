import { describe, expect, it } from 'vitest';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { as, useTestDatabase } from '../../test/support/harness.js';
import { useGateway } from '../../test/support/gateway.js';
import { EXPORT_BUDGET } from './exportBudget.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const graph = useGateway(apps);
const exportOf = (childId: number) => `query { childDataExport(childId: "${childId}") { formatVersion } }`;
const aliased = (childId: number, count: number) => `query { ${Array.from({ length: count }, (_, i) => `e${i}: childDataExport(childId: "${childId}") { formatVersion }`).join(' ')} }`;
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((error) => error.extensions?.code);

describe('childDataExport', () => {
  it(`answers ${EXPORT_BUDGET.perChild} exports of one child an hour, then RATE_LIMITED with the wait`, async () => {
    const child = DEMO.children[0];
    for (let i = 0; i < EXPORT_BUDGET.perChild; i++) expect((await graph.query(exportOf(child), { as: as.parent(DEMO.parent) })).body.errors).toBeUndefined();

    const { status, body } = await graph.query(exportOf(child), { as: as.parent(DEMO.parent) });

    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(body.data).toBeNull();
  });

  it('counts each alias as an export: fifteen aliases of one child are refused beyond the budget, and the answer as a whole', async () => {
    const { body } = await graph.query(aliased(DEMO.children[1], 15), { as: as.parent(DEMO.parent) });

    // The field is non-null: one refused alias nulls the whole answer.
    expect(body.data).toBeNull();
    expect(codes(body.errors)).toContain('RATE_LIMITED');
    expect(codes(body.errors).every((code) => code === 'RATE_LIMITED')).toBe(true);
    expect(codes((await graph.query(exportOf(DEMO.children[1]), { as: as.parent(DEMO.parent) })).body.errors)).toEqual(['RATE_LIMITED']);
  });

  it(`answers one requester ${EXPORT_BUDGET.perRequester} exports an hour across children, then RATE_LIMITED`, async () => {
    const children = DEMO.classroomStudents.slice(10, 10 + EXPORT_BUDGET.perRequester);
    for (const child of children) expect((await graph.query(exportOf(child), { as: as.admin(DEMO.admin) })).body.errors).toBeUndefined();

    const { body } = await graph.query(exportOf(DEMO.classroomStudents[20]!), { as: as.admin(DEMO.admin) });
    expect(codes(body.errors)).toEqual(['RATE_LIMITED']);
    expect(body.errors?.[0]?.message).toMatch(/data exports an hour/);
  });

  it('counts no export the requester may not take (FORBIDDEN comes first, and the child’s budget stays whole)', async () => {
    const child = DEMO.classroomStudents[21]!;
    for (let i = 0; i < 5; i++) expect(codes((await graph.query(exportOf(child), { as: as.parent(DEMO.parent) })).body.errors)).toEqual(['FORBIDDEN']);

    const { body } = await graph.query(aliased(child, EXPORT_BUDGET.perChild), { as: as.admin(DEMO.admin) });

    expect(body.errors === undefined || codes(body.errors).every((code) => code === 'RATE_LIMITED')).toBe(true);
  });
});
