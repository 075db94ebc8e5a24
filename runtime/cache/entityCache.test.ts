import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { count } from 'drizzle-orm';
import { createEntityCache, SCHEMA_VERSION, type CacheOptions, type EntityCache } from './entityCache.js';
import { cacheTables, createInvalidationLog } from './invalidationLog.js';
import { writtenMarkerOf } from './markers.js';
import { asCacheFill, currentReadLog, recordStatementRead, withReadLog } from './readLog.js';
import { createRedisClient } from '../clients/redis.js';
import { createLogger } from '../observability/logger.js';
import { REDIS_URL, useTestDatabase } from '../../test/support/harness.js';
import { addressOf, startFaultProxy, throughProxy } from '../../test/support/faultProxy.js';

interface Row { id: number; name: string; at: Date }

const logger = createLogger('silent');
const clients: Redis[] = [];
/** A client of the project's kind; for a reachable server, connected before the spec uses it. */
const redisAt = async (url: string, options: { connected?: boolean } = { connected: true }) => {
  const client = createRedisClient(url, logger, { commandTimeoutMs: 200 });
  clients.push(client);
  if (options.connected) await waitFor(() => client.status === 'ready');
  return client;
};
afterAll(() => clients.forEach((client) => client.disconnect()));

/** A loader over a fixed table that records every call. */
function table(rows: Row[]) {
  const calls: string[][] = [];
  return {
    calls,
    load: async (ids: string[]) => {
      calls.push(ids);
      await sleep(5);
      return ids.map((id) => rows.find((row) => String(row.id) === id) ?? null);
    },
  };
}

const apps = useTestDatabase();
const caches: EntityCache[] = [];
/** A container's entity cache over this file's database. */
const cacheOf = (redis: Redis | undefined, options: Partial<CacheOptions> = {}, app: 'amal' | 'thurayya' = 'amal'): EntityCache => {
  const cache = createEntityCache({ app, db: apps.runtime(app).deps.db, redis }, options);
  caches.push(cache);
  return cache;
};
// The log is this file's: a container left draining by one spec would apply the notes the next spec counts.
afterEach(() => caches.splice(0).forEach((cache) => cache.stopDraining()));
const pendingNotes = async () => {
  const { cacheInvalidations } = cacheTables('amal');
  const [row] = await apps.runtime().deps.db.select({ n: count() }).from(cacheInvalidations);
  return row?.n ?? 0;
};

const ROWS: Row[] = [{ id: 1, name: 'سَارَة', at: new Date('2026-01-02T03:04:05.678Z') }, { id: 2, name: 'Omar', at: new Date(0) }];
const prefix = () => `test:${randomUUID().slice(0, 8)}:`;

describe('the entity cache', () => {
  it('reads through to the loader once, then from L1, and another container from L2', async () => {
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    const source = table(ROWS);
    const here = cacheOf(redis, { keyPrefix });
    const there = cacheOf(redis, { keyPrefix });

    expect(await here.through('row', ['1', '3', '2'], source.load)).toEqual([ROWS[0], null, ROWS[1]]);
    expect(await here.through('row', ['1', '2'], source.load)).toEqual([ROWS[0], ROWS[1]]);
    expect(await there.through('row', ['2', '1'], source.load)).toEqual([ROWS[1], ROWS[0]]);

    expect(source.calls).toEqual([['1', '3', '2']]);
    expect(here.stats()).toMatchObject({ l1Hits: 2, l2Hits: 0, misses: 3 });
    expect(there.stats()).toMatchObject({ l1Hits: 0, l2Hits: 2, misses: 0, hitRatio: 1 });
  });

  it('namespaces keys by prefix, app, entity and schema version', async () => {
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    await cacheOf(redis, { keyPrefix }, 'thurayya').through('row', ['1'], table(ROWS).load);
    expect(await redis.exists(`${keyPrefix}thurayya:row:v${SCHEMA_VERSION}:1`)).toBe(1);
    expect(await redis.exists(`${keyPrefix}amal:row:v${SCHEMA_VERSION}:1`)).toBe(0);
  });

  it('makes one load for concurrent misses of the same key (no stampede)', async () => {
    const source = table(ROWS);
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix() });
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.through('row', ['1'], source.load)));
    expect(results.every(([row]) => row?.name === 'سَارَة')).toBe(true);
    expect(source.calls).toEqual([['1']]);
  });

  it('serves a read after an invalidating write fresh, in both tiers', async () => {
    const rows = ROWS.map((row) => ({ ...row }));
    const source = table(rows);
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    const cache = cacheOf(redis, { keyPrefix });
    await cache.through('row', ['2'], source.load);

    rows[1]!.name = 'عُمَر';
    await cache.invalidate('row', ['2']);
    expect((await cache.through('row', ['2'], source.load))[0]?.name).toBe('عُمَر');
    expect((await cacheOf(redis, { keyPrefix }).through('row', ['2'], source.load))[0]?.name).toBe('عُمَر');
  });

  it('stamps a written key with Redis time as it deletes it, for the response cache', async () => {
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    const cache = cacheOf(redis, { keyPrefix });
    const key = `${keyPrefix}amal:row:v${SCHEMA_VERSION}:2`;
    await cache.through('row', ['2'], table(ROWS).load);
    const [seconds] = await redis.time();
    await cache.invalidate('row', ['2']);
    expect(await redis.exists(key)).toBe(0);
    const written = Number(await redis.get(writtenMarkerOf(key)));
    expect(written).toBeGreaterThanOrEqual(Number(seconds) * 1000);
    expect(await redis.ttl(writtenMarkerOf(key))).toBeGreaterThan(0);
  });

  it('records the keys a request read, and whether any statement ran outside a cache fill', async () => {
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix() });
    const loadWithStatement = async (ids: string[]) => (recordStatementRead(), table(ROWS).load(ids));
    const tracked = await withReadLog(async () => {
      await cache.through('row', ['1', '2'], loadWithStatement);
      return currentReadLog()!;
    });
    expect([...tracked.keys].map((key) => key.split(':').pop())).toEqual(['1', '2']);
    expect(tracked.untracked).toBe(false);

    const untracked = await withReadLog(async () => {
      recordStatementRead(); // a query of a resolver's own, which no key traces
      await asCacheFill(async () => recordStatementRead());
      return currentReadLog()!;
    });
    expect(untracked.untracked).toBe(true);
  });

  it('does not let a load that began before a write fill the cache after it', async () => {
    const rows = ROWS.map((row) => ({ ...row }));
    const source = table(rows);
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix() });
    const slowRead = cache.through('row', ['2'], source.load);
    rows[1]!.name = 'after';
    await cache.invalidate('row', ['2']);
    await slowRead;
    expect((await cache.through('row', ['2'], source.load))[0]?.name).toBe('after');
  });

  it('reads every lookup from the loader when switched off', async () => {
    const source = table(ROWS);
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix(), enabled: false });
    await cache.through('row', ['1'], source.load);
    expect(await cache.through('row', ['1'], source.load)).toEqual([ROWS[0]]);
    expect(source.calls).toEqual([['1'], ['1']]);
  });

  it('bounds L1 by bytes', async () => {
    const source = table(Array.from({ length: 50 }, (_, i) => ({ id: i, name: 'x'.repeat(1_000), at: new Date(0) })));
    const cache = cacheOf(undefined, { l1MaxBytes: 10_000 });
    const ids = Array.from({ length: 50 }, (_, i) => String(i));
    await cache.through('row', ids, source.load);
    await cache.through('row', ids, source.load);
    expect(cache.stats().l1Hits).toBeLessThan(10);
  });

  it('serves from the loader with no error when Redis is at a closed port', async () => {
    const source = table(ROWS);
    const cache = cacheOf(await redisAt('redis://127.0.0.1:1', { connected: false }), { keyPrefix: prefix() });
    expect(await cache.through('row', ['1', '2'], source.load)).toEqual([ROWS[0], ROWS[1]]);
    await expect(cache.invalidate('row', ['1'])).resolves.toBeUndefined();
  });

  it('pays a blackholed Redis once, then skips it while it backs off', async () => {
    const proxy = await startFaultProxy(addressOf(REDIS_URL));
    const source = table(ROWS);
    const redis = await redisAt(throughProxy(REDIS_URL, proxy));
    const cache = cacheOf(redis, { keyPrefix: prefix(), l1TtlMs: 1, l2BackoffMs: 60_000 });
    await proxy.set({ kind: 'blackhole' });
    expect(await cache.through('row', ['1'], source.load)).toEqual([ROWS[0]]);
    const sentAfterFirstTimeout = proxy.bytesFromClients;
    for (let i = 0; i < 4; i++) {
      await sleep(2);
      expect(await cache.through('row', ['1', '2'], source.load)).toEqual([ROWS[0], ROWS[1]]);
    }
    expect(proxy.bytesFromClients).toBe(sentAfterFirstTimeout);
    await proxy.close();
  });

  it('notes a write Redis missed, and another container applies the note before its next lookup', async () => {
    const proxy = await startFaultProxy(addressOf(REDIS_URL));
    const rows = ROWS.map((row) => ({ ...row }));
    const source = table(rows);
    const keyPrefix = prefix();
    const writer = cacheOf(await redisAt(throughProxy(REDIS_URL, proxy)), { keyPrefix, l2BackoffMs: 0 });
    const reader = cacheOf(await redisAt(REDIS_URL), { keyPrefix, drainIntervalMs: 0 });
    await reader.through('row', ['2'], source.load);

    await proxy.set({ kind: 'refuse' });
    proxy.cutAll();
    rows[1]!.name = 'written during the outage';
    await writer.write(async (_tx, stale) => stale('row', ['2']));
    expect(await pendingNotes()).toBe(1);

    expect((await reader.through('row', ['2'], source.load))[0]?.name).toBe('written during the outage');
    expect(await pendingNotes()).toBe(0);
    // Answers the gateway kept from the old row end too: the drain stamps the key as written.
    expect(await (await redisAt(REDIS_URL)).exists(writtenMarkerOf(`${keyPrefix}amal:row:v${SCHEMA_VERSION}:2`))).toBe(1);
    await proxy.close();
  });

  it('drops its note once the write is invalidated in Redis', async () => {
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix() });
    await cache.write(async (_tx, stale) => stale('row', ['1', '2']));
    expect(await pendingNotes()).toBe(2); // one row a key; dropped with the container's next batch, not by the write
    await cache.dropAppliedNotes();
    expect(await pendingNotes()).toBe(0);
  });

  it('notes nothing and invalidates nothing when the write rolls back', async () => {
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    const cache = cacheOf(redis, { keyPrefix });
    await cache.through('row', ['1'], table(ROWS).load);
    await expect(cache.write(async (_tx, stale) => {
      stale('row', ['1']);
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await pendingNotes()).toBe(0);
    expect(await redis.exists(`${keyPrefix}amal:row:v${SCHEMA_VERSION}:1`)).toBe(1);
  });

  it('refuses the fill of a load that began before another container wrote, in Redis and in L1', async () => {
    const redis = await redisAt(REDIS_URL);
    const keyPrefix = prefix();
    const rows = ROWS.map((row) => ({ ...row }));
    const first = cacheOf(redis, { keyPrefix });
    const second = cacheOf(await redisAt(REDIS_URL), { keyPrefix });
    let release!: () => void;
    let began!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const loadBegan = new Promise<void>((resolve) => (began = resolve));
    const heldLoad = async (ids: string[]) => {
      const before = ids.map((id) => ({ ...rows.find((row) => String(row.id) === id)! }));
      began();
      await held;
      return before;
    };

    const slowRead = first.through('row', ['2'], heldLoad);
    await loadBegan;
    rows[1]!.name = 'after';
    await second.write(async (_tx, stale) => stale('row', ['2']));
    release();
    expect((await slowRead)[0]?.name).toBe('Omar'); // it began before the write: its own answer is the old row

    expect(await redis.get(`${keyPrefix}amal:row:v${SCHEMA_VERSION}:2`)).toBeNull();
    expect((await first.through('row', ['2'], table(rows).load))[0]?.name).toBe('after');
    expect((await second.through('row', ['2'], table(rows).load))[0]?.name).toBe('after');
  });

  it('drains the log at most once per interval, outside any request', async () => {
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix: prefix(), drainIntervalMs: 60_000 });
    const log = createInvalidationLog('amal', apps.runtime().deps.db);
    await cache.through('row', ['1'], table(ROWS).load); // the first lookup drains
    await log.record(apps.runtime().deps.db, [`${prefix()}amal:row:v${SCHEMA_VERSION}:9`]);
    const reads = await withReadLog(async () => {
      await cache.through('row', ['2'], table(ROWS).load);
      return currentReadLog()!;
    });
    expect(await pendingNotes()).toBe(1);
    expect(reads.untracked).toBe(false);
    await log.drop((await log.pending(10)).ids);
  });

  it('keeps draining the log from its timer once it served a lookup, with no request waiting for it', async () => {
    const keyPrefix = prefix();
    const cache = cacheOf(await redisAt(REDIS_URL), { keyPrefix, drainIntervalMs: 100 });
    const db = apps.runtime().deps.db;
    await cache.through('row', ['1'], table(ROWS).load); // the container's first lookup: it drains first
    const key = `${keyPrefix}amal:row:v${SCHEMA_VERSION}:1`;
    await createInvalidationLog('amal', db).record(db, [key]);
    // No further lookup: the timer applies the note (the row leaves Redis, its marker is stamped).
    const redis = await redisAt(REDIS_URL);
    for (let i = 0; i < 100 && (await pendingNotes()) > 0; i++) await sleep(50);
    expect(await pendingNotes()).toBe(0);
    expect(await redis.get(key)).toBeNull();
    expect(await redis.exists(writtenMarkerOf(key))).toBe(1);
  });

  it('keeps answering when Redis stops mid-run, and uses it again when it returns', async () => {
    const port = await freePort();
    let server = await startRedis(port);
    const source = table(ROWS);
    const redis = await redisAt(`redis://127.0.0.1:${port}`);
    const cache = cacheOf(redis, { keyPrefix: prefix(), l1TtlMs: 1, l2BackoffMs: 0 });
    await cache.through('row', ['1'], source.load);

    await stopRedis(server);
    await sleep(5);
    expect(await cache.through('row', ['1', '2'], source.load)).toEqual([ROWS[0], ROWS[1]]);

    server = await startRedis(port);
    await waitFor(() => redis.status === 'ready');
    await cache.through('row', ['2'], source.load);
    const callsBefore = source.calls.length;
    await sleep(5);
    expect(await cache.through('row', ['2'], source.load)).toEqual([ROWS[1]]);
    expect(source.calls.length).toBe(callsBefore);
    await stopRedis(server);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined); // refused until the server listens
  await waitFor(async () => probe.connect().then(() => true, () => false));
  probe.disconnect();
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(20);
  }
}
