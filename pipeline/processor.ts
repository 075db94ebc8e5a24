/**
 * What the consumer does with a batch of deliveries, whichever queue they came from: decode,
 * apply to the rollups in one transaction, copy to the lake, and say which deliveries are done.
 *
 * Failure model. A failure of the database or the lake as a whole (unreachable, lock conflicts
 * that outlast their retries) is thrown: nothing in the batch is acknowledged, everything is
 * delivered again, and the dedupe makes that harmless. A failure caused by one message (it is not
 * an event; the rollups refuse it; the lake refuses its record) is isolated: that delivery alone is
 * reported with its reason, the others are done. The rollups are tried per event only after the
 * batch's transaction failed, so the common case stays a few statements per batch.
 */
import { errorChain, isBackendUnavailable } from '../runtime/errors.js';
import { USER_ACTIVITY } from './tables.js';
import type { Logger } from '../runtime/observability/logger.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { readQueuedEvent, type QueuedEvent } from './event/queuedEvent.js';
import type { LakeWriter } from './lake/types.js';
import { isLockConflict } from './lockRetry.js';
import type { Delivery } from './queue/index.js';
import { applyEvents } from './rollups.js';

export interface FailedDelivery {
  delivery: Delivery;
  /** For the log and the dead letter; never shown to a client. */
  reason: string;
}

export interface ProcessedBatch {
  /** Deliveries whose effect is committed: acknowledge them. */
  done: Delivery[];
  /** Deliveries that failed because of what they hold. */
  failed: FailedDelivery[];
}

export type BatchProcessor = (deliveries: readonly Delivery[]) => Promise<ProcessedBatch>;

/** The whole database is the problem, not a message: retrying the batch later is the cure. */
const isTransient = (error: unknown) => isBackendUnavailable(error) || isLockConflict(error);

const shorten = (text: string) => (text.length > 300 ? `${text.slice(0, 297)}...` : text);

export function createBatchProcessor({ db, app, cache }: Pick<AppDeps, 'db' | 'app' | 'cache'>, lake: LakeWriter, logger: Logger): BatchProcessor {
  /** Applies each event alone; returns the reasons of those the rollups refuse. */
  async function applyOneByOne(items: { delivery: Delivery; event: QueuedEvent }[], erased: Set<number>): Promise<Map<Delivery, string>> {
    const refused = new Map<Delivery, string>();
    for (const { delivery, event } of items) {
      try {
        for (const userId of (await applyEvents(db, app, [event])).erased) erased.add(userId);
      } catch (error) {
        if (isTransient(error)) throw error;
        refused.set(delivery, `the rollups refused it: ${shorten(errorChain(error))}`);
      }
    }
    return refused;
  }

  return async (deliveries) => {
    const failed: FailedDelivery[] = [];
    const items: { delivery: Delivery; event: QueuedEvent }[] = [];
    for (const delivery of deliveries) {
      // The same checks recordEvents made before accepting it (./event/queuedEvent.ts).
      const read = readQueuedEvent(delivery.body);
      if ('event' in read) items.push({ delivery, event: read.event });
      else failed.push({ delivery, reason: `not an analytics event (${Buffer.byteLength(delivery.body)} bytes that do not decode as one: ${read.problem})` });
    }

    let applied = items;
    /** People erased: their events are done (acknowledged) and go nowhere, the lake included. */
    let erased = new Set<number>();
    try {
      erased = (await applyEvents(db, app, items.map((item) => item.event))).erased;
    } catch (error) {
      if (isTransient(error)) throw error;
      logger.warn('analytics.batch_refused', { message: shorten(errorChain(error)), events: items.length, effect: 'applied one by one' });
      const refused = await applyOneByOne(items, erased);
      for (const [delivery, reason] of refused) failed.push({ delivery, reason });
      applied = items.filter((item) => !refused.has(item.delivery));
    }
    if (erased.size) {
      logger.info('analytics.erased_events_dropped', { events: applied.filter((item) => erased.has(item.event.userId)).length });
      applied = applied.filter((item) => !erased.has(item.event.userId));
    }

    // The rollups changed: readers of these students' activity must not get the cached days.
    await cache.invalidate(USER_ACTIVITY, [...new Set(applied.map((item) => String(item.event.userId)))]);
    const { failed: notInLake } = await lake.write(app, applied.map((item) => item.event));
    const refusedByLake = new Set(notInLake);
    for (const item of applied) if (refusedByLake.has(item.event)) failed.push({ delivery: item.delivery, reason: 'the lake refused its record' });
    const isFailed = new Set(failed.map((f) => f.delivery));
    return { done: deliveries.filter((delivery) => !isFailed.has(delivery)), failed };
  };
}
