/**
 * Idempotent rollups: each event is applied in its own transaction, and only when its
 * (user, clientEventId) is new to `processed_events`. Applying the same events again, in any
 * order or from both the stream and the outbox, changes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../runtime/clients/mysql.js';
import type { AppName } from '../../runtime/tenancy.js';
import type { QueuedEvent } from './events.js';
import { analyticsTables } from './tables.js';

/** The UTC calendar day of an instant, as `YYYY-MM-DD` (the rollups' day key). */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);

export async function applyEvents(db: Database, app: AppName, events: QueuedEvent[]): Promise<{ applied: number; skipped: number }> {
  const { processedEvents, activityDays, conceptOutcomes } = analyticsTables(app);
  let applied = 0;
  for (const event of events) {
    const occurredAt = new Date(event.occurredAt);
    const day = utcDay(occurredAt);
    const isNew = await db.transaction(async (tx) => {
      // INSERT IGNORE is the portable "insert unless present": 1 row affected only the first time.
      const [inserted] = await tx.insert(processedEvents).ignore().values({ userId: event.userId, clientEventId: event.clientEventId, processedAt: new Date() });
      if (inserted.affectedRows !== 1) return false;
      const seconds = Math.round(event.durationMs / 1000);
      await tx.insert(activityDays)
        .values({ userId: event.userId, day, activeSeconds: seconds, events: 1, lastEventAt: occurredAt })
        .onDuplicateKeyUpdate({
          set: {
            activeSeconds: sql`${activityDays.activeSeconds} + ${seconds}`,
            events: sql`${activityDays.events} + 1`,
            lastEventAt: sql`GREATEST(${activityDays.lastEventAt}, ${occurredAt})`,
          },
        });
      if (event.type === 'ANSWER_SUBMITTED' && event.conceptId !== undefined) {
        const correct = event.correct ? 1 : 0;
        await tx.insert(conceptOutcomes)
          .values({ userId: event.userId, conceptId: event.conceptId, day, attempts: 1, correct })
          .onDuplicateKeyUpdate({ set: { attempts: sql`${conceptOutcomes.attempts} + 1`, correct: sql`${conceptOutcomes.correct} + ${correct}` } });
      }
      return true;
    });
    if (isNew) applied++;
  }
  return { applied, skipped: events.length - applied };
}
