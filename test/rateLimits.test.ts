/**
 * Rate limits through both fronts (node:http and the gateway Lambda): a caller over its budget gets
 * 429 RATE_LIMITED with Retry-After and no data; mutations have a tighter budget; anonymous callers
 * are counted per address; recordEvents counts events per learner; Redis down lets requests through.
 * Each spec uses user ids or addresses of its own, so no spec spends another's budget.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { loadDevIssuer, type DevIssuer } from '../gateway/auth/devIssuer.js';
import { createAppRuntime, type AppRuntime } from '../runtime/container/appDeps.js';
import { DEVELOPMENT_ISSUER, type RateLimitConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/observability/logger.js';
import { as, redisSettled, REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from './support/harness.js';
import { useGateway, type GraphResponse } from './support/gateway.js';
import { lambdaContext, v2Event } from './support/apiGatewayEvents.js';
import { startOwnRedis, type OwnRedis } from './support/redisServer.js';

const apps = useTestDatabase();
// Generous Redis timeout: a loaded CI machine must not turn a budget check into a pass.
const LIMITS: RateLimitConfig = { requestsPerMinute: 4, anonymousRequestsPerMinute: 3, mutationsPerMinute: 2, timeoutMs: 2_000 };
const EVENTS_PER_MINUTE = 5;

/** The harness runtime, with the event budget the deployed configuration gives recordEvents. */
let budgeted: AppRuntime | undefined;
const withEventBudget = () => {
  const runtime = apps.runtime();
  budgeted ??= { ...runtime, deps: { ...runtime.deps, analytics: { ...runtime.deps.analytics, eventBudget: { perMinute: EVENTS_PER_MINUTE, timeoutMs: 2_000 } } } };
  return budgeted;
};
const graph = useGateway(apps, { rateLimits: LIMITS, runtime: withEventBudget });

const PING = '{ __typename }';
const NOOP_MUTATION = 'mutation { recordEvents(events: []) { accepted } }';
const events = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ clientEventId: `rl-${from + i}`, type: 'LESSON_OPENED', occurredAt: new Date().toISOString() }));
const RECORD = 'mutation($e: [AnalyticsEventInput!]!) { recordEvents(events: $e) { accepted rejected rejections { index code retryable } } }';

function expectRateLimited({ status, headers, body }: { status: number; headers: Headers | Record<string, string | number | boolean | undefined>; body: GraphResponse['body'] }) {
  expect(status).toBe(429);
  expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED']);
  expect(body.data ?? null).toBeNull();
  const retryAfter = Number(headers instanceof Headers ? headers.get('retry-after') : headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(retryAfter);
}

describe('the HTTP front', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a signed-in user has spent the request budget', async () => {
    const user = as.student(7001);
    for (let i = 0; i < LIMITS.requestsPerMinute; i++) expect((await graph.query(PING, { as: user })).status).toBe(200);

    expectRateLimited(await graph.query(PING, { as: user }));
  });

  it('gives another user a budget of their own', async () => {
    for (let i = 0; i <= LIMITS.requestsPerMinute; i++) await graph.query(PING, { as: as.student(7002) });

    expect((await graph.query(PING, { as: as.student(7003) })).status).toBe(200);
  });

  it('refuses mutations beyond the tighter mutation budget while queries still run', async () => {
    const user = as.parent(7004);
    for (let i = 0; i < LIMITS.mutationsPerMinute; i++) expect((await graph.query(NOOP_MUTATION, { as: user })).status).toBe(200);

    expectRateLimited(await graph.query(NOOP_MUTATION, { as: user }));
    expect((await graph.query(PING, { as: user })).status).toBe(200);
  });
});

describe('recordEvents', () => {
  it('stores the events within the learner’s budget and rejects the rest as RATE_LIMITED, retryable, in one 200', async () => {
    const child = as.student(7010);

    const { status, body } = await graph.query(RECORD, { variables: { e: events(EVENTS_PER_MINUTE + 2) }, as: child });

    expect(status).toBe(200);
    expect(body.data?.recordEvents).toEqual({
      accepted: EVENTS_PER_MINUTE,
      rejected: 2,
      rejections: [EVENTS_PER_MINUTE, EVENTS_PER_MINUTE + 1].map((index) => ({ index, code: 'RATE_LIMITED', retryable: true })),
    });
  });

  it('counts events, not calls: a call after the budget is spent stores none', async () => {
    const child = as.student(7011);
    await graph.query(RECORD, { variables: { e: events(EVENTS_PER_MINUTE) }, as: child });

    const { body } = await graph.query(RECORD, { variables: { e: events(1, 100) }, as: child });

    expect(body.data?.recordEvents).toMatchObject({ accepted: 0, rejected: 1, rejections: [{ index: 0, code: 'RATE_LIMITED', retryable: true }] });
  });

  it('does not count invalid events against the budget', async () => {
    const child = as.student(7012);
    const invalid = events(EVENTS_PER_MINUTE).map((event) => ({ ...event, clientEventId: 'not valid!' }));
    await graph.query(RECORD, { variables: { e: invalid }, as: child });

    const { body } = await graph.query(RECORD, { variables: { e: events(EVENTS_PER_MINUTE, 200) }, as: child });

    expect(body.data?.recordEvents).toMatchObject({ accepted: EVENTS_PER_MINUTE, rejected: 0 });
  });
});

type GatewayHandler = Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

describe('the gateway Lambda', () => {
  let handler: GatewayHandler;
  let issuer: DevIssuer;
  let closeRuntime = async () => {};
  beforeAll(async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'lg-rate-limits-')), 'issuer.json');
    issuer = await loadDevIssuer(keyFile, DEVELOPMENT_ISSUER, 'learning-apps');
    const saved = { ...process.env };
    Object.assign(process.env, {
      APP_NAME: 'amal',
      DATABASE_URL: apps.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: `${apps.runtime().deps.redisKeyPrefix}lambda:`,
      CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
      DEV_ISSUER_KEY_FILE: keyFile,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_REQUESTS_PER_MINUTE: String(LIMITS.requestsPerMinute),
      RATE_LIMIT_ANONYMOUS_REQUESTS_PER_MINUTE: String(LIMITS.anonymousRequestsPerMinute),
      RATE_LIMIT_MUTATIONS_PER_MINUTE: String(LIMITS.mutationsPerMinute),
      RATE_LIMIT_TIMEOUT_MS: String(LIMITS.timeoutMs),
    });
    try {
      vi.resetModules();
      handler = (await import('../gateway/handler.js')).handler as unknown as GatewayHandler;
      const { runtime } = await import('../runtime/serve/coldStart.js');
      await redisSettled(runtime);
      closeRuntime = () => runtime.close();
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
  afterAll(() => closeRuntime());

  const send = async (query: string, { token, sourceIp = '198.51.100.1' }: { token?: string; sourceIp?: string } = {}) => {
    const event = v2Event({ method: 'POST', body: JSON.stringify({ query }), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    event.requestContext.http.sourceIp = sourceIp;
    const result = (await handler(event, lambdaContext, () => undefined)) as APIGatewayProxyStructuredResultV2;
    return { status: result.statusCode ?? 200, headers: result.headers ?? {}, body: JSON.parse(result.body ?? '{}') as GraphResponse['body'] };
  };

  it('answers 429 RATE_LIMITED with Retry-After once a signed-in user has spent the request budget', async () => {
    const token = await issuer.mint({ userId: '7101', role: 'STUDENT' });
    for (let i = 0; i < LIMITS.requestsPerMinute; i++) expect((await send(PING, { token })).status).toBe(200);

    expectRateLimited(await send(PING, { token }));
  });

  it('counts anonymous callers by the source address API Gateway saw', async () => {
    for (let i = 0; i < LIMITS.anonymousRequestsPerMinute; i++) expect((await send(PING, { sourceIp: '203.0.113.7' })).status).toBe(200);

    expectRateLimited(await send(PING, { sourceIp: '203.0.113.7' }));
    expect((await send(PING, { sourceIp: '203.0.113.8' })).status).toBe(200);
  });

  it('refuses mutations beyond the mutation budget', async () => {
    const token = await issuer.mint({ userId: '7102', role: 'PARENT' });
    for (let i = 0; i < LIMITS.mutationsPerMinute; i++) expect((await send(NOOP_MUTATION, { token })).status).toBe(200);

    expectRateLimited(await send(NOOP_MUTATION, { token }));
  });
});

describe('with Redis down', () => {
  let redis: OwnRedis;
  let runtime: AppRuntime;
  beforeAll(async () => {
    redis = await startOwnRedis();
  });
  const outage = useGateway(apps, {
    rateLimits: { ...LIMITS, timeoutMs: 100 },
    runtime: () => (runtime = createAppRuntime(
      { app: 'amal', databaseUrl: apps.url, redisUrl: redis.url, redisKeyPrefix: 'outage:', contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', redisCommandTimeoutMs: 100 },
      { logger: createLogger('silent') },
    )),
  });
  afterAll(async () => {
    await runtime?.close();
    await redis.dispose();
  });

  it('lets every request through: the limits fail open', async () => {
    await redis.stop();
    const user = as.student(7201);

    const statuses = [];
    for (let i = 0; i < LIMITS.requestsPerMinute * 2; i++) statuses.push((await outage.query(PING, { as: user })).status);
    const mutation = await outage.query(NOOP_MUTATION, { as: user });

    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(mutation.status).toBe(200);
  });
});
