import { describe, expect, it } from 'vitest';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const local = useGateway(apps, { transport: 'local' });
const http = useGateway(apps, { transport: 'http' });

const DASHBOARD = `query($id: ID!) {
  classroom(id: $id) {
    name
    students { id displayName mastery activity { streakDays } dueReviews(limit: 2) { concept { name contentBytes { id prompt } } } }
  }
}`;

describe('the http transport', () => {
  it('answers the cross-subgraph dashboard exactly as the local transport does', async () => {
    const viewer = as.teacher(DEMO.teacher);
    const [overLocal, overHttp] = await Promise.all([
      local.query(DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: viewer }),
      http.query(DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: viewer }),
    ]);
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.errors).toBeUndefined();
    expect(overHttp.body.data!.classroom.students).toHaveLength(30);
    // Data alike; the statement counts differ by design (each subgraph process counts its own).
    expect(overHttp.body.data).toEqual(overLocal.body.data);
  });

  it('carries the caller’s identity to every subgraph', async () => {
    const { body } = await http.query('{ me { id role } nextSession(size: 2) { id } }', { as: as.student(DEMO.children[0]) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me).toEqual({ id: String(DEMO.children[0]), role: 'STUDENT' });
    expect(body.data!.nextSession).toHaveLength(2);
  });

  it('keeps subgraph error codes', async () => {
    const { body } = await http.query('{ user(id: "7") { memory { accuracy } } }', { as: as.parent(DEMO.parent) });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
