import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signContext, CONTEXT_HEADER } from '../runtime/security/signedContext.js';
import { users } from '../subgraphs/users/index.js';
import { serveSubgraph } from '../scripts/localServers.js';
import { as, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';

const apps = useTestDatabase();
let url = '';
let close: () => Promise<void>;
beforeAll(async () => ({ url, close } = await serveSubgraph(users, apps.runtime(), 0)));
afterAll(() => close());

async function call(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const signed = (overrides: { app?: 'amal' | 'thurayya'; secret?: string; now?: number } = {}) =>
  signContext({ viewer: as.admin(1), app: overrides.app ?? 'amal', requestId: 'test' }, overrides.secret ?? TEST_CONTEXT_SECRET, overrides.now);

describe('a subgraph called directly over HTTP', () => {
  it.each([
    { name: 'no signed context', headers: {} },
    { name: 'a context signed with another secret', headers: { [CONTEXT_HEADER]: signed({ secret: 'guess' }) } },
    { name: 'a tampered context', headers: { [CONTEXT_HEADER]: signed().replace(/^./, (c) => (c === 'e' ? 'f' : 'e')) } },
    { name: 'an expired context', headers: { [CONTEXT_HEADER]: signed({ now: Date.now() - 10 * 60_000 }) } },
    { name: 'a context for another app', headers: { [CONTEXT_HEADER]: signed({ app: 'thurayya' }) } },
  ] as { name: string; headers: Record<string, string> }[])('refuses $name with 401 UNAUTHENTICATED and no data', async ({ headers }) => {
    for (const query of ['{ me { id } }', '{ _entities(representations: [{ __typename: "User", id: "1" }]) { ... on User { id } } }']) {
      const { status, body } = await call(query, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('answers a correctly signed call', async () => {
    const { status, body } = await call('{ _service { sdl } }', { [CONTEXT_HEADER]: signed() });
    expect(status).toBe(200);
    expect(JSON.stringify(body.data)).toContain('type User');
  });
});
