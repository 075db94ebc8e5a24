/**
 * A short memory of the events already stored, in Redis, so a resend is answered as `duplicate`
 * at once. Only a hint: an event is marked seen after it is durably stored, never before, so a
 * crash in between costs a duplicate on the queue, never a lost event; and a Redis that is down
 * means "nothing seen". The consumer's `processed_events` table is what makes each event count once.
 */
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { QueuedEvent } from '../../pipeline/event/queuedEvent.js';

/** How long a client event id is remembered; clients resend within hours, not weeks. */
export const SEEN_TTL_SECONDS = 7 * 24 * 3600;

const seenKey = ({ redisKeyPrefix, app }: Pick<AppDeps, 'redisKeyPrefix' | 'app'>, event: QueuedEvent) =>
  `${redisKeyPrefix}${app}:analytics:seen:${event.userId}:${event.clientEventId}`;

/** For each event, whether it was stored before; all false when Redis does not answer. */
export async function wereSeen(deps: Pick<AppDeps, 'redis' | 'redisKeyPrefix' | 'app'>, events: readonly QueuedEvent[]): Promise<boolean[]> {
  if (!deps.redis || events.length === 0) return events.map(() => false);
  try {
    const values = await deps.redis.mget(...events.map((event) => seenKey(deps, event)));
    return values.map((value) => value !== null);
  } catch {
    return events.map(() => false);
  }
}

/** Remembers stored events; a failure only loses the hint. */
export async function markSeen(deps: Pick<AppDeps, 'redis' | 'redisKeyPrefix' | 'app'>, events: readonly QueuedEvent[]): Promise<void> {
  if (!deps.redis || events.length === 0) return;
  const pipeline = deps.redis.pipeline();
  for (const event of events) pipeline.set(seenKey(deps, event), '1', 'EX', SEEN_TTL_SECONDS);
  await pipeline.exec().catch(() => undefined);
}
