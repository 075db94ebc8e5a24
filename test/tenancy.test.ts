import { describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { DEMO } from '../seed/demoIds.js';
import { usersTables } from '../subgraphs/users/tables.js';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import { as, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

/** thurayya has one family of its own, with ids that collide with amal's demo ids on purpose. */
async function seedThurayya({ deps: { db, app } }: AppRuntime) {
  const { users } = usersTables(app);
  const now = new Date();
  await db.insert(users).values({ id: DEMO.parent, displayName: 'Thurayya Parent', role: 'PARENT', locale: 'en', grade: null, createdAt: now, updatedAt: now });
}

const apps = useTestDatabase({ seed: { amal: seedDemo, thurayya: seedThurayya } });
const amal = useGateway(apps, { app: 'amal' });
const thurayya = useGateway(apps, { app: 'thurayya' });

describe('two apps on one database and one Redis', () => {
  it('keep their users apart even when ids collide (and after the cache is warm)', async () => {
    const amalMe = await amal.query('{ me { displayName } }', { as: as.parent(DEMO.parent) });
    const thurayyaMe = await thurayya.query('{ me { displayName } }', { as: as.parent(DEMO.parent) });
    expect(thurayyaMe.body.data).toEqual({ me: { displayName: 'Thurayya Parent' } });
    expect(amalMe.body.data?.me.displayName).not.toBe('Thurayya Parent');
  });

  it('keep their curriculum apart', async () => {
    const amalLesson = await amal.query('{ lesson(id: "1") { title } }', { as: as.teacher(DEMO.teacher) });
    const thurayyaLesson = await thurayya.query('{ lesson(id: "1") { title } }', { as: as.admin(DEMO.admin) });
    expect(amalLesson.body.data?.lesson?.title).toEqual(expect.any(String));
    expect(thurayyaLesson.body.data).toEqual({ lesson: null });
  });

  it('refuse a token issued for the other app', async () => {
    const amalToken = await amal.token(as.parent(DEMO.parent));
    const { status, body } = await thurayya.post(JSON.stringify({ query: '{ me { displayName } }' }), { authorization: `Bearer ${amalToken}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });

  it('refuse a context signed for the other app', async () => {
    const { verifyContext, signContext } = await import('../runtime/security/signedContext.js');
    const token = signContext({ viewer: as.admin(1), app: 'amal', requestId: 'r1' }, { audience: 'users', secret: 'secret' });
    expect(verifyContext(token, { secrets: ['secret'], app: 'thurayya', audience: 'users' })).toEqual({ ok: false, reason: 'wrong-app' });
  });
});
