/**
 * Faults between the subgraphs and Redis (the L2 cache), through a fault proxy. Redis is an
 * accelerator: whatever it does, the dashboard answers whole from MySQL, with no error, and
 * `/ready` calls the instance degraded, not down. The L1 tier is disabled here so every read
 * reaches Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { createEntityCache } from '../../runtime/cache/entityCache.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, REDIS_URL, TEST_CONTEXT_SECRET, tableFingerprint, useTestDatabase } from '../support/harness.js';
import { useGateway } from '../support/gateway.js';
import { CLASSROOM_DASHBOARD } from '../support/dashboard.js';
import { addressOf, startFaultProxy, throughProxy, type Fault, type FaultProxy } from '../support/faultProxy.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
let redisProxy: FaultProxy;
let runtime: AppRuntime;
beforeAll(async () => {
  redisProxy = await startFaultProxy(addressOf(REDIS_URL));
  const keyPrefix = `test:${randomUUID().slice(0, 8)}:`;
  runtime = createAppRuntime(
    { app: 'amal', databaseUrl: apps.url, redisUrl: throughProxy(REDIS_URL, redisProxy), redisKeyPrefix: keyPrefix, contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', redisCommandTimeoutMs: 100 },
    { logger: createLogger('silent') },
  );
  runtime.deps.cache = createEntityCache(runtime.deps, { keyPrefix, l1TtlMs: 1 });
});
// These specs watch the entity cache; kept answers would be served before it is asked
// (the response cache under Redis faults: test/responseCache.test.ts).
const graph = useGateway(apps, { runtime: () => runtime, responseCacheTtlSeconds: 0 });
afterAll(async () => {
  await runtime.close();
  await redisProxy.close();
});

const teacher = as.teacher(DEMO.teacher);
const dashboard = () => graph.query(CLASSROOM_DASHBOARD, { variables: { id: String(DEMO.classroom) }, as: teacher });
let healthy: unknown;

afterEach(async () => {
  await redisProxy.set({ kind: 'pass' });
  for (let i = 0; i < 60 && runtime.deps.redis?.status !== 'ready'; i++) await sleep(50);
});

/** The dashboard under `fault`: the same data as with a healthy Redis, no error, nothing written. */
async function expectWholeDashboard(fault: Fault, during?: () => () => void) {
  healthy ??= (await dashboard()).body.data;
  const before = await tableFingerprint(runtime);
  await redisProxy.set(fault);
  const stop = during?.();
  const answers = [await dashboard(), await dashboard()];
  stop?.();
  for (const { status, body } of answers) {
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(healthy);
  }
  expect(await tableFingerprint(runtime)).toBe(before);
}

describe('Redis', () => {
  it('refusing connections: the dashboard answers whole from MySQL, and /ready says degraded', async () => {
    await expectWholeDashboard({ kind: 'refuse' });
    // An admin sees each check (anyone else the status alone), probed afresh.
    const ready = await fetch(new URL('/ready', graph.url), { headers: { authorization: `Bearer ${await graph.token(as.admin(DEMO.admin))}` } });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', checks: { redis: { status: 'down', required: false }, database: { status: 'up' } } });
  });

  it('blackholed: every command times out as a miss and the dashboard still answers whole', async () => {
    await expectWholeDashboard({ kind: 'blackhole' });
  });

  it('slower than its command timeout: read as misses, the dashboard answers whole', async () => {
    await expectWholeDashboard({ kind: 'latency', ms: 300 });
  });

  it('cutting its answers mid-reply: the dashboard answers whole', async () => {
    await expectWholeDashboard({ kind: 'cut', afterBytes: 5 });
  });

  it('trickling its answers: the dashboard answers whole', async () => {
    await expectWholeDashboard({ kind: 'trickle', bytes: 1, everyMs: 20 });
  });

  it('flapping (every connection cut every 30 ms): the dashboard answers whole', async () => {
    await expectWholeDashboard({ kind: 'pass' }, () => {
      const flapping = setInterval(() => redisProxy.cutAll(), 30);
      return () => clearInterval(flapping);
    });
  });

  it('coming back: the cache is used again once its back-off ends', async () => {
    await redisProxy.set({ kind: 'refuse' });
    await dashboard();
    await redisProxy.set({ kind: 'pass' });
    for (let i = 0; i < 60 && runtime.deps.redis?.status !== 'ready'; i++) await sleep(50);
    const before = runtime.deps.cache.stats().l2Hits;
    // The cache skips Redis for a short back-off after a failure (runtime/cache/entityCache.ts), then tries again.
    for (let i = 0; i < 50 && runtime.deps.cache.stats().l2Hits <= before; i++) {
      await sleep(100);
      await dashboard();
    }
    expect(runtime.deps.cache.stats().l2Hits).toBeGreaterThan(before);
  });
});
