import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { seedDemo } from '../seed/demo.js';
import { DEMO } from '../seed/demoIds.js';
import { loadDevIssuer } from '../gateway/auth/devIssuer.js';
import { CONTEXT_HEADER, signContext } from '../runtime/security/signedContext.js';
import { as, REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { lambdaContext, v2Event } from './support/apiGatewayEvents.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-lambda-')), 'issuer.json');
type V2Handler = Handler<ReturnType<typeof v2Event>, APIGatewayProxyStructuredResultV2>;
const handlers: Record<string, V2Handler> = {};
let parentToken = '';

beforeAll(async () => {
  // The handlers read their configuration at cold start, exactly as in Lambda.
  Object.assign(process.env, {
    APP_NAME: 'amal',
    DATABASE_URL: apps.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`,
    CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
    DEV_ISSUER_KEY_FILE: keyFile,
    LOG_LEVEL: 'silent',
  });
  const modules = {
    users: import('../subgraphs/users/handler.js'),
    curriculum: import('../subgraphs/curriculum/handler.js'),
    memory: import('../subgraphs/memory/handler.js'),
    analytics: import('../subgraphs/analytics/handler.js'),
    gateway: import('../gateway/handler.js'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as unknown as V2Handler;
  const { config } = await import('../runtime/serve/coldStart.js');
  const issuer = await loadDevIssuer(keyFile, config.auth.issuer, config.auth.audience);
  parentToken = await issuer.mint({ userId: String(DEMO.parent), role: 'PARENT' });
});
afterAll(async () => {
  const { runtime } = await import('../runtime/serve/coldStart.js');
  await runtime.close();
});

const invoke = async (name: string, event: ReturnType<typeof v2Event>) => {
  const result = (await handlers[name]!(event, lambdaContext, () => undefined)) as APIGatewayProxyStructuredResultV2;
  return { ...result, json: JSON.parse(result.body ?? 'null') as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
};
const json = { 'content-type': 'application/json' };
const auth = () => ({ authorization: `Bearer ${parentToken}` });

describe('the gateway Lambda (API Gateway v2 events)', () => {
  it('answers a POST with a JSON body', async () => {
    const result = await invoke('gateway', v2Event({ method: 'POST', headers: { ...json, ...auth() }, body: JSON.stringify({ query: '{ me { id role } }' }) }));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    expect(result.json.data).toEqual({ me: { id: String(DEMO.parent), role: 'PARENT' } });
  });

  it('answers a POST with a base64-encoded body', async () => {
    const result = await invoke('gateway', v2Event({ method: 'POST', base64: true, headers: { ...json, ...auth() }, body: JSON.stringify({ query: '{ me { children { displayName } } }' }) }));
    expect(result.statusCode).toBe(200);
    expect(result.json.data.me.children).toHaveLength(2);
  });

  it('answers a GET with the query in the query string', async () => {
    const result = await invoke('gateway', v2Event({ method: 'GET', headers: { ...auth(), 'apollo-require-preflight': 'true' }, query: { query: '{ me { id } }' } }));
    expect(result.statusCode).toBe(200);
    expect(result.json.data).toEqual({ me: { id: String(DEMO.parent) } });
  });

  it('refuses a mutation sent as GET', async () => {
    const result = await invoke('gateway', v2Event({ method: 'GET', headers: { ...auth(), 'apollo-require-preflight': 'true' }, query: { query: 'mutation { updateProfile(input: { locale: "en" }) { id } }' } }));
    expect(result.statusCode).toBe(405);
  });

  it.each([
    { name: 'a viewer’s own answer to a GET', event: () => v2Event({ method: 'GET', headers: { ...auth(), 'apollo-require-preflight': 'true' }, query: { query: '{ me { id } }' } }), status: 200, header: 'no-store' },
    { name: 'a public answer to a GET', event: () => v2Event({ method: 'GET', headers: { ...auth(), 'apollo-require-preflight': 'true' }, query: { query: '{ lesson(id: "1") { title } }' } }), status: 200, header: 'max-age=3600, public' },
    { name: 'a refused token', event: () => v2Event({ method: 'GET', headers: { authorization: 'Bearer not-a-token', 'apollo-require-preflight': 'true' }, query: { query: '{ lesson(id: "1") { title } }' } }), status: 401, header: 'no-store' },
    { name: 'an unreadable body', event: () => v2Event({ method: 'POST', headers: { ...json, ...auth() }, body: '{"query": ' }), status: 400, header: 'no-store' },
  ])('gives $name the Cache-Control no other viewer can be served from: $header', async ({ event, status, header }) => {
    const result = await invoke('gateway', event());
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['cache-control']).toBe(header);
  });

  it('answers malformed JSON with a 400 and a GraphQL error', async () => {
    const result = await invoke('gateway', v2Event({ method: 'POST', headers: { ...json, ...auth() }, body: '{"query": "{ me { id } }"' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it.each([{ base64: false }, { base64: true }])('refuses an oversized body (base64: $base64) with a 413', async ({ base64 }) => {
    const body = JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(300 * 1024) } });
    const result = await invoke('gateway', v2Event({ method: 'POST', base64, headers: { ...json, ...auth() }, body }));
    expect(result.statusCode).toBe(413);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a preflight that reaches it with a bare 204, leaving the CORS headers to API Gateway', async () => {
    const result = await invoke('gateway', v2Event({ method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } }));
    expect(result.statusCode).toBe(204);
    expect(result.headers ?? {}).toEqual({});
  });
});

describe.each(['users', 'curriculum', 'memory', 'analytics'])('the %s subgraph Lambda', (name) => {
  const sign = () => signContext({ viewer: as.admin(DEMO.admin), app: 'amal', requestId: randomUUID() }, { audience: name, secret: TEST_CONTEXT_SECRET });

  it('answers a signed POST', async () => {
    const result = await invoke(name, v2Event({ method: 'POST', headers: { ...json, [CONTEXT_HEADER]: sign() }, body: JSON.stringify({ query: '{ _service { sdl } }' }) }));
    expect(result.statusCode).toBe(200);
    expect(result.json.data._service.sdl).toContain('@key');
  });

  it('answers a signed base64 POST', async () => {
    const result = await invoke(name, v2Event({ method: 'POST', base64: true, headers: { ...json, [CONTEXT_HEADER]: sign() }, body: JSON.stringify({ query: '{ __typename }' }) }));
    expect(result.statusCode).toBe(200);
    expect(result.json.data).toEqual({ __typename: 'Query' });
  });

  it('answers malformed JSON with a 400', async () => {
    const result = await invoke(name, v2Event({ method: 'POST', headers: { ...json, [CONTEXT_HEADER]: sign() }, body: '{' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
