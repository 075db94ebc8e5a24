/**
 * The hostile-request catalogue, rate-limit evasion (docs/SECURITY.md lists every case): ways of
 * spreading one caller's load so that the gateway's budgets miss it. Each case spends a budget of
 * its own (its own user id) and shows the request that should slip through refused with 429
 * RATE_LIMITED, or refused anyway, and that nothing was written.
 */
import { describe, expect, it } from 'vitest';
import { loadManifest, sha256 } from '../../gateway/manifest.js';
import type { RateLimitConfig } from '../../runtime/config.js';
import { as, tableFingerprint, useTestDatabase } from '../support/harness.js';
import { useGateway, type GraphResponse } from '../support/gateway.js';

const apps = useTestDatabase();
const LIMITS: RateLimitConfig = { requestsPerMinute: 4, anonymousRequestsPerMinute: 3, mutationsPerMinute: 2, timeoutMs: 2_000 };
const graph = useGateway(apps, { production: true, rateLimits: LIMITS });
const json = { 'content-type': 'application/json' };
const PING = '{ __typename }';
const event = (id: string) => `{ clientEventId: "${id}", type: LESSON_OPENED, occurredAt: "${new Date().toISOString()}" }`;

const bearer = async (userId: number, role: 'STUDENT' | 'PARENT' | 'TEACHER' | 'ADMIN' = 'STUDENT') => ({ ...json, authorization: `Bearer ${await graph.token({ kind: 'user', userId: String(userId), role })}` });
const spend = async (times: number, send: () => Promise<GraphResponse>) => {
  for (let i = 0; i < times; i++) expect((await send()).status).toBe(200);
};

function expectRateLimited({ status, body }: GraphResponse) {
  expect(status).toBe(429);
  expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  expect(body.data ?? null).toBeNull();
}

describe('rate-limit evasion', () => {
  it('aliases: three aliased mutations in one request take three points of a budget of two', async () => {
    const headers = await bearer(8001);
    const before = await tableFingerprint(apps.runtime());

    const response = await graph.post(JSON.stringify({ query: `mutation { a: recordEvents(events: [${event('ev-a')}]) { accepted } b: recordEvents(events: [${event('ev-b')}]) { accepted } c: recordEvents(events: [${event('ev-c')}]) { accepted } }` }), headers);

    expectRateLimited(response);
    expect(await tableFingerprint(apps.runtime())).toBe(before);
  });

  it('fragments: mutations spread from a fragment count like fields written out', async () => {
    const headers = await bearer(8002);

    const response = await graph.post(JSON.stringify({ query: 'mutation { ...Many } fragment Many on Mutation { a: recordEvents(events: []) { accepted } b: recordEvents(events: []) { accepted } ... on Mutation { c: recordEvents(events: []) { accepted } } }' }), headers);

    expectRateLimited(response);
  });

  it('batching: an array of operations is refused whatever the budget left', async () => {
    const headers = await bearer(8003);

    const response = await graph.post(JSON.stringify(Array.from({ length: 10 }, () => ({ query: 'mutation { recordEvents(events: []) { accepted } }' }))), headers);

    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('persisted queries: requests by hash alone spend the same budget as text', async () => {
    const headers = await bearer(8004);
    const home = loadManifest().operations.find((operation) => operation.name === 'StudentHome')!;
    const byHash = () => graph.post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(home.body) } } }), headers);

    await spend(LIMITS.requestsPerMinute, byHash);

    expectRateLimited(await byHash());
  });

  it('persisted queries: an unknown hash spends a point too', async () => {
    const headers = await bearer(8005);
    for (let i = 0; i < LIMITS.requestsPerMinute; i++) {
      const unknown = await graph.post(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: `${i}`.padStart(64, 'f') } } }), headers);
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    }

    expectRateLimited(await graph.post(JSON.stringify({ query: PING }), headers));
  });

  it('many tokens for one user: every token of the user spends one budget', async () => {
    const tokens = await Promise.all((['STUDENT', 'PARENT', 'TEACHER', 'ADMIN', 'STUDENT'] as const).map((role) => bearer(8006, role)));

    for (const headers of tokens.slice(0, LIMITS.requestsPerMinute)) expect((await graph.post(JSON.stringify({ query: PING }), headers)).status).toBe(200);

    expectRateLimited(await graph.post(JSON.stringify({ query: PING }), tokens[LIMITS.requestsPerMinute]!));
  });

  it('parsing as the cost: over the budget, a document that would fail parsing or validation is answered 429, never parsed', async () => {
    const headers = await bearer(8007);
    await spend(LIMITS.requestsPerMinute, () => graph.post(JSON.stringify({ query: PING }), headers));

    expectRateLimited(await graph.post(JSON.stringify({ query: `{ me { ${'id '.repeat(3_000)} } }` }), headers));
    expectRateLimited(await graph.post(JSON.stringify({ query: `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { nickname }`).join(' ')} }` }), headers));
  });

  it('anonymous: a forwarded-for header of the client’s choosing buys no new budget', async () => {
    const spoofed = (i: number) => ({ ...json, 'x-forwarded-for': `192.0.2.${i}`, 'x-real-ip': `192.0.2.${i}`, forwarded: `for=192.0.2.${i}` });

    for (let i = 0; i < LIMITS.anonymousRequestsPerMinute; i++) expect((await graph.post(JSON.stringify({ query: PING }), spoofed(i))).status).toBe(200);

    expectRateLimited(await graph.post(JSON.stringify({ query: PING }), spoofed(99)));
  });
});
