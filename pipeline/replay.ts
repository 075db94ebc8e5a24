/**
 * Rebuilding an app's rollups for a range of UTC days from the lake: after a bug in the rollups is
 * fixed, or when the database was restored from an older backup.
 *
 * Each day is one transaction: its `activity_days` and `concept_outcomes` rows are replaced by the
 * totals of the distinct events the lake holds for it (the lake is written at least once, so it
 * may hold an event twice), computed by the same `rollupTotals` the consumer uses, and every one of
 * those events gets its dedupe record, so a late redelivery cannot count it again. Replay days
 * whose lake is complete: in AWS, Firehose buffers up to 5 minutes, and an event still in the queue
 * is counted when consumed. Running it again gives the same rows. Events of erased people (the
 * suppression list, runtime/policy/suppression.ts) are left out, so an erasure stays erased.
 */
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../runtime/container/appDeps.js';
import type { LakeReader } from './lake/types.js';
import { withLockRetry } from './lockRetry.js';
import { addTotals, distinctEvents, EVENTS_PER_TRANSACTION, rollupTotals } from './rollups.js';
import { analyticsTables } from './tables.js';
import { erasedAmong } from '../runtime/policy/suppression.js';
import { eventTime } from './event/clock.js';

export interface ReplayedDay {
  day: string;
  /** Distinct events the lake holds for the day. */
  events: number;
  /** Copies beyond the first (the lake is written at least once). */
  duplicates: number;
}

export async function replayFromLake({ db, app }: Pick<AppDeps, 'db' | 'app'>, lake: LakeReader, days: readonly string[]): Promise<ReplayedDay[]> {
  const tables = analyticsTables(app);
  const { activityDays, conceptOutcomes, processedEvents } = tables;
  const replayed: ReplayedDay[] = [];
  for (const day of days) {
    const stored = await lake.readDay(app, day);
    // The lake's partition is the day of the corrected time, the day the rollups count an event on.
    const ofDay = distinctEvents(stored).filter((event) => eventTime(event).startsWith(day));
    // A bucket lake may still hold an erased person's records: the suppression list keeps them out.
    const erased = await erasedAmong(db, app, ofDay.map((event) => event.userId));
    const events = erased.size ? ofDay.filter((event) => !erased.has(event.userId)) : ofDay;
    const processedAt = new Date();
    await withLockRetry(() => db.transaction(async (tx) => {
      await tx.delete(activityDays).where(eq(activityDays.day, day));
      await tx.delete(conceptOutcomes).where(eq(conceptOutcomes.day, day));
      await addTotals(tx, tables, rollupTotals(events));
      for (let start = 0; start < events.length; start += EVENTS_PER_TRANSACTION) {
        const records = events.slice(start, start + EVENTS_PER_TRANSACTION).map(({ userId, clientEventId, clockClamped }) => ({ userId, clientEventId, processedAt, clockClamped }));
        await tx.insert(processedEvents).ignore().values(records);
      }
    }));
    replayed.push({ day, events: events.length, duplicates: stored.length - events.length });
  }
  return replayed;
}
