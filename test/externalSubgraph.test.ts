import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from '../seed/demoIds.js';
import { seedDemo } from '../seed/demo.js';
import { loadExternalSubgraphs } from '../gateway/config.js';
import { CONTEXT_HEADER, signContext } from '../runtime/security/signedContext.js';
import { externalTarget } from '../gateway/fromConfig.js';
import { composeSupergraph, registeredSubgraphs } from '../schema/compose.js';
import { fetchSubgraphSdl } from '../schema/introspect.js';
import { as, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { useGateway } from './support/gateway.js';

/** The notifications team's secret: the gateway signs their calls with it, never with ours. */
const NOTIFICATIONS_SECRET = 'notifications-team-secret';
const SDL = readFileSync(new URL('../examples/notifications-subgraph/schema.graphql', import.meta.url), 'utf8');

/** The example subgraph as its own process: plain @apollo/server + @apollo/subgraph, none of our runtime. */
function startNotificationsSubgraph(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['examples/notifications-subgraph/server.ts'], {
    env: { ...process.env, PORT: '0', APP_NAME: 'amal', GATEWAY_CONTEXT_SECRETS: NOTIFICATIONS_SECRET },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /notifications subgraph at (\S+)/.exec(output)?.[1];
      if (url) resolve({ url, process: child });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`The notifications subgraph exited with ${code}: ${output}`)));
  });
}

const apps = useTestDatabase({ seed: { amal: seedDemo } });
let notifications: { url: string; process: ChildProcess };
beforeAll(async () => {
  notifications = await startNotificationsSubgraph();
});
afterAll(() => {
  notifications?.process.kill();
});

/** What the gateway's configuration makes of a registry entry `"notifications": { "url": … }` in development. */
const configured = () =>
  loadExternalSubgraphs({ SUBGRAPH_SECRET_NOTIFICATIONS: NOTIFICATIONS_SECRET }, { production: false, contextSecrets: [TEST_CONTEXT_SECRET] }, [{ name: 'notifications', url: notifications.url }]);

const graph = useGateway(apps, {
  external: () => configured().map((external) => ({ definition: { name: external.name, url: external.url, sdl: SDL }, target: externalTarget(external) })),
});

describe('an external subgraph extending User', () => {
  it('serves its field beside the core subgraphs’ fields', async () => {
    const { body } = await graph.query('{ me { id role unreadNotifications children { displayName mastery } } }', { as: as.parent(DEMO.parent) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me).toMatchObject({ id: String(DEMO.parent), role: 'PARENT', unreadNotifications: 3 });
    expect(body.data!.me.children).toHaveLength(2);
  });

  it('makes answers that use it uncacheable: the gateway cannot trace what it read', async () => {
    const ours = `{ classroom(id: "${DEMO.otherClassroom}") { students { id mastery } } }`;
    const withTheirs = `{ classroom(id: "${DEMO.otherClassroom}") { students { id mastery unreadNotifications } } }`;
    const outcome = async (query: string) => ((await graph.query(query, { as: as.admin(DEMO.admin) })).body as { extensions?: { responseCache?: string } }).extensions?.responseCache;
    expect(await outcome(ours)).toBe('stored');
    expect(await outcome(withTheirs)).toBe('not-stored');
    expect(await outcome(withTheirs)).toBe('not-stored');
  });

  it('resolves a whole classroom’s users in one call to it, for an admin', async () => {
    const { body } = await graph.query(`{ classroom(id: "${DEMO.otherClassroom}") { students { id mastery activity { streakDays } unreadNotifications } } }`, { as: as.admin(DEMO.admin) });
    expect(body.errors).toBeUndefined();
    const students = body.data!.classroom.students as { unreadNotifications: unknown }[];
    expect(students).toHaveLength(DEMO.otherClassroomStudents.length);
    for (const student of students) expect(student.unreadNotifications).toEqual(expect.any(Number));
  });

  it('applies its own rule: a parent sees a child’s profile but not the child’s notifications', async () => {
    const { body } = await graph.query(`{ user(id: "${DEMO.children[0]}") { displayName unreadNotifications } }`, { as: as.parent(DEMO.parent) });
    expect(body.data!.user.displayName).toEqual(expect.any(String));
    expect(body.data!.user.unreadNotifications).toBeNull();
    expect(body.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['FORBIDDEN', ['user', 'unreadNotifications']]]);
  });

  it('trusts only calls signed for it with its own secret, not with the core subgraphs’ secret', async () => {
    const call = (headers: Record<string, string>) =>
      fetch(notifications.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
    const identity = { viewer: as.admin(DEMO.admin), app: 'amal' as const, requestId: 'external-test' };
    expect((await call({})).status).toBe(401);
    expect((await call({ [CONTEXT_HEADER]: signContext(identity, { audience: 'notifications', secret: TEST_CONTEXT_SECRET }) })).status).toBe(401);
    expect((await call({ [CONTEXT_HEADER]: signContext(identity, { audience: 'users', secret: NOTIFICATIONS_SECRET }) })).status).toBe(401);
    expect((await call({ [CONTEXT_HEADER]: signContext(identity, { audience: 'notifications', secret: NOTIFICATIONS_SECRET }) })).status).toBe(200);
  });

  it('gives its SDL to a one-time introspection, which composes with ours', async () => {
    const sdl = await fetchSubgraphSdl({ name: 'notifications', url: notifications.url }, NOTIFICATIONS_SECRET, 'amal');
    expect(sdl).toContain('unreadNotifications: Int');
    expect(composeSupergraph([...registeredSubgraphs(), { name: 'notifications', url: notifications.url, sdl }]).ok).toBe(true);
  });
});

describe('the configuration of an external subgraph', () => {
  const registry = [{ name: 'notifications', url: 'http://127.0.0.1:4010/' }];
  const production = { production: true, contextSecrets: ['core-secret'] };

  it('requires a secret of its own in production', () => {
    expect(() => loadExternalSubgraphs({}, production, registry)).toThrow(/SUBGRAPH_SECRET_NOTIFICATIONS is required in production/);
    expect(() => loadExternalSubgraphs({ SUBGRAPH_SECRET_NOTIFICATIONS: 'core-secret' }, production, registry)).toThrow(/must differ from every CONTEXT_SECRETS/);
  });

  it('never signs its calls with ours: in development, without its secret, with one of the gateway’s process alone', () => {
    const development = { production: false, contextSecrets: ['core-secret'] };
    const [unset] = loadExternalSubgraphs({}, development, registry);
    expect(unset!.contextSecret).not.toBe('core-secret');
    expect(unset!.contextSecret.length).toBeGreaterThanOrEqual(32);
    expect(() => loadExternalSubgraphs({ SUBGRAPH_SECRET_NOTIFICATIONS: 'core-secret' }, development, registry)).toThrow(/must differ from every CONTEXT_SECRETS/);
  });

  it('reaches it at a configured URL or Lambda function instead of the registry’s URL', () => {
    const [byUrl] = loadExternalSubgraphs({ SUBGRAPH_SECRET_NOTIFICATIONS: 's', SUBGRAPH_URL_NOTIFICATIONS: 'https://notifications.internal/graphql' }, production, registry);
    const [byFunction] = loadExternalSubgraphs({ SUBGRAPH_SECRET_NOTIFICATIONS: 's', SUBGRAPH_FUNCTION_NOTIFICATIONS: 'amal-notifications:live' }, production, registry);
    expect(externalTarget(byUrl!)).toEqual({ kind: 'http', url: 'https://notifications.internal/graphql', contextSecret: 's' });
    expect(externalTarget(byFunction!)).toMatchObject({ kind: 'lambda', functionName: 'amal-notifications:live', contextSecret: 's' });
  });
});
