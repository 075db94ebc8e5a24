/**
 * Enqueueing accepted events: the Redis stream when it answers, else the `event_outbox` table.
 *
 * Analytics never blocks learning and never loses an event: a Redis that is absent, down or slow
 * sends the batch to the outbox (durable, drained by the consumer) and the caller still sees
 * success. The Redis "seen" keys only spare the queue obvious resends; the consumer's
 * `processed_events` table is what makes each event count once.
 */
import type { Redis } from 'ioredis';
import type { AppDeps } from '../../runtime/subgraph.js';
import type { Logger } from '../../runtime/logger.js';
import type { QueuedEvent } from './events.js';
import { analyticsTables } from './tables.js';

/** How long a client event id is remembered; clients resend within hours, not weeks. */
export const SEEN_TTL_SECONDS = 7 * 24 * 3600;

export const streamKey = ({ redisKeyPrefix, app }: Pick<AppDeps, 'redisKeyPrefix' | 'app'>) => `${redisKeyPrefix}${app}:analytics:events`;
const seenKey = ({ redisKeyPrefix, app }: Pick<AppDeps, 'redisKeyPrefix' | 'app'>, event: QueuedEvent) =>
  `${redisKeyPrefix}${app}:analytics:seen:${event.userId}:${event.clientEventId}`;

export interface EnqueueResult {
  accepted: number;
  duplicate: number;
}

type PipelineReplies = [error: Error | null, reply: unknown][] | null;

/** Throws the first failure among a pipeline's replies (a discarded pipeline counts as one). */
function assertSucceeded(replies: PipelineReplies, expected: number): void {
  if (!replies || replies.length !== expected) throw new Error('Redis discarded the pipeline');
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0];
}

/** Queues the events not seen before; returns them. `claimed` collects the seen keys this call set. */
async function enqueueToStream(redis: Redis, deps: AppDeps, events: QueuedEvent[], claimed: string[]): Promise<QueuedEvent[]> {
  const keys = events.map((event) => seenKey(deps, event));
  const claims = redis.pipeline();
  for (const key of keys) claims.set(key, '1', 'EX', SEEN_TTL_SECONDS, 'NX');
  const replies = await claims.exec();
  const isNew = keys.map((_, i) => replies?.[i]?.[1] === 'OK');
  claimed.push(...keys.filter((_, i) => isNew[i]));
  assertSucceeded(replies, keys.length);
  const fresh = events.filter((_, i) => isNew[i]);
  if (fresh.length === 0) return fresh;
  const adds = redis.pipeline();
  for (const event of fresh) adds.xadd(streamKey(deps), '*', 'event', JSON.stringify(event));
  assertSucceeded(await adds.exec(), fresh.length);
  return fresh;
}

async function writeOutbox({ db, app }: AppDeps, events: QueuedEvent[]): Promise<void> {
  const createdAt = new Date();
  await db.insert(analyticsTables(app).eventOutbox).values(events.map((event) => ({ payload: JSON.stringify(event), createdAt })));
}

/** Queues validated events of one user; every distinct event is accepted or a duplicate. */
export async function enqueueEvents(deps: AppDeps, logger: Logger, events: readonly QueuedEvent[]): Promise<EnqueueResult> {
  const unique = [...new Map(events.map((event) => [`${event.userId}:${event.clientEventId}`, event])).values()];
  const repeatedInBatch = events.length - unique.length;
  if (unique.length === 0) return { accepted: 0, duplicate: repeatedInBatch };

  const claimed: string[] = [];
  if (deps.redis) {
    try {
      const fresh = await enqueueToStream(deps.redis, deps, unique, claimed);
      return { accepted: fresh.length, duplicate: repeatedInBatch + unique.length - fresh.length };
    } catch (error) {
      logger.warn('analytics.queue_unavailable', { message: (error as Error).message, events: unique.length, effect: 'written to the outbox' });
    }
  }
  try {
    await writeOutbox(deps, unique);
  } catch (error) {
    // Nothing stored: forget the ids this call marked seen, or the client's retry would be dropped as a duplicate.
    if (claimed.length > 0) await deps.redis?.del(...claimed).catch(() => undefined);
    throw error;
  }
  return { accepted: unique.length, duplicate: repeatedInBatch };
}
