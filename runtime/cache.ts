/**
 * Two-tier read-through cache for entity rows: L1 an in-process LRU (per container, short TTL),
 * L2 Redis (shared). Reads go L1 -> L2 -> loader and fill back; writers call `invalidate`.
 *
 * Keys are `<prefix><app>:<entity>:v<SCHEMA_VERSION>:<id>`, so apps never share entries and a deploy that
 * changes a row's shape starts from a clean namespace. Redis failures are cache misses.
 */
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { AppName } from './tenancy.js';

/** Bump when a cached row's shape changes. */
export const SCHEMA_VERSION = 1;

export interface CacheOptions {
  /** @default 5_000 */
  l1TtlMs: number;
  /** @default 5_000 */
  l1MaxEntries: number;
  /** @default 300 */
  l2TtlSeconds: number;
  /** Prepended to every key, to share one Redis between environments. @default '' */
  keyPrefix: string;
}

const defaults: CacheOptions = { l1TtlMs: 5_000, l1MaxEntries: 5_000, l2TtlSeconds: 300, keyPrefix: '' };

export interface EntityCache {
  /** Values for `ids` in order, loading only the misses (in one call) and filling both tiers. */
  through<V extends object>(entity: string, ids: readonly string[], load: (misses: string[]) => Promise<(V | null)[]>): Promise<(V | null)[]>;
  invalidate(entity: string, ids: readonly string[]): Promise<void>;
  stats(): { hits: number; misses: number };
}

export function createEntityCache(app: AppName, redis: Redis | undefined, options: Partial<CacheOptions> = {}): EntityCache {
  const { l1TtlMs, l1MaxEntries, l2TtlSeconds, keyPrefix } = { ...defaults, ...options };
  const l1 = new LRUCache<string, string>({ max: l1MaxEntries, ttl: l1TtlMs });
  const keyOf = (entity: string, id: string) => `${keyPrefix}${app}:${entity}:v${SCHEMA_VERSION}:${id}`;
  let hits = 0;
  let misses = 0;

  async function readL2(keys: string[]): Promise<(string | null)[]> {
    if (!redis || keys.length === 0) return keys.map(() => null);
    try {
      return await redis.mget(...keys);
    } catch {
      return keys.map(() => null);
    }
  }

  async function writeL2(entries: [string, string][]): Promise<void> {
    if (!redis || entries.length === 0) return;
    try {
      const batch = redis.multi();
      for (const [key, value] of entries) batch.set(key, value, 'EX', l2TtlSeconds);
      await batch.exec();
    } catch {
      // A failed fill only costs a later miss.
    }
  }

  return {
    async through(entity, ids, load) {
      const keys = ids.map((id) => keyOf(entity, id));
      const found: (string | null)[] = keys.map((key) => l1.get(key) ?? null);
      const l2Keys = keys.filter((_, i) => found[i] === null);
      const fromL2 = await readL2(l2Keys);
      l2Keys.forEach((key, j) => {
        const value = fromL2[j];
        if (value == null) return;
        l1.set(key, value);
        found[keys.indexOf(key)] = value;
      });

      const missingIds = [...new Set(ids.filter((_, i) => found[i] === null))];
      hits += ids.length - missingIds.length;
      misses += missingIds.length;
      const loaded = new Map<string, string>();
      if (missingIds.length > 0) {
        const rows = await load(missingIds);
        const fills: [string, string][] = [];
        missingIds.forEach((id, i) => {
          const row = rows[i];
          if (row == null) return;
          const text = serialize(row);
          loaded.set(id, text);
          l1.set(keyOf(entity, id), text);
          fills.push([keyOf(entity, id), text]);
        });
        await writeL2(fills);
      }
      return ids.map((id, i) => {
        const text = found[i] ?? loaded.get(id);
        return text == null ? null : deserialize(text);
      });
    },

    async invalidate(entity, ids) {
      const keys = ids.map((id) => keyOf(entity, id));
      for (const key of keys) l1.delete(key);
      if (!redis || keys.length === 0) return;
      try {
        await redis.del(...keys);
      } catch {
        // Redis unreachable: its entries expire by TTL; L1 is already clean.
      }
    },

    stats: () => ({ hits, misses }),
  };
}

/** JSON that keeps `Date`s as dates. */
function serialize(value: object): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}

function deserialize<V>(text: string): V {
  return JSON.parse(text, (_key, v) => (v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date) : v));
}
