/**
 * The analytics queue on a Redis stream, with a consumer group (the local default).
 *
 * Failure model. `send` appends with XADD in one MULTI and reports the entries Redis refused; a
 * Redis that is down fails fast (no offline queue), so the caller moves on to the outbox. The
 * stream is as durable as the Redis's persistence: run it with `appendonly yes` (and
 * `appendfsync always` where a lost second matters). Each entry is delivered to one consumer of the
 * group and stays in that consumer's pending list until `ack` (XACK, then XDEL: the group is the
 * stream's only reader, so the stream holds just what is not yet done). A consumer re-reads its own
 * pending entries first; entries left by a consumer that died are taken over by another once idle
 * for `claimIdleMs` (XAUTOCLAIM). Failures caused by an entry's content are counted in a hash; at
 * `maxAttempts` the entry moves to the dead-letter stream with its reason.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueueSendError, type Delivery, type EventQueue } from './types.js';

export interface RedisStreamQueueOptions {
  /** The consumer group every consumer of the stream joins. @default 'rollups' */
  group: string;
  /** This consumer's name in the group; unique per process, so a crashed one's entries are taken over by the others. @default `<host>-<pid>-<random>` */
  consumer: string;
  /** How long an entry sits unacknowledged with a consumer before another takes it over; keep it above the longest batch. @default 60_000 */
  claimIdleMs: number;
  /** Content failures of an entry before it is dead-lettered. @default 5 */
  maxAttempts: number;
  /** Consumers that hold nothing and were idle this long leave the group. @default 86_400_000 */
  deleteIdleConsumersAfterMs: number;
}

export interface RedisStreamKeys {
  stream: string;
  deadLetters: string;
  /** Hash: entry id -> content failures so far. */
  failures: string;
}

/** The keys of an app's queue, under `prefix` (e.g. `test:1234:amal:analytics:`). */
export const redisStreamKeys = (prefix: string): RedisStreamKeys => ({ stream: `${prefix}events`, deadLetters: `${prefix}dead-letters`, failures: `${prefix}failures` });

const defaults: RedisStreamQueueOptions = {
  group: 'rollups',
  consumer: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
  claimIdleMs: 60_000,
  maxAttempts: 5,
  deleteIdleConsumersAfterMs: 86_400_000,
};

/** Blocking reads wait at most this long, so a silent (partitioned) Redis cannot hold the reader forever. */
const MAX_WAIT_MS = 20_000;

type Entry = [id: string, fields: string[] | null];

/** The `event` field of an entry (fields come as [name, value, name, value, ...]). */
function eventField(fields: string[] | null): string | undefined {
  const at = fields ? fields.findIndex((name, i) => i % 2 === 0 && name === 'event') : -1;
  return at >= 0 ? fields?.[at + 1] : undefined;
}

type Replies = [error: Error | null, reply: unknown][] | null;

/** The indexes of a MULTI's replies that failed (all of them when Redis discarded it). */
function failedReplies(replies: Replies, count: number): number[] {
  if (!replies) return Array.from({ length: count }, (_, i) => i);
  return replies.flatMap(([error], i) => (error ? [i] : []));
}

async function execOrThrow(multi: ReturnType<Redis['multi']>, count: number): Promise<void> {
  const replies = await multi.exec();
  const failed = failedReplies(replies, count);
  if (failed.length > 0) throw replies?.[failed[0]!]?.[0] ?? new Error('Redis discarded the transaction');
}

export function createRedisStreamQueue(redis: Redis, keys: RedisStreamKeys, options: Partial<RedisStreamQueueOptions> = {}): EventQueue {
  const { group, consumer, claimIdleMs, maxAttempts, deleteIdleConsumersAfterMs } = { ...defaults, ...options };
  // Blocking reads hold their connection, so they get their own rather than stall the shared client.
  let reader: Redis | undefined;
  let groupReady: Promise<void> | undefined;
  let lastIdleDeletion = 0;

  const readerConnection = () => {
    if (!reader) {
      reader = redis.duplicate({ enableOfflineQueue: true, commandTimeout: MAX_WAIT_MS + 2_000 });
      reader.on('error', () => undefined); // the shared client already reports Redis outages
    }
    return reader;
  };

  // From id 0, so entries added before the group existed are consumed too.
  function ensureGroup(): Promise<void> {
    groupReady ??= redis.xgroup('CREATE', keys.stream, group, '0', 'MKSTREAM').then(
      () => undefined,
      (error: Error) => {
        if (error.message.startsWith('BUSYGROUP')) return;
        groupReady = undefined;
        throw error;
      },
    );
    return groupReady;
  }

  async function readGroup(from: '0' | '>', count: number, waitMs: number): Promise<Entry[]> {
    const connection = readerConnection();
    const reply = waitMs > 0
      ? await connection.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', Math.min(waitMs, MAX_WAIT_MS), 'STREAMS', keys.stream, from)
      : await connection.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', keys.stream, from);
    return (reply as [string, Entry[]][] | null)?.[0]?.[1] ?? [];
  }

  /** Entries idle with any consumer (a dead one) for `claimIdleMs`, now ours. */
  async function reclaim(count: number): Promise<Entry[]> {
    const [, entries] = (await readerConnection().xautoclaim(keys.stream, group, consumer, claimIdleMs, '0-0', 'COUNT', count)) as [string, Entry[], string[]];
    return entries;
  }

  /** Consumers that hold nothing and were long idle: processes that ended. */
  async function deleteIdleConsumers(): Promise<void> {
    if (Date.now() - lastIdleDeletion < claimIdleMs) return;
    lastIdleDeletion = Date.now();
    const consumers = (await redis.xinfo('CONSUMERS', keys.stream, group)) as (string | number)[][];
    for (const info of consumers) {
      const field = (name: string) => info[info.indexOf(name) + 1];
      if (field('name') !== consumer && Number(field('pending')) === 0 && Number(field('idle')) > deleteIdleConsumersAfterMs) {
        await redis.xgroup('DELCONSUMER', keys.stream, group, String(field('name')));
      }
    }
  }

  async function toDeliveries(entries: Entry[]): Promise<Delivery[]> {
    // An entry deleted while pending comes back without fields: nothing is left to do with it.
    const gone = entries.filter(([, fields]) => eventField(fields) === undefined).map(([id]) => id);
    if (gone.length > 0) await redis.xack(keys.stream, group, ...gone);
    const live = entries.filter(([, fields]) => eventField(fields) !== undefined);
    if (live.length === 0) return [];
    const failures = await redis.hmget(keys.failures, ...live.map(([id]) => id));
    return live.map(([id, fields], i) => ({ id, body: eventField(fields)!, attempt: Number(failures[i] ?? 0) + 1, handle: id }));
  }

  return {
    kind: 'redis',

    async send(bodies) {
      if (bodies.length === 0) return;
      const multi = redis.multi();
      for (const body of bodies) multi.xadd(keys.stream, '*', 'event', body);
      let replies: Replies;
      try {
        replies = await multi.exec();
      } catch (cause) {
        throw new QueueSendError(bodies.map((_, i) => i), { cause });
      }
      const unsent = failedReplies(replies, bodies.length);
      if (unsent.length > 0) throw new QueueSendError(unsent, { cause: replies?.[unsent[0]!]?.[0] ?? new Error('Redis discarded the transaction') });
    },

    async receive({ max, waitMs }) {
      try {
        await ensureGroup();
        const entries = await readGroup('0', max, 0);
        if (entries.length < max) entries.push(...(await reclaim(max - entries.length)));
        const deliveries = await toDeliveries(entries);
        if (deliveries.length > 0) return deliveries;
        await deleteIdleConsumers();
        return toDeliveries(await readGroup('>', max, waitMs));
      } catch (error) {
        groupReady = undefined; // the stream (and its group) may have been deleted: create them again next time
        throw error;
      }
    },

    async ack(deliveries) {
      if (deliveries.length === 0) return;
      const ids = deliveries.map((delivery) => delivery.id);
      await execOrThrow(redis.multi().xack(keys.stream, group, ...ids).xdel(keys.stream, ...ids).hdel(keys.failures, ...ids), 3);
    },

    async retryLater(delivery, reason) {
      const failures = await redis.hincrby(keys.failures, delivery.id, 1);
      if (failures < maxAttempts) return 'retrying';
      const letter = ['event', delivery.body, 'reason', reason, 'attempts', String(failures), 'sourceId', delivery.id, 'failedAt', new Date().toISOString()];
      await execOrThrow(
        redis.multi().xadd(keys.deadLetters, '*', ...letter).xack(keys.stream, group, delivery.id).xdel(keys.stream, delivery.id).hdel(keys.failures, delivery.id),
        4,
      );
      return 'dead-lettered';
    },

    async redrive() {
      let moved = 0;
      for (;;) {
        const letters = (await redis.xrange(keys.deadLetters, '-', '+', 'COUNT', 100)) as Entry[];
        if (letters.length === 0) return moved;
        const multi = redis.multi();
        for (const [, fields] of letters) {
          const body = eventField(fields);
          if (body !== undefined) multi.xadd(keys.stream, '*', 'event', body);
        }
        multi.xdel(keys.deadLetters, ...letters.map(([id]) => id));
        await execOrThrow(multi, letters.length + 1);
        moved += letters.length;
      }
    },

    async depth() {
      const [waiting, deadLetters] = await Promise.all([redis.xlen(keys.stream), redis.xlen(keys.deadLetters)]);
      return { waiting, deadLetters };
    },

    async close() {
      reader?.disconnect();
      reader = undefined;
    },
  };
}
