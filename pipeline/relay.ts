/**
 * The relay: moves the outbox's events (subgraphs/analytics/outbox.ts) to the queue.
 *
 * Failure model. A row is deleted in the same transaction that locked it, after the queue took its
 * event, so a relay that dies, or a queue that fails half way, leaves the rows that were not placed
 * (a row placed but not yet deleted is sent again and counted once by the consumer's dedupe).
 * Relays may run at once (each container's consumer, the scheduled Lambda): SKIP LOCKED gives each
 * its own rows.
 */
import { asc, inArray } from 'drizzle-orm';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { analyticsTables } from './tables.js';
import { unsentOf, type EventQueue } from './queue/index.js';

/** Rows moved per transaction. */
const RELAY_BATCH = 200;

/**
 * Moves outbox rows to the queue, oldest first, until the outbox is empty or the queue refuses;
 * returns how many it moved. Throws the queue's error once nothing more can move.
 */
export async function relayOutbox({ db, app }: Pick<AppDeps, 'db' | 'app'>, queue: EventQueue): Promise<number> {
  const { eventOutbox } = analyticsTables(app);
  let moved = 0;
  for (;;) {
    const result = await db.transaction(async (tx) => {
      const rows = await tx.select().from(eventOutbox).orderBy(asc(eventOutbox.id)).limit(RELAY_BATCH).for('update', { skipLocked: true });
      if (rows.length === 0) return { placed: 0, failure: undefined };
      let failure: unknown;
      let unsent: ReadonlySet<number> = new Set();
      try {
        await queue.send(rows.map((row) => row.payload));
      } catch (error) {
        failure = error;
        unsent = new Set(unsentOf(error, rows.length));
      }
      const placed = rows.filter((_, i) => !unsent.has(i)).map((row) => row.id);
      if (placed.length > 0) await tx.delete(eventOutbox).where(inArray(eventOutbox.id, placed));
      return { placed: placed.length, failure };
    });
    moved += result.placed;
    if (result.failure !== undefined) {
      if (moved > 0) return moved;
      throw result.failure;
    }
    if (result.placed === 0) return moved;
  }
}

/** Rows waiting in the outbox (part of the consumer lag). */
export async function outboxSize({ db, app }: Pick<AppDeps, 'db' | 'app'>): Promise<number> {
  const { eventOutbox } = analyticsTables(app);
  return db.$count(eventOutbox);
}
