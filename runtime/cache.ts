/**
 * Two-tier read-through cache for entity rows: L1 an in-process LRU (per container, short TTL,
 * bounded by entries and bytes), L2 Redis (shared by containers). Reads go L1 -> L2 -> loader and
 * fill back; writers call `invalidate`, which clears both tiers of this container at once (other
 * containers' L1 entries expire within `l1TtlMs`).
 *
 * Failure model: Redis is an accelerator. Down, slow or flapping, a lookup costs at most the
 * client's command timeout once and reads as a miss; after a failure the cache skips Redis for
 * `l2BackoffMs`, so one request never pays the timeout several times. Deletes that fail are kept
 * (bounded) and replayed when Redis answers again, so a write made during an outage cannot leave
 * an old row in L2. Concurrent misses for one key in a container share one load (no stampede).
 *
 * Keys are `<prefix><app>:<entity>:v<SCHEMA_VERSION>:<id>`, so apps never share entries and a
 * deploy that changes a row's shape starts from a clean namespace.
 *
 * Every lookup records its keys in the request's read log, and `invalidate` stamps each key's
 * "written at" marker with Redis's clock in the same script that deletes it: the gateway's
 * response cache keeps an answer only while none of the keys it was built from has been written
 * since (gateway/plugins/responseCache.ts).
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { AppName } from './tenancy.js';
import { asCacheFill, recordCacheKeysRead, recordCacheLookups } from './requestMetrics.js';

/** Bump when a cached row's shape changes. */
export const SCHEMA_VERSION = 1;

/**
 * The key holding when `key` was last invalidated (Redis time in ms). It outlives any answer the
 * gateway keeps (RESPONSE_CACHE_TTL_SECONDS is at most 300), which it must end. The Lua scripts
 * here and in gateway/plugins/responseCache.ts append the same suffix.
 */
export const writtenMarkerOf = (key: string) => `${key}:written`;
export const WRITTEN_MARKER_TTL_SECONDS = 900;

/** Deletes KEYS and stamps each one's marker with the server's time, atomically. */
const INVALIDATE_SCRIPT = `
local time = redis.call('TIME')
local ms = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('DEL', unpack(KEYS))
for _, key in ipairs(KEYS) do redis.call('SET', key .. ':written', ms, 'EX', ARGV[1]) end
return ms`;

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
  /** Off: every lookup goes to the loader (CACHE=off). @default true */
  enabled: boolean;
}

export const CACHE_DEFAULTS: CacheOptions = { l1TtlMs: 5_000, l1MaxEntries: 10_000, l1MaxBytes: 16 * 1024 * 1024, l2TtlSeconds: 300, keyPrefix: '', l2BackoffMs: 2_000, enabled: true };

export interface CacheStats {
  l1Hits: number;
  l2Hits: number;
  misses: number;
  /** Hits over lookups since start, 0 to 1. */
  hitRatio: number;
}

export interface EntityCache {
  /**
   * Values for `ids` in order, loading only the misses (in one call) and filling both tiers.
   * `shared: true` keeps the entity in Redis only: for data that changes with every write (a
   * student's memory, a roster), so a write through any container is seen at once by all.
   */
  through<V extends object>(entity: string, ids: readonly string[], load: (misses: string[]) => Promise<(V | null)[]>, options?: { shared?: boolean }): Promise<(V | null)[]>;
  invalidate(entity: string, ids: readonly string[]): Promise<void>;
  stats(): CacheStats;
}

export function createEntityCache(app: AppName, redis: Redis | undefined, options: Partial<CacheOptions> = {}): EntityCache {
  const { l1TtlMs, l1MaxEntries, l1MaxBytes, l2TtlSeconds, keyPrefix, l2BackoffMs, enabled } = { ...CACHE_DEFAULTS, ...options };
  if (!enabled) return uncached();
  const l1 = new LRUCache<string, string>({ max: l1MaxEntries, maxSize: l1MaxBytes, sizeCalculation: (value, key) => 2 * (value.length + key.length), ttl: l1TtlMs });
  /** Loads under way in this container, by key: a second request for the same key waits for it. */
  const inFlight = new Map<string, Promise<string | null>>();
  /** Bumped by `invalidate`: a load that started before a write must not fill the cache after it. */
  const generations = new LRUCache<string, number>({ max: l1MaxEntries });
  const generationOf = (key: string) => generations.get(key) ?? 0;
  const keyOf = (entity: string, id: string) => `${keyPrefix}${app}:${entity}:v${SCHEMA_VERSION}:${id}`;
  const counts = { l1Hits: 0, l2Hits: 0, misses: 0 };

  let skipRedisUntil = 0;
  /** Deletes Redis missed during an outage, replayed once it answers (bounded like L1). */
  const missedDeletes = new LRUCache<string, true>({ max: l1MaxEntries });

  /** Runs `command` against Redis unless it failed lately; `fallback` when skipped or failing. */
  async function l2<T>(command: (redis: Redis) => Promise<T>, fallback: T): Promise<T> {
    if (!redis || Date.now() < skipRedisUntil) return fallback;
    try {
      const result = await command(redis);
      if (missedDeletes.size) void replayMissedDeletes(redis);
      return result;
    } catch {
      skipRedisUntil = Date.now() + l2BackoffMs;
      return fallback;
    }
  }

  /** Deletes `keys` in Redis and marks them written (see INVALIDATE_SCRIPT). */
  const deleteAndMark = (r: Redis, keys: string[]) => r.eval(INVALIDATE_SCRIPT, keys.length, ...keys, WRITTEN_MARKER_TTL_SECONDS);

  async function replayMissedDeletes(redis: Redis): Promise<void> {
    const keys = [...missedDeletes.keys()];
    missedDeletes.clear();
    try {
      await deleteAndMark(redis, keys);
    } catch {
      for (const key of keys) missedDeletes.set(key, true);
    }
  }

  const readL2 = (keys: string[]) => (keys.length ? l2((r) => r.mget(...keys), keys.map(() => null)) : Promise.resolve([]));

  async function writeL2(entries: [string, string][]): Promise<void> {
    if (entries.length === 0) return;
    await l2(async (r) => {
      const batch = r.multi();
      for (const [key, value] of entries) batch.set(key, value, 'EX', l2TtlSeconds);
      await batch.exec();
    }, undefined);
  }

  /** Starts one load for `ids` (none of them in flight) and registers a promise per key. */
  function startLoad<V extends object>(entity: string, ids: string[], load: (misses: string[]) => Promise<(V | null)[]>, shared: boolean): void {
    const startedAt = ids.map((id) => generationOf(keyOf(entity, id)));
    const batch = asCacheFill(() => load(ids)).then(async (rows) => {
      const texts = rows.map((row) => (row == null ? null : serialize(row)));
      const fills: [string, string][] = [];
      ids.forEach((id, i) => {
        const key = keyOf(entity, id);
        const text = texts[i];
        if (text != null && generationOf(key) === startedAt[i]) fills.push([key, text]);
      });
      if (!shared) for (const [key, text] of fills) l1.set(key, text);
      await writeL2(fills);
      return texts;
    });
    ids.forEach((id, i) => {
      const key = keyOf(entity, id);
      const one = batch.then((texts) => texts[i] ?? null).finally(() => inFlight.get(key) === one && inFlight.delete(key));
      inFlight.set(key, one);
    });
  }

  return {
    async through(entity, ids, load, { shared = false } = {}) {
      const keys = ids.map((id) => keyOf(entity, id));
      recordCacheKeysRead(keys);
      const found: (string | null)[] = keys.map((key) => (shared ? null : l1.get(key)) ?? null);
      const l1Hits = found.filter((text) => text !== null).length;

      const l2Keys = keys.filter((_, i) => found[i] === null);
      const fromL2 = await readL2(l2Keys);
      let l2Hits = 0;
      l2Keys.forEach((key, j) => {
        const text = fromL2[j];
        if (text == null) return;
        if (!shared) l1.set(key, text);
        keys.forEach((k, i) => k === key && (found[i] = text));
        l2Hits++;
      });

      const missing = [...new Set(ids.filter((_, i) => found[i] === null))];
      const toLoad = missing.filter((id) => !inFlight.has(keyOf(entity, id)));
      if (toLoad.length) startLoad(entity, toLoad, load, shared);
      // Taken synchronously after startLoad: an invalidate may drop the map entries before they settle.
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

    async invalidate(entity, ids) {
      const keys = ids.map((id) => keyOf(entity, id));
      for (const key of keys) {
        l1.delete(key);
        inFlight.delete(key);
        generations.set(key, generationOf(key) + 1);
      }
      if (!redis || keys.length === 0) return;
      const deleted = await l2(async (r) => (await deleteAndMark(r, keys), true), false);
      if (!deleted) for (const key of keys) missedDeletes.set(key, true);
    },

    stats() {
      const lookups = counts.l1Hits + counts.l2Hits + counts.misses;
      return { ...counts, hitRatio: lookups === 0 ? 0 : (counts.l1Hits + counts.l2Hits) / lookups };
    },
  };
}

/** The cache switched off: every lookup is a miss, nothing is kept. */
function uncached(): EntityCache {
  let misses = 0;
  return {
    async through(_entity, ids, load) {
      misses += ids.length;
      recordCacheLookups(0, ids.length);
      return ids.length ? load([...ids]) : [];
    },
    invalidate: async () => undefined,
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
