/**
 * Idempotent rollups, a batch at a time. One transaction per batch of up to
 * `EVENTS_PER_TRANSACTION` events: the dedupe records of the whole batch in one INSERT IGNORE, a
 * read-back of which of them this transaction inserted (only when some were there already), and
 * one upsert per rollup table with the batch's totals. Applying the same events again, in any
 * order, from any number of consumers at once, changes nothing: a dedupe row belongs to the one
 * transaction that inserted it, and only that transaction counts its event.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Database } from '../runtime/clients/mysql.js';
import type { AppName } from '../runtime/tenancy.js';
import type { QueuedEvent } from './event/queuedEvent.js';
import { utcDay, eventTime } from './event/clock.js';
import { analyticsTables, type AnalyticsTables } from './tables.js';
import { withLockRetry } from './lockRetry.js';
import { erasedAmong } from '../runtime/policy/suppression.js';


/** Events per transaction: bounds a statement's size and a transaction's locks. */
export const EVENTS_PER_TRANSACTION = 500;

const eventKey = (event: Pick<QueuedEvent, 'userId' | 'clientEventId'>) => `${event.userId}\u0000${event.clientEventId}`;

/** The events with the first occurrence of each (user, clientEventId), in key order (a fixed lock order, so concurrent batches do not deadlock). */
export function distinctEvents(events: readonly QueuedEvent[]): QueuedEvent[] {
  const byKey = new Map<string, QueuedEvent>();
  for (const event of events) if (!byKey.has(eventKey(event))) byKey.set(eventKey(event), event);
  return [...byKey.values()].sort((a, b) => a.userId - b.userId || (a.clientEventId < b.clientEventId ? -1 : a.clientEventId > b.clientEventId ? 1 : 0));
}

export interface ActivityTotal { userId: number; day: string; activeSeconds: number; events: number; lastEventAt: Date }
export interface OutcomeTotal { userId: number; conceptId: number; day: string; attempts: number; correct: number }

/**
 * What `events` (each counted once, as given) add to the rollups; the one definition the consumer
 * and the replay share. Days and `lastEventAt` come from the server's view of each event's time
 * (`eventTime`: corrected for the device's clock), never from the device's clock alone.
 */
export function rollupTotals(events: readonly QueuedEvent[]): { activity: ActivityTotal[]; outcomes: OutcomeTotal[] } {
  const activity = new Map<string, ActivityTotal>();
  const outcomes = new Map<string, OutcomeTotal>();
  for (const event of events) {
    const at = new Date(eventTime(event));
    const day = utcDay(at);
    const seconds = Math.round(event.durationMs / 1000);
    const dayKey = `${event.userId}:${day}`;
    const total = activity.get(dayKey);
    if (total) {
      total.activeSeconds += seconds;
      total.events++;
      if (at > total.lastEventAt) total.lastEventAt = at;
    } else {
      activity.set(dayKey, { userId: event.userId, day, activeSeconds: seconds, events: 1, lastEventAt: at });
    }
    if (event.type === 'ANSWER_SUBMITTED' && event.conceptId !== undefined) {
      const outcomeKey = `${event.userId}:${event.conceptId}:${day}`;
      const outcome = outcomes.get(outcomeKey) ?? { userId: event.userId, conceptId: event.conceptId, day, attempts: 0, correct: 0 };
      outcome.attempts++;
      if (event.correct) outcome.correct++;
      outcomes.set(outcomeKey, outcome);
    }
  }
  const byKey = <T extends { userId: number; day: string; conceptId?: number }>(a: T, b: T) =>
    a.userId - b.userId || (a.conceptId ?? 0) - (b.conceptId ?? 0) || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
  return { activity: [...activity.values()].sort(byKey), outcomes: [...outcomes.values()].sort(byKey) };
}

/** `VALUES(column)`: the value the INSERT proposed for a row that already existed. */
const proposed = (column: MySqlColumn) => sql`values(${sql.identifier(column.name)})`;

/** Adds totals to the rollup rows, creating the rows that do not exist yet (one statement per table). */
export async function addTotals(db: Database, { activityDays, conceptOutcomes }: AnalyticsTables, totals: ReturnType<typeof rollupTotals>): Promise<void> {
  if (totals.activity.length > 0) {
    await db.insert(activityDays).values(totals.activity).onDuplicateKeyUpdate({
      set: {
        activeSeconds: sql`${activityDays.activeSeconds} + ${proposed(activityDays.activeSeconds)}`,
        events: sql`${activityDays.events} + ${proposed(activityDays.events)}`,
        lastEventAt: sql`GREATEST(${activityDays.lastEventAt}, ${proposed(activityDays.lastEventAt)})`,
      },
    });
  }
  if (totals.outcomes.length > 0) {
    await db.insert(conceptOutcomes).values(totals.outcomes).onDuplicateKeyUpdate({
      set: {
        attempts: sql`${conceptOutcomes.attempts} + ${proposed(conceptOutcomes.attempts)}`,
        correct: sql`${conceptOutcomes.correct} + ${proposed(conceptOutcomes.correct)}`,
      },
    });
  }
}

/** Inserts the dedupe records of `events` (distinct, in key order); returns the ones this transaction inserted. */
export async function claimNewEvents(tx: Database, { processedEvents }: AnalyticsTables, events: QueuedEvent[]): Promise<QueuedEvent[]> {
  const batchId = randomUUID();
  const processedAt = new Date();
  // INSERT IGNORE waits on a row another transaction is inserting, then skips it if that one commits.
  const [inserted] = await tx.insert(processedEvents).ignore()
    .values(events.map(({ userId, clientEventId, clockClamped }) => ({ userId, clientEventId, processedAt, batchId, clockClamped })));
  if (inserted.affectedRows === events.length) return events;
  if (inserted.affectedRows === 0) return [];
  const mine = await tx.select({ userId: processedEvents.userId, clientEventId: processedEvents.clientEventId }).from(processedEvents).where(and(
    eq(processedEvents.batchId, batchId),
    or(...events.map((event) => and(eq(processedEvents.userId, event.userId), eq(processedEvents.clientEventId, event.clientEventId)))),
  ));
  const isMine = new Set(mine.map(eventKey));
  return events.filter((event) => isMine.has(eventKey(event)));
}

/**
 * Applies each event once. Events of erased people (the suppression list, read under a share lock
 * so an erasure cannot start between the check and the commit) are dropped: `erased` names them.
 */
export async function applyEvents(db: Database, app: AppName, events: readonly QueuedEvent[]): Promise<{ applied: number; skipped: number; erased: Set<number> }> {
  const tables = analyticsTables(app);
  const distinct = distinctEvents(events);
  let applied = 0;
  const erased = new Set<number>();
  for (let start = 0; start < distinct.length; start += EVENTS_PER_TRANSACTION) {
    const chunk = distinct.slice(start, start + EVENTS_PER_TRANSACTION);
    applied += await withLockRetry(() => db.transaction(async (tx) => {
      const gone = await erasedAmong(tx, app, chunk.map((event) => event.userId), { lock: true });
      for (const userId of gone) erased.add(userId);
      const kept = gone.size ? chunk.filter((event) => !gone.has(event.userId)) : chunk;
      if (kept.length === 0) return 0;
      const fresh = await claimNewEvents(tx, tables, kept);
      await addTotals(tx, tables, rollupTotals(fresh));
      return fresh.length;
    }));
  }
  return { applied, skipped: events.length - applied, erased };
}
