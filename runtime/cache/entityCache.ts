/**
 * Two-tier read-through cache for entity rows: L1 an in-process LRU (per container, short TTL,
 * bounded by entries and bytes), L2 Redis (shared by containers). Reads go L1 -> L2 -> loader and
 * fill back. Concurrent misses for one key in a container share one load (no stampede).
 *
 * Why a cached row is never older than its bound (the protocol, in ./markers.ts):
 *   - A write runs through `write`: the keys it makes stale are noted in its own transaction
 *     (./invalidationLog.ts), then deleted from both tiers with their written markers stamped.
 *   - A fill of Redis is refused when the key was written at or after the moment its load began
 *     (Redis's clock, read with the lookup), so a load that began before a write in any container
 *     never puts the old row back; L1 takes only what Redis accepted.
 *   - A note its writer could not apply (Redis unreachable, or the writer died after commit) is
 *     applied by the next drain of any container: a container that serves reads drains the log
 *     every `drainIntervalMs` from a timer, and a lookup drains first when the last drain is two
 *     intervals old (the container was frozen) or failed.
 * So after a write is acknowledged, a container that reaches Redis serves the old row for at most
 * the L1 lifetime (another container's L1), or, when the writer could not invalidate, the drain
 * interval plus the L1 lifetime; Redis-only entries (`shared`) have no L1 term.
 *
 * Failure model: Redis is an accelerator. Down, slow or flapping, a lookup costs at most the
 * client's command timeout once and reads as a miss; after a failure the cache skips Redis for
 * `l2BackoffMs`, so one request never pays the timeout several times.
 *
 * Keys are `<prefix><app>:<entity>:v<SCHEMA_VERSION>:<id>`, so apps never share entries and a
 * deploy that changes a row's shape starts from a clean namespace. Every lookup records its keys
 * in the request's read log (./readLog.ts), for the gateway's response cache.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { Database } from '../clients/mysql.js';
import type { AppName } from '../tenancy.js';
import { outsideRequestMetrics, recordCacheLookups } from '../observability/requestMetrics.js';
import { asCacheFill, outsideReadLog, recordKeysRead } from './readLog.js';
import { createInvalidationLog, type Transaction } from './invalidationLog.js';
import { FILL, INVALIDATE, READ, runScript, WRITTEN_MARKER_TTL_SECONDS, type ReadReply } from './markers.js';

/** Bump when a cached row's shape changes. */
export const SCHEMA_VERSION = 1;

export interface CacheOptions {
  /** @default 5_000 */
  l1TtlMs: number;
  /** @default 10_000 */
  l1MaxEntries: number;
  /** Approximate bytes of serialized rows kept in L1. @default 16 MiB */
  l1MaxBytes: number;
  /** @default 300 */
  l2TtlSeconds: number;
  /** Prepended to every key, to share one Redis between environments. @default '' */
  keyPrefix: string;
  /** After a Redis failure, how long lookups skip Redis. @default 2_000 */
  l2BackoffMs: number;
  /** Time between two drains of the invalidation log in a container that serves reads. @default 1_000 */
  drainIntervalMs: number;
  /** How long the notes this container's writers applied wait to be dropped together. @default 200 */
  dropAppliedAfterMs: number;
  /** Off: every lookup goes to the loader (CACHE=off). @default true */
  enabled: boolean;
}

export const CACHE_DEFAULTS: CacheOptions = { l1TtlMs: 5_000, l1MaxEntries: 10_000, l1MaxBytes: 16 * 1024 * 1024, l2TtlSeconds: 300, keyPrefix: '', l2BackoffMs: 2_000, drainIntervalMs: 1_000, dropAppliedAfterMs: 200, enabled: true };

export interface CacheStats {
  l1Hits: number;
  l2Hits: number;
  misses: number;
  /** Hits over lookups since start, 0 to 1. */
  hitRatio: number;
}

/** Names entries a write makes stale: `stale('user', ['3'])`. */
export type MarkStale = (entity: string, ids: readonly string[]) => void;

export interface EntityCache {
  /**
   * Values for `ids` in order, loading only the misses (in one call) and filling both tiers.
   * `shared: true` keeps the entity in Redis only: for data that changes with every write (a
   * student's memory, a roster), so a write through any container is seen at once by all.
   */
  through<V extends object>(entity: string, ids: readonly string[], load: (misses: string[]) => Promise<(V | null)[]>, options?: { shared?: boolean }): Promise<(V | null)[]>;
  /**
   * Runs `run` in one transaction of the app's database. The entries it marks stale are noted in
   * that transaction and invalidated everywhere once it commits (or by a later drain).
   */
  write<T>(run: (tx: Transaction, stale: MarkStale) => Promise<T>): Promise<T>;
  /**
   * Invalidates entries after a write whose durable record is elsewhere (the analytics consumer's
   * undelivered message). When Redis fails, the keys are noted in the log for a later drain.
   */
  invalidate(entity: string, ids: readonly string[]): Promise<void>;
  /**
   * Applies the notes writers left when the container's drains fell behind; lookups call it first.
   * The first call starts a timer that drains every `drainIntervalMs`, outside every request.
   */
  applyPendingInvalidations(): Promise<void>;
  /** Stops the drain timer (the container is closing). */
  stopDraining(): void;
  /** Drops now the notes this container's writers applied (they are dropped in batches, `dropAppliedAfterMs` apart). */
  dropAppliedNotes(): Promise<void>;
  stats(): CacheStats;
}

export interface EntityCacheDeps {
  app: AppName;
  db: Database;
  /** How writes run their transaction (the database client's BEGIN-less one); else `db.transaction`. */
  transaction?: <T>(run: (tx: Transaction) => Promise<T>) => Promise<T>;
  /** Absent: L1 only, in this container. */
  redis: Redis | undefined;
}

export function createEntityCache({ app, db, redis, transaction: given }: EntityCacheDeps, options: Partial<CacheOptions> = {}): EntityCache {
  const { l1TtlMs, l1MaxEntries, l1MaxBytes, l2TtlSeconds, keyPrefix, l2BackoffMs, drainIntervalMs, dropAppliedAfterMs, enabled } = { ...CACHE_DEFAULTS, ...options };
  const transaction = given ?? (<T>(run: (tx: Transaction) => Promise<T>) => db.transaction(run));
  if (!enabled) return uncached(transaction);
  const l1 = new LRUCache<string, string>({ max: l1MaxEntries, maxSize: l1MaxBytes, sizeCalculation: (value, key) => 2 * (value.length + key.length), ttl: l1TtlMs });
  /** Loads under way in this container, by key: a second request for the same key waits for it. */
  const inFlight = new Map<string, Promise<string | null>>();
  /** Bumped by every invalidation here: a load that started before it fills neither tier. */
  const generations = new LRUCache<string, number>({ max: l1MaxEntries });
  const generationOf = (key: string) => generations.get(key) ?? 0;
  const keyOf = (entity: string, id: string) => `${keyPrefix}${app}:${entity}:v${SCHEMA_VERSION}:${id}`;
  const log = createInvalidationLog(app, db);
  const counts = { l1Hits: 0, l2Hits: 0, misses: 0 };

  let skipRedisUntil = 0;
  /**
   * Runs `command` against Redis unless it failed lately; `fallback` when skipped or failing.
   * `always`: tried during the back-off too (an invalidation is worth its timeout, a lookup is not).
   */
  async function l2<T>(command: (redis: Redis) => Promise<T>, fallback: T, { always = false } = {}): Promise<T> {
    if (!redis || (!always && Date.now() < skipRedisUntil)) return fallback;
    try {
      return await command(redis);
    } catch {
      skipRedisUntil = Date.now() + l2BackoffMs;
      return fallback;
    }
  }

  /** Drops `keys` from this container: from L1, from the loads in flight, and from any load begun before now (its generation). */
  function invalidateHere(keys: readonly string[]): void {
    for (const key of keys) {
      l1.delete(key);
      inFlight.delete(key);
      generations.set(key, generationOf(key) + 1);
    }
  }

  /**
   * Deletes `keys` in Redis and stamps their markers; false when Redis was not reached. Tried even
   * while lookups back off: one slow command must not leave a write's keys to the next drain.
   */
  const invalidateInRedis = async (keys: readonly string[]) => {
    const attempt = () => l2(async (r) => (await runScript(r, INVALIDATE, keys, [WRITTEN_MARKER_TTL_SECONDS]), true), false, { always: true });
    // Once more at once: a single stalled command is the common failure, and a note costs readers a drain interval.
    return (await attempt()) || attempt();
  };

  /**
   * Notes whose writer applied them, dropped together `dropAppliedAfterMs` after the first: one DELETE
   * for a batch of writes, outside every request. Until then a drain elsewhere may apply one again
   * (an invalidation too many, never one too few); a container frozen or killed meanwhile leaves
   * them to the drains, like the note of a writer that could not reach Redis.
   */
  let applied: string[] = [];
  let dropping: Promise<void> | undefined;
  let dropTimer: NodeJS.Timeout | undefined;
  const dropAppliedNotes = (): Promise<void> => {
    if (dropTimer) clearTimeout(dropTimer);
    dropTimer = undefined;
    const writeIds = applied;
    applied = [];
    if (writeIds.length === 0) return dropping ?? Promise.resolve();
    const previous = dropping ?? Promise.resolve();
    const run = previous.then(() => outsideRequestMetrics(() => outsideReadLog(() => log.dropWrites(writeIds)))).catch(() => undefined);
    dropping = run.then(() => {
      if (dropping === run) dropping = undefined;
    });
    return run;
  };
  const dropLater = (writeId: string) => {
    applied.push(writeId);
    if (applied.length >= 500) return void dropAppliedNotes();
    dropTimer ??= setTimeout(() => void dropAppliedNotes(), dropAppliedAfterMs);
    dropTimer.unref?.();
  };

  /** When the next drain is due; 0 after a failed one. */
  let nextDrainAt = 0;
  let draining: Promise<void> | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  /** The container's housekeeping, one at a time: no request's statements or reads. */
  const startDrain = (): Promise<void> =>
    (draining ??= outsideRequestMetrics(() => outsideReadLog(drain)).then((done) => {
      draining = undefined;
      nextDrainAt = done ? Date.now() + drainIntervalMs : 0;
    }));
  /** Applies the pending notes; false when some are left (Redis or MySQL failed), so the next lookup drains again. */
  async function drain(): Promise<boolean> {
    try {
      const { ids, keys } = await log.pending(500);
      if (ids.length === 0) return true;
      invalidateHere(keys);
      if (!(await invalidateInRedis(keys))) return false;
      await log.drop(ids);
      return ids.length < 500;
    } catch {
      return false;
    }
  }

  /** The Redis time and the values of `keys`; no time when Redis was not reached. */
  const readL2 = (keys: string[]) =>
    l2<{ now?: number; values: (string | null)[] }>(async (r) => {
      const [now, values] = (await runScript(r, READ, keys, [])) as ReadReply;
      return { now, values };
    }, { values: keys.map(() => null) });

  /** Fills Redis unless a key was written since `began`; returns the keys it took. */
  const fillL2 = (entries: [string, string][], began: number): Promise<string[]> =>
    l2(async (r) => {
      const taken = (await runScript(r, FILL, entries.map(([key]) => key), [began, l2TtlSeconds, ...entries.map(([, text]) => text)])) as number[];
      return entries.filter((_, i) => taken[i] === 1).map(([key]) => key);
    }, []);

  /** Starts one load for `ids` (none of them in flight) and registers a promise per key. */
  function startLoad<V extends object>(entity: string, ids: string[], load: (misses: string[]) => Promise<(V | null)[]>, shared: boolean, began: number | undefined): void {
    const keys = ids.map((id) => keyOf(entity, id));
    const startedAt = new Map(keys.map((key) => [key, generationOf(key)]));
    /** No invalidation in this container since the load began. */
    const unwritten = (key: string) => generationOf(key) === startedAt.get(key);
    const batch = asCacheFill(() => load(ids)).then(async (rows) => {
      const texts = rows.map((row) => (row == null ? null : serialize(row)));
      const fills = keys.flatMap((key, i): [string, string][] => (texts[i] != null && unwritten(key) ? [[key, texts[i]!]] : []));
      // Without Redis's clock (Redis unreachable) nothing goes to Redis, and L1 holds what this container saw.
      const kept = new Set(began === undefined ? fills.map(([key]) => key) : fills.length ? await fillL2(fills, began) : []);
      if (!shared) for (const [key, text] of fills) if (kept.has(key) && unwritten(key)) l1.set(key, text);
      return texts;
    });
    keys.forEach((key, i) => {
      const one = batch.then((texts) => texts[i] ?? null).finally(() => inFlight.get(key) === one && inFlight.delete(key));
      inFlight.set(key, one);
    });
  }

  const cache: EntityCache = {
    async through(entity, ids, load, { shared = false } = {}) {
      await cache.applyPendingInvalidations();
      const keys = ids.map((id) => keyOf(entity, id));
      recordKeysRead(keys);
      const found: (string | null)[] = keys.map((key) => (shared ? null : l1.get(key)) ?? null);
      const l1Hits = found.filter((text) => text !== null).length;

      const l2Keys = [...new Set(keys.filter((_, i) => found[i] === null))];
      const fromL2 = l2Keys.length ? await readL2(l2Keys) : { values: [] };
      let l2Hits = 0;
      l2Keys.forEach((key, j) => {
        const text = fromL2.values[j];
        if (text == null) return;
        if (!shared) l1.set(key, text);
        keys.forEach((k, i) => k === key && (found[i] = text));
        l2Hits++;
      });

      const missing = [...new Set(ids.filter((_, i) => found[i] === null))];
      const toLoad = missing.filter((id) => !inFlight.has(keyOf(entity, id)));
      if (toLoad.length) startLoad(entity, toLoad, load, shared, fromL2.now);
      // Taken synchronously after startLoad: an invalidation may drop the map entries before they settle.
      const pending = missing.map((id) => inFlight.get(keyOf(entity, id)) ?? Promise.resolve(null));
      const texts = await Promise.all(pending);
      const loaded = new Map(missing.map((id, i) => [id, texts[i] ?? null]));

      counts.l1Hits += l1Hits;
      counts.l2Hits += l2Hits;
      counts.misses += missing.length;
      recordCacheLookups(l1Hits + l2Hits, missing.length);
      return ids.map((id, i) => {
        const text = found[i] ?? loaded.get(id) ?? null;
        return text == null ? null : deserialize(text);
      });
    },

    async write(run) {
      const stale = new Set<string>();
      let writeId = '';
      const result = await transaction(async (tx) => {
        const value = await run(tx, (entity, ids) => ids.forEach((id) => stale.add(keyOf(entity, id))));
        if (redis && stale.size) writeId = await log.record(tx, [...stale]);
        return value;
      });
      if (stale.size === 0) return result;
      const keys = [...stale];
      invalidateHere(keys);
      // Dropped only once Redis has it; else the note waits for a drain (here or in any container).
      if (writeId && (await invalidateInRedis(keys))) dropLater(writeId);
      return result;
    },

    dropAppliedNotes,

    async invalidate(entity, ids) {
      const keys = [...new Set(ids.map((id) => keyOf(entity, id)))];
      if (keys.length === 0) return;
      invalidateHere(keys);
      if (redis && !(await invalidateInRedis(keys))) await log.record(db, keys);
    },

    applyPendingInvalidations() {
      if (!redis || Date.now() < skipRedisUntil) return Promise.resolve();
      // (An interval of 0, in specs: every lookup drains first.)
      if (drainIntervalMs > 0) drainTimer ??= setInterval(() => void (Date.now() >= skipRedisUntil && startDrain()), drainIntervalMs).unref();
      // The timer keeps the log drained outside every request. A lookup waits for a drain only when
      // the timer fell behind (a container frozen between invocations, its first lookup) or the last
      // drain failed: after an outage, no L2 read comes before the notes.
      if (Date.now() < nextDrainAt + drainIntervalMs) return Promise.resolve();
      return startDrain();
    },

    stopDraining() {
      clearInterval(drainTimer);
      drainTimer = undefined;
    },

    stats() {
      const lookups = counts.l1Hits + counts.l2Hits + counts.misses;
      return { ...counts, hitRatio: lookups === 0 ? 0 : (counts.l1Hits + counts.l2Hits) / lookups };
    },
  };
  return cache;
}

/** The cache switched off: every lookup is a miss, nothing is kept, writes are plain transactions. */
function uncached(transaction: <T>(run: (tx: Transaction) => Promise<T>) => Promise<T>): EntityCache {
  let misses = 0;
  return {
    async through(_entity, ids, load) {
      misses += ids.length;
      recordCacheLookups(0, ids.length);
      return ids.length ? load([...ids]) : [];
    },
    write: (run) => transaction((tx) => run(tx, () => undefined)),
    invalidate: async () => undefined,
    applyPendingInvalidations: async () => undefined,
    stopDraining: () => undefined,
    dropAppliedNotes: async () => undefined,
    stats: () => ({ l1Hits: 0, l2Hits: 0, misses, hitRatio: 0 }),
  };
}

/** JSON that keeps `Date`s as dates. */
function serialize(value: object): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

/**
 * A plain parse and a walk over objects only: a `JSON.parse` reviver calls back into JS for every
 * value and was the gateway's largest single cost in the profile (docs/PERFORMANCE.md).
 */
function deserialize<V>(text: string): V {
  const value: unknown = JSON.parse(text);
  return (text.includes('"$date"') ? reviveDates(value) : value) as V;
}

function reviveDates(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveDates(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$date === 'string') return new Date(record.$date);
  for (const key in record) {
    const field = record[key];
    if (field !== null && typeof field === 'object') record[key] = reviveDates(field);
  }
  return record;
}
