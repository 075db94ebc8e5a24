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
import type { OperationManifest } from './safelist.js';

/** Apollo Server prefixes APQ keys with this before calling the cache. */
const APQ_PREFIX = 'apq:';
/** @default 1 day: a document unused for a day costs one resend. */
const TTL_SECONDS = 86_400;

export function persistedQueryStore(options: { redis: Redis | undefined; keyPrefix: string; app: AppName; manifest: OperationManifest }): KeyValueCache<string> {
  const { redis, manifest } = options;
  const redisKey = (key: string) => `${options.keyPrefix}${options.app}:${key}`;
  return {
    async get(key) {
      const fromManifest = key.startsWith(APQ_PREFIX) ? manifest.operations[key.slice(APQ_PREFIX.length)] : undefined;
      if (fromManifest) return fromManifest.document;
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
