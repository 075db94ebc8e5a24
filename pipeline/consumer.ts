/**
 * The long-running consumer of the analytics queue (in `npm start`, or any process that polls the
 * queue): it relays the outbox to the queue, then applies what the queue delivers.
 *
 * Failure model. Delivery is at least once: a batch is acknowledged only after its rollups
 * committed and its events reached the lake, and applying is idempotent, so a consumer killed
 * between the commit and the ack costs nothing when its batch is delivered again (to itself on
 * restart, or to another consumer: reclaimed stream entries, SQS visibility timeout). A failure of
 * the database or the lake as a whole leaves the batch unacknowledged and the loop pauses
 * `retryMs`; a message that fails on its own content is handed back to the queue, which
 * dead-letters it after its maximum attempts; every such failure is logged with its reason.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { errorChain } from '../runtime/errors.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { lakeWriterFor } from './lake/lakeFor.js';
import type { LakeWriter } from './lake/types.js';
import { relayOutbox } from './relay.js';
import { createBatchProcessor } from './processor.js';
import { analyticsStreamKeys, createRedisStreamQueue, eventQueueFor, type EventQueue } from './queue/index.js';

export interface EventConsumerOptions {
  /** This consumer's name in the Redis stream's group. @default the process's own (host, pid, random) */
  consumer: string | undefined;
  /** Messages taken per batch. @default 100 */
  batchSize: number;
  /** How long `run` waits on an empty queue before it relays the outbox again. @default 5_000 */
  blockMs: number;
  /** Pause of `run` after a failure. @default 1_000 */
  retryMs: number;
  /** The queue to consume. @default the configured one (`eventQueueFor`) */
  queue: EventQueue | null;
  /** Where raw events go. @default the configured lake (`lakeWriterFor`) */
  lake: LakeWriter;
}

export interface EventConsumer {
  /** Relays the outbox, then consumes until the queue has nothing ready; returns how many messages it took. */
  drainOnce(): Promise<number>;
  /** Takes and processes one batch, waiting up to `waitMs` for it; returns how many messages it took. */
  consumeOnce(waitMs: number): Promise<number>;
  /** Relays and consumes until `signal` aborts; never rejects. */
  run(signal: AbortSignal): Promise<void>;
  /** Closes the queue's connections, for a consumer driven by `drainOnce` or `consumeOnce`. */
  close(): Promise<void>;
}

function configuredQueue(deps: AppDeps, consumer: string | undefined): EventQueue | null {
  if (consumer === undefined || deps.analytics.queue.kind !== 'redis' || !deps.redis) return eventQueueFor(deps);
  return createRedisStreamQueue(deps.redis, analyticsStreamKeys(deps), { consumer, maxAttempts: deps.analytics.maxAttempts });
}

export function createEventConsumer(deps: AppDeps, options: Partial<EventConsumerOptions> = {}): EventConsumer {
  const { batchSize = 100, blockMs = 5_000, retryMs = 1_000 } = options;
  const queue = options.queue !== undefined ? options.queue : configuredQueue(deps, options.consumer);
  const logger = deps.logger.child({ component: 'analytics.consumer' });
  const process = createBatchProcessor(deps, options.lake ?? lakeWriterFor(deps), logger);

  async function consumeOnce(waitMs: number): Promise<number> {
    if (!queue) return 0;
    const deliveries = await queue.receive({ max: batchSize, waitMs });
    if (deliveries.length === 0) return 0;
    const { done, failed } = await process(deliveries);
    await queue.ack(done);
    for (const { delivery, reason } of failed) {
      const effect = await queue.retryLater(delivery, reason);
      logger.warn('analytics.event_failed', { queue: queue.kind, id: delivery.id, attempt: delivery.attempt, maxAttempts: deps.analytics.maxAttempts, reason, effect });
    }
    return deliveries.length;
  }

  async function relay(): Promise<void> {
    if (!queue) return;
    const moved = await relayOutbox(deps, queue);
    if (moved > 0) logger.info('analytics.outbox_relayed', { events: moved, queue: queue.kind });
  }

  async function drainOnce(): Promise<number> {
    await relay();
    let taken = 0;
    for (let n = await consumeOnce(0); n > 0; n = await consumeOnce(0)) taken += n;
    return taken;
  }

  async function run(signal: AbortSignal): Promise<void> {
    // Closing the queue ends a blocking read at once.
    const stop = () => void queue?.close();
    signal.addEventListener('abort', stop, { once: true });
    let lastRelay = -Infinity;
    try {
      while (!signal.aborted) {
        try {
          if (Date.now() - lastRelay >= blockMs) {
            lastRelay = Date.now();
            await relay();
          }
          if (queue) await consumeOnce(blockMs);
          else await sleep(blockMs, undefined, { signal });
        } catch (error) {
          if (signal.aborted) break;
          logger.warn('analytics.consumer_failed', { message: errorChain(error), retryInMs: retryMs });
          await sleep(retryMs, undefined, { signal }).catch(() => undefined);
        }
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await queue?.close();
    }
  }

  return { drainOnce, consumeOnce, run, close: async () => queue?.close() };
}
