/**
 * Invalidations outlive their writer. A users subgraph in its own process commits a rename, then
 * loses Redis at the very command that invalidates it (the fault proxy swallows that EVALSHA):
 * killed there, or left to answer the client after its Redis timeout. Either way the note its
 * transaction wrote is applied by another container's drain, and every container that reaches
 * Redis shows the new name within the bound: the drain interval, plus the L1 lifetime for a
 * container whose L1 still held the row (CACHE_DEFAULTS: 1 s + 5 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { count } from 'drizzle-orm';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { CACHE_DEFAULTS, SCHEMA_VERSION } from '../../runtime/cache/entityCache.js';
import { cacheTables } from '../../runtime/cache/invalidationLog.js';
import { INVALIDATE } from '../../runtime/cache/markers.js';
import { CONTEXT_HEADER, signContext } from '../../runtime/security/signedContext.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import { users } from '../../subgraphs/index.js';
import { startServer, type ServerProcess } from '../../bench/processes.js';
import { as, REDIS_URL, runSubgraph, TEST_CONTEXT_SECRET, useTestDatabase } from '../support/harness.js';
import { addressOf, startFaultProxy, throughProxy, type FaultProxy } from '../support/faultProxy.js';
import { useGateway } from '../support/gateway.js';

const apps = useTestDatabase({ seed: { amal: seedDemo } });
/** The reading containers: one behind a gateway (kept answers), one read directly; each drains the log on its timer. */
const gateway = useGateway(apps);
let third: AppRuntime;
let redisProxy: FaultProxy;
beforeAll(async () => {
  third = apps.anotherContainer();
  redisProxy = await startFaultProxy(addressOf(REDIS_URL));
});
afterAll(() => redisProxy.close());

const BOUND_MS = CACHE_DEFAULTS.drainIntervalMs + CACHE_DEFAULTS.l1TtlMs;
const ME = '{ me { id displayName } }';

/** The users subgraph as its own process, reaching Redis through the proxy. */
function startWriter(redisCommandTimeoutMs: number): Promise<ServerProcess> {
  return startServer('bench/servers/subgraph.ts', ['users'], {
    APP_NAME: 'amal', PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: apps.url,
    REDIS_URL: throughProxy(REDIS_URL, redisProxy), REDIS_KEY_PREFIX: apps.runtime().deps.redisKeyPrefix,
    REDIS_COMMAND_TIMEOUT_MS: String(redisCommandTimeoutMs), CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
  });
}

function rename(writer: ServerProcess, studentId: number, displayName: string): Promise<Response> {
  const identity = { viewer: as.student(studentId), app: 'amal' as const, requestId: randomUUID() };
  return fetch(writer.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signContext(identity, { audience: 'users', secret: TEST_CONTEXT_SECRET }) },
    body: JSON.stringify({ query: 'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }', variables: { input: { displayName } } }),
  });
}

const pendingNotes = async () => {
  const [row] = await apps.runtime().deps.db.select({ n: count() }).from(cacheTables('amal').cacheInvalidations);
  return row?.n ?? 0;
};
const nameInMysql = async (id: number) => {
  const [rows] = await apps.runtime().database.pool.query('SELECT display_name AS name FROM amal_users WHERE id = ?', [id]);
  return (rows as { name: string }[])[0]?.name;
};
const nameThroughGateway = async (id: number) => (await gateway.query(ME, { as: as.student(id) })).body.data?.me.displayName as string;
const nameInThirdContainer = async (id: number) =>
  ((await runSubgraph(users, third, ME, { viewer: as.student(id) })).data as { me: { displayName: string } }).me.displayName;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}

/**
 * Reads both containers every 50 ms until both show `name`, then for one more bound; returns when
 * each showed it first (ms after `from`), and whether either showed the old name afterwards.
 */
async function watchUntilNew(id: number, name: string, from: number) {
  const firstNew: Record<'gateway' | 'third', number | undefined> = { gateway: undefined, third: undefined };
  let oldAfterNew = false;
  const until = () => (firstNew.gateway !== undefined && firstNew.third !== undefined ? Math.max(firstNew.gateway, firstNew.third) + from + 1_000 : from + 2 * BOUND_MS);
  while (Date.now() < until()) {
    for (const [reader, read] of [['gateway', nameThroughGateway], ['third', nameInThirdContainer]] as const) {
      const seen = await read(id);
      if (seen === name) firstNew[reader] ??= Date.now() - from;
      else if (firstNew[reader] !== undefined) oldAfterNew = true;
    }
    await sleep(50);
  }
  return { ...firstNew, oldAfterNew };
}

describe('a write whose writer loses Redis at the invalidation', () => {
  it.each([
    { name: 'killed between commit and invalidation', kill: true, studentId: DEMO.children[0] },
    { name: 'answering after its Redis timeout (write acknowledged)', kill: false, studentId: DEMO.children[1] },
  ])('$name: other containers show the new row within the bound', async ({ kill, studentId }) => {
    const { redis, redisKeyPrefix } = apps.runtime().deps;
    const key = `${redisKeyPrefix}amal:user:v${SCHEMA_VERSION}:${studentId}`;
    const old = await nameThroughGateway(studentId);
    expect(await nameThroughGateway(studentId)).toBe(old); // kept, in Redis and in both L1s
    expect(await nameInThirdContainer(studentId)).toBe(old);
    const newName = `${old} (${kill ? 'killed' : 'acknowledged'})`;

    const writer = await startWriter(kill ? 60_000 : 250);
    try {
      await redisProxy.set({ kind: 'blackholeFrom', match: INVALIDATE.sha });
      const answer = rename(writer, studentId, newName);
      if (kill) {
        const outcome = answer.then(() => 'answered', () => 'no answer');
        await waitFor(async () => redisProxy.swallowed > 0 && (await nameInMysql(studentId)) === newName, 10_000);
        await writer.kill();
        expect(await outcome).toBe('no answer');
      } else {
        const response = await answer;
        expect(response.status).toBe(200);
        expect(((await response.json()) as { data?: { updateProfile?: { displayName: string } } }).data?.updateProfile?.displayName).toBe(newName);
      }
      const committedAt = Date.now();
      // The writer's invalidation never reached Redis: only the note it committed (applied by the
      // readers' drains, which run on their own timers, so it may be gone already) can end the old row.
      expect(redisProxy.swallowed).toBeGreaterThan(0);

      const seen = await watchUntilNew(studentId, newName, committedAt);
      console.info(`writer ${kill ? 'killed' : 'without Redis'}: new name shown after ${seen.gateway} ms (gateway, kept answers), ${seen.third} ms (another container's L1); bound ${BOUND_MS} ms`);
      expect(seen.gateway).toBeLessThanOrEqual(BOUND_MS);
      expect(seen.third).toBeLessThanOrEqual(BOUND_MS);
      expect(seen.oldAfterNew).toBe(false);
      expect(await pendingNotes()).toBe(0);
      const inRedis = await redis!.get(key);
      expect(inRedis === null || (JSON.parse(inRedis) as { displayName: string }).displayName === newName).toBe(true);
    } finally {
      await redisProxy.set({ kind: 'pass' });
      await writer.stop();
    }
  }, 40_000);
});
