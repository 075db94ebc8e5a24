/**
 * Automatic persisted queries: a client sends a document's sha256 instead of its text.
 *
 * Lookups go to the operation manifest first (shipped with the gateway, so the apps' own operations
 * resolve even with Redis down), then to Redis, shared by every container, so a hash registered
 * through one Lambda container works in all. The store fails open: Redis unreachable reads as
 * "not found" (the client resends the full text and the request succeeds) and a failed write is
 * ignored. It never fails a request.
 */
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';
import type { AppName } from '../runtime/tenancy.js';
import type { PersistedQueryManifest } from './manifest.js';

/** Apollo Server prefixes APQ keys with this before calling the cache. */
const APQ_PREFIX = 'apq:';
/** @default 1 day: a document unused for a day costs one resend. */
const TTL_SECONDS = 86_400;

export function persistedQueryStore(options: { redis: Redis | undefined; keyPrefix: string; app: AppName; manifest: PersistedQueryManifest }): KeyValueCache<string> {
  const { redis } = options;
  // By the id clients send: Apollo Server asks for `apq:<extensions.persistedQuery.sha256Hash>`.
  const manifestBodies = new Map(options.manifest.operations.map((operation) => [operation.id, operation.body]));
  const redisKey = (key: string) => `${options.keyPrefix}${options.app}:${key}`;
  return {
    async get(key) {
      const fromManifest = key.startsWith(APQ_PREFIX) ? manifestBodies.get(key.slice(APQ_PREFIX.length)) : undefined;
      if (fromManifest !== undefined) return fromManifest;
      if (!redis) return undefined;
      try {
        return (await redis.get(redisKey(key))) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value, setOptions) {
      if (!redis) return;
      try {
        await redis.set(redisKey(key), value, 'EX', setOptions?.ttl ?? TTL_SECONDS);
      } catch {
        // Not stored: the next client sends the full text once more.
      }
    },
    async delete(key) {
      if (!redis) return;
      try {
        await redis.del(redisKey(key));
      } catch {
        // Expires by TTL.
      }
    },
  };
}
