/**
 * A person's data in the analytics subgraph: its rollups, its dedupe records, its events waiting
 * in the outbox or the Redis stream, its "seen" hints and its lake records (its own copies, read
 * for an export and deleted for an erasure: pipeline/lake/s3.ts `LearnerCopies`). Events still in SQS or
 * arriving late are dropped by the consumer, which honours the suppression list.
 */
import { asc, eq, inArray, like } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { PersonalDataHolder } from '../../runtime/subgraph/dataRights.js';
import { scanKeys } from '../../runtime/clients/redisScan.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import { decodeQueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { eraseLearnerCopies, lakeReaderFor } from '../../pipeline/lake/lakeFor.js';
import { eraseFromDirectoryLake } from '../../pipeline/lake/personal.js';
import { USER_ACTIVITY, analyticsTables } from '../../pipeline/tables.js';
import { analyticsStreamKeys } from '../../pipeline/queue/index.js';

/** Outbox rows of the person: a coarse LIKE on the JSON payload, confirmed by decoding it. */
async function outboxOf({ db, app }: Pick<AppDeps, 'db' | 'app'>, userId: number) {
  const { eventOutbox } = analyticsTables(app);
  const candidates = await db.select().from(eventOutbox).where(like(eventOutbox.payload, `%"userId":${userId},%`)).orderBy(asc(eventOutbox.id));
  return candidates.filter((row) => decodeQueuedEvent(row.payload)?.userId === userId);
}

/** Deletes the person's entries from a stream (pending ones too: their readers skip deleted entries). */
async function deleteFromStream(redis: Redis, stream: string, userId: number): Promise<string[]> {
  const deleted: string[] = [];
  let from = '-';
  for (;;) {
    const entries = (await redis.xrange(stream, from, '+', 'COUNT', 500)) as [string, string[]][];
    const page = from === '-' ? entries : entries.slice(1);
    if (page.length === 0) return deleted;
    const mine = page.filter(([, fields]) => {
      const at = fields.indexOf('event');
      return at >= 0 && at % 2 === 0 && decodeQueuedEvent(fields[at + 1] ?? '')?.userId === userId;
    }).map(([id]) => id);
    if (mine.length) await redis.xdel(stream, ...mine);
    deleted.push(...mine);
    from = page.at(-1)![0];
  }
}

export const analyticsDataRights: PersonalDataHolder = {
  name: 'analytics',
  personCacheEntities: [USER_ACTIVITY],

  async export(deps, userId) {
    const { db, app, analytics } = deps;
    const { activityDays, conceptOutcomes } = analyticsTables(app);
    const days = await db.select().from(activityDays).where(eq(activityDays.userId, userId)).orderBy(asc(activityDays.day));
    const outcomes = await db.select().from(conceptOutcomes).where(eq(conceptOutcomes.userId, userId)).orderBy(asc(conceptOutcomes.day), asc(conceptOutcomes.conceptId));
    const outbox = await outboxOf(deps, userId);
    return {
      activityDays: days.map(({ userId: _, ...rest }) => rest),
      conceptOutcomes: outcomes.map(({ userId: _, conceptId, ...rest }) => ({ conceptId: String(conceptId), ...rest })),
      queuedEvents: outbox.map((row) => decodeQueuedEvent(row.payload)),
      // A Firehose lake without its bucket throws (lakeReaderFor): an export silently missing the lake would look complete.
      lake: analytics.lake.kind === 'off'
        ? { readable: false, events: [], note: 'no lake is configured' }
        : { readable: true, events: await lakeReaderFor(deps).recordsOf(app, userId) },
    };
  },

  async erase(deps, userId) {
    const { cache, app, redis, redisKeyPrefix, analytics } = deps;
    const { activityDays, conceptOutcomes, processedEvents, eventOutbox } = analyticsTables(app);
    const outbox = await outboxOf(deps, userId);
    await cache.write(async (tx, stale) => {
      if (outbox.length) await tx.delete(eventOutbox).where(inArray(eventOutbox.id, outbox.map((row) => row.id)));
      await tx.delete(activityDays).where(eq(activityDays.userId, userId));
      await tx.delete(conceptOutcomes).where(eq(conceptOutcomes.userId, userId));
      await tx.delete(processedEvents).where(eq(processedEvents.userId, userId));
      stale(USER_ACTIVITY, [String(userId)]);
    });
    if (redis) {
      const seen = await scanKeys(redis, `${redisKeyPrefix}${app}:analytics:seen:${userId}:*`);
      if (seen.length) await redis.del(...seen);
      if (analytics.queue.kind === 'redis') {
        const keys = analyticsStreamKeys(deps);
        const deleted = await deleteFromStream(redis, keys.stream, userId);
        if (deleted.length) await redis.hdel(keys.failures, ...deleted);
        await deleteFromStream(redis, keys.deadLetters, userId);
      }
    }
    if (analytics.lake.kind === 'directory') await eraseFromDirectoryLake(analytics.lake.dir, analytics.lakePrefix, app, userId);
    // A bucket lake's partitions are not rewritten (tombstone, suppression list); the learner's own copies are deleted.
    else await eraseLearnerCopies(deps, app, userId);
  },
};
