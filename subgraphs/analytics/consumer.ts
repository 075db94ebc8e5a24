/**
 * The local consumer of the analytics queue: the Redis stream (consumer group `rollups`) and the
 * `event_outbox` table, both applied to the rollups.
 *
 * Delivery is at least once: a stream entry is acknowledged, and an outbox row deleted, only after
 * its event is applied, and applying is idempotent, so a crash in between costs nothing on
 * redelivery. A poison message (not a queued event) is acknowledged and logged, never retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { inArray } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { AppDeps } from '../../runtime/subgraph.js';
import { decodeQueuedEvent, type QueuedEvent } from './events.js';
import { streamKey } from './queue.js';
import { applyEvents } from './rollups.js';
import { analyticsTables } from './tables.js';

export const CONSUMER_GROUP = 'rollups';

export interface EventConsumerOptions {
  /** This consumer's name in the group; a restart under the same name re-reads its unacknowledged entries. @default 'local' */
  consumer: string;
  /** Stream entries or outbox rows taken per read. @default 100 */
  batchSize: number;
  /** How long `run` waits on an empty stream before it looks at the outbox again. @default 5_000 */
  blockMs: number;
  /** Pause of `run` after a failure, and between outbox polls when there is no Redis. @default 1_000 */
  retryMs: number;
}

const defaults: EventConsumerOptions = { consumer: 'local', batchSize: 100, blockMs: 5_000, retryMs: 1_000 };

type StreamEntry = [id: string, fields: string[] | null];

/** The `event` field of an entry (fields come as [name, value, name, value, ...]); absent when deleted or malformed. */
function eventField(fields: string[] | null): string | undefined {
  const at = fields ? fields.findIndex((name, i) => i % 2 === 0 && name === 'event') : -1;
  return at >= 0 ? fields?.[at + 1] : undefined;
}

export interface EventConsumer {
  /** Applies everything queued so far (outbox, then the stream's pending and new entries); returns how many messages it took. */
  drainOnce(): Promise<number>;
  /** Consumes until `signal` aborts, waiting on the stream between batches; never rejects. */
  run(signal: AbortSignal): Promise<void>;
}

export function createEventConsumer(deps: AppDeps, options: Partial<EventConsumerOptions> = {}): EventConsumer {
  const { consumer, batchSize, blockMs, retryMs } = { ...defaults, ...options };
  const { eventOutbox } = analyticsTables(deps.app);
  const stream = streamKey(deps);
  const logger = deps.logger.child({ component: 'analytics.consumer', consumer });
  let groupReady: Promise<void> | undefined;

  /** The events among `messages`; the others are logged and dropped. */
  function decode(source: 'stream' | 'outbox', messages: { id: string; payload: string | undefined }[]): QueuedEvent[] {
    const events: QueuedEvent[] = [];
    for (const { id, payload } of messages) {
      const event = payload === undefined ? null : decodeQueuedEvent(payload);
      if (event) events.push(event);
      else logger.warn('analytics.poison_message', { source, id, bytes: payload?.length ?? 0, effect: 'dropped' });
    }
    return events;
  }

  // From id 0, so entries added before the group existed are consumed too.
  function ensureGroup(redis: Redis): Promise<void> {
    groupReady ??= redis.xgroup('CREATE', stream, CONSUMER_GROUP, '0', 'MKSTREAM').then(
      () => undefined,
      (error: Error) => {
        if (error.message.startsWith('BUSYGROUP')) return;
        groupReady = undefined;
        throw error;
      },
    );
    return groupReady;
  }

  async function outboxBatch(): Promise<number> {
    const rows = await deps.db.select().from(eventOutbox).orderBy(eventOutbox.id).limit(batchSize);
    if (rows.length === 0) return 0;
    await applyEvents(deps.db, deps.app, decode('outbox', rows.map((row) => ({ id: String(row.id), payload: row.payload }))));
    await deps.db.delete(eventOutbox).where(inArray(eventOutbox.id, rows.map((row) => row.id)));
    return rows.length;
  }

  async function read(redis: Redis, from: '0' | '>', blockFor?: number): Promise<StreamEntry[]> {
    const reply = blockFor === undefined
      ? await redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', batchSize, 'STREAMS', stream, from)
      : await redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', batchSize, 'BLOCK', blockFor, 'STREAMS', stream, from);
    return reply?.[0]?.[1] ?? [];
  }

  /** One batch from the stream: this consumer's unacknowledged entries first (left by a failure), else new ones. */
  async function streamBatch(redis: Redis, blockFor?: number): Promise<number> {
    let entries: StreamEntry[];
    try {
      await ensureGroup(redis);
      entries = await read(redis, '0');
      if (entries.length === 0) entries = await read(redis, '>', blockFor);
    } catch (error) {
      groupReady = undefined; // the stream (and its group) may have been deleted: create them again next time
      throw error;
    }
    if (entries.length === 0) return 0;
    const messages = entries.map(([id, fields]) => ({ id, payload: eventField(fields) }));
    await applyEvents(deps.db, deps.app, decode('stream', messages));
    const ids = entries.map(([id]) => id);
    // The group is the stream's only reader, so an acknowledged entry can go; the stream stays small.
    await redis.multi().xack(stream, CONSUMER_GROUP, ...ids).xdel(stream, ...ids).exec();
    return entries.length;
  }

  async function drainOnce(): Promise<number> {
    let taken = 0;
    for (let n = await outboxBatch(); n > 0; n = await outboxBatch()) taken += n;
    const { redis } = deps;
    if (redis) for (let n = await streamBatch(redis); n > 0; n = await streamBatch(redis)) taken += n;
    return taken;
  }

  async function run(signal: AbortSignal): Promise<void> {
    // A blocking read holds its connection, so it gets its own rather than stall the shared client.
    const blocking = deps.redis?.duplicate({ commandTimeout: blockMs + 1_000, enableOfflineQueue: true });
    blocking?.on('error', () => undefined); // the shared client already reports Redis outages
    const stop = () => blocking?.disconnect();
    signal.addEventListener('abort', stop, { once: true });
    try {
      while (!signal.aborted) {
        try {
          while (!signal.aborted && (await outboxBatch()) > 0);
          if (signal.aborted) break;
          if (blocking) await streamBatch(blocking, blockMs);
          else await sleep(retryMs, undefined, { signal }).catch(() => undefined);
        } catch (error) {
          if (signal.aborted) break;
          logger.warn('analytics.consumer_failed', { message: (error as Error).message, retryInMs: retryMs });
          await sleep(retryMs, undefined, { signal }).catch(() => undefined);
        }
      }
    } finally {
      signal.removeEventListener('abort', stop);
      blocking?.disconnect();
    }
  }

  return { drainOnce, run };
}
