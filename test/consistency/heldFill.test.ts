/**
 * A load that began before another container's write never fills the cache after it: the held
 * load's own answer is the old row (it read before the write), and everything after shows the new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { createEntityCache, SCHEMA_VERSION } from '../../runtime/cache/entityCache.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from '../support/harness.js';
import { addressOf, startFaultProxy, throughProxy, type FaultProxy } from '../support/faultProxy.js';
import { useGateway } from '../support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
let databaseProxy: FaultProxy;
/** The first container: its MySQL answers can be held (trickled) while the second writes. */
let first: AppRuntime;
beforeAll(async () => {
  databaseProxy = await startFaultProxy(addressOf(apps.url));
  const { redisKeyPrefix } = apps.runtime().deps;
  first = createAppRuntime(
    { app: 'amal', databaseUrl: throughProxy(apps.url, databaseProxy), redisUrl: REDIS_URL, redisKeyPrefix, contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', redisCommandTimeoutMs: 2_000 },
    { logger: createLogger('silent') },
  );
  // Drained once below, so no drain runs inside the held request.
  first.deps.cache = createEntityCache(first.deps, { keyPrefix: redisKeyPrefix, drainIntervalMs: 60_000 });
});
afterAll(async () => {
  await first.close();
  await databaseProxy.close();
});
const firstGateway = useGateway(apps, { runtime: () => first });
const secondGateway = useGateway(apps, { runtime: () => apps.anotherContainer() });

const student = as.student(DEMO.children[1]);
const ME = '{ me { id displayName } }';

describe('a load held open while another container writes', () => {
  it('completes with the row it read, and leaves Redis, both containers and kept answers with the new one', async () => {
    const { redis, redisKeyPrefix } = apps.runtime().deps;
    const key = `${redisKeyPrefix}amal:user:v${SCHEMA_VERSION}:${DEMO.children[1]}`;
    await first.deps.cache.applyPendingInvalidations();
    await first.database.pool.query('SELECT 1'); // its connection is open before the answers slow down
    // Another document than ME, so no kept answer of ME exists yet.
    const before = (await secondGateway.query('{ me { displayName } }', { as: student })).body.data!.me.displayName as string;
    await redis!.del(key); // the first container's read misses and loads

    await databaseProxy.set({ kind: 'trickle', bytes: 16, everyMs: 100 });
    const answered = databaseProxy.bytesFromServers;
    const held = firstGateway.query(ME, { as: student });
    // MariaDB has answered the SELECT (so it read the old row); its rows are on their way, slowly.
    while (databaseProxy.bytesFromServers === answered) await sleep(5);

    const renamed = await secondGateway.query('mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }', {
      as: student, variables: { input: { displayName: 'ليلى الجديدة' } },
    });
    expect(renamed.body.errors).toBeUndefined();
    await databaseProxy.set({ kind: 'pass' });
    expect((await held).body.data!.me.displayName).toBe(before);

    const inRedis = await redis!.get(key);
    expect(inRedis === null || inRedis.includes('ليلى الجديدة')).toBe(true);
    for (let i = 0; i < 2; i++) {
      // The second round may be served from kept answers.
      expect((await firstGateway.query(ME, { as: student })).body.data!.me.displayName).toBe('ليلى الجديدة');
      expect((await secondGateway.query(ME, { as: student })).body.data!.me.displayName).toBe('ليلى الجديدة');
    }
  });
});
