/**
 * The written marker, and every Redis script that reads or writes one.
 *
 * An entity cache key `K` has a marker `K:written` holding the Redis time (ms) of its last
 * invalidation. Three rules rest on it, each one atomic in Redis and on Redis's clock, so no two
 * containers' clocks ever meet:
 *   - invalidating deletes `K` and stamps its marker;
 *   - a fill of `K` is refused when the marker is at or after the moment its load began, so a load
 *     that began before a write (in any container) never puts the old row back;
 *   - a kept answer is served only while every key it was read from was last written before its
 *     build began minus the L1 lifetime (another container may serve a row from its L1 that long
 *     after a write).
 * Markers are not passed as KEYS: the deployment's Redis is one shard (infra/constructs/Cache.ts).
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const MARKER_SUFFIX = ':written';
export const writtenMarkerOf = (key: string) => `${key}${MARKER_SUFFIX}`;
/** Outlives every row (L2 TTL) and every kept answer (RESPONSE_CACHE_TTL_SECONDS ≤ 300) it must end. */
export const WRITTEN_MARKER_TTL_SECONDS = 900;

/** Lua: the Redis time in ms, as `now`. */
const NOW = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;
/** Lua: the marker time of a key (0 when never written). */
const WRITTEN_AT = `local function writtenAt(key) return tonumber(redis.call('GET', key .. '${MARKER_SUFFIX}') or '0') end`;

export interface RedisScript {
  source: string;
  sha: string;
}

const script = (source: string): RedisScript => ({ source, sha: createHash('sha1').update(source).digest('hex') });

/** Runs a script by its SHA, sending its text once per Redis server (after NOSCRIPT). */
export async function runScript(redis: Redis, { source, sha }: RedisScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(source, keys.length, ...keys, ...args);
  }
}

/** Deletes KEYS and stamps their markers. ARGV[1] marker TTL. Returns the stamp. */
export const INVALIDATE = script(`${NOW}
redis.call('DEL', unpack(KEYS))
for _, key in ipairs(KEYS) do redis.call('SET', key .. '${MARKER_SUFFIX}', now, 'EX', ARGV[1]) end
return now`);

/** The Redis time and the values of KEYS: the time is when a load of the misses may say it began. */
export const READ = script(`${NOW}
return {now, redis.call('MGET', unpack(KEYS))}`);
export type ReadReply = [now: number, values: (string | null)[]];

/**
 * Sets each of KEYS to its value unless it was written at or after the load began.
 * ARGV[1] when the load began (Redis ms, from READ), ARGV[2] TTL s, ARGV[3..] the values.
 * Returns, per key, 1 when set and 0 when refused.
 */
export const FILL = script(`${WRITTEN_AT}
local began = tonumber(ARGV[1])
local set = {}
for i, key in ipairs(KEYS) do
  if writtenAt(key) < began then
    redis.call('SET', key, ARGV[i + 2], 'EX', ARGV[2])
    set[i] = 1
  else
    set[i] = 0
  end
end
return set`);

/**
 * One round trip per lookup of a kept answer: one that may not be served never leaves Redis.
 * A kept answer is one line of JSON meta (`{ builtAt, keys }`) then its data. KEYS[1] the answer,
 * ARGV[1] the L1 lifetime (ms). Returns the Redis time, then 1 and the data when every key it was
 * read from was written before its build began minus the L1 lifetime; else 0 and the keys written
 * within the L1 lifetime before now (an answer built from them now could not be served either).
 */
export const LOOKUP_KEPT_ANSWER = script(`${NOW}
${WRITTEN_AT}
local kept = redis.call('GET', KEYS[1])
if not kept then return {now} end
local metaEnd = string.find(kept, '\\n', 1, true)
if not metaEnd then return {now} end
local meta = cjson.decode(string.sub(kept, 1, metaEnd - 1))
local l1 = tonumber(ARGV[1])
local servable = #meta.keys > 0
local fresh = {}
for _, key in ipairs(meta.keys) do
  local written = writtenAt(key)
  if written >= meta.builtAt - l1 then servable = false end
  if written >= now - l1 then fresh[#fresh + 1] = key end
end
if servable then return {now, 1, string.sub(kept, metaEnd + 1)} end
return {now, 0, fresh}`);
export type LookupReply = [now: number] | [now: number, servable: 1, data: string] | [now: number, servable: 0, fresh: string[]];
