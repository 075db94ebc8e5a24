/**
 * Storing accepted events: the queue when it takes them, else the outbox table; an event is
 * reported accepted only once one of the two holds it durably.
 *
 * Failure model. Analytics never blocks learning: a queue that is absent, down or refuses some
 * entries sends exactly those entries to the outbox (the relay moves them on later) and the caller
 * still sees success. Only when the outbox fails too are the events reported as UNAVAILABLE and
 * retryable, so the app keeps them and sends them again; anything the queue did take stays
 * accepted. Resends are answered `duplicate` from a hint (seen.ts); counting once is the
 * consumer's job.
 */
import { errorChain } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/observability/logger.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { EventRejection } from './events.js';
import type { QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { writeOutbox } from './outbox.js';
import { eventQueueFor, unsentOf } from '../../pipeline/queue/index.js';
import { markSeen, wereSeen } from './seen.js';

export interface EnqueueResult {
  accepted: number;
  duplicate: number;
  /** Events nothing could store, by input index: send them again. */
  unavailable: EventRejection[];
}

const UNAVAILABLE_MESSAGE = 'The event could not be stored right now; keep it and send it again later';

/** Stores validated events of one user; `positions` are their input indexes, for the rejections. */
export async function enqueueEvents(deps: AppDeps, logger: Logger, events: readonly QueuedEvent[], positions: readonly number[] = events.map((_, i) => i)): Promise<EnqueueResult> {
  // One user's events: the client event id alone tells them apart.
  const firstOf = new Map<string, number>();
  events.forEach((event, i) => {
    if (!firstOf.has(event.clientEventId)) firstOf.set(event.clientEventId, i);
  });
  const unique = [...firstOf.values()];
  const repeatedInBatch = events.length - unique.length;
  const seen = await wereSeen(deps, unique.map((i) => events[i]!));
  const fresh = unique.filter((_, k) => !seen[k]);
  const duplicate = repeatedInBatch + unique.length - fresh.length;
  if (fresh.length === 0) return { accepted: 0, duplicate, unavailable: [] };

  let unqueued = fresh;
  const queue = eventQueueFor(deps);
  if (queue) {
    try {
      await queue.send(fresh.map((i) => JSON.stringify(events[i])));
      unqueued = [];
    } catch (error) {
      unqueued = unsentOf(error, fresh.length).map((k) => fresh[k]!);
      logger.warn('analytics.queue_unavailable', { queue: queue.kind, message: errorChain(error), events: unqueued.length, effect: 'written to the outbox' });
    }
  }
  let unstored = new Set<number>();
  try {
    await writeOutbox(deps, unqueued.map((i) => events[i]!));
  } catch (error) {
    unstored = new Set(unqueued);
    logger.error('analytics.events_not_stored', { message: errorChain(error), events: unstored.size, effect: 'reported retryable to the app' });
  }
  const stored = fresh.filter((i) => !unstored.has(i));
  await markSeen(deps, stored.map((i) => events[i]!));
  return {
    accepted: stored.length,
    duplicate,
    unavailable: [...unstored].map((i) => ({ index: positions[i]!, code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE, retryable: true })),
  };
}
