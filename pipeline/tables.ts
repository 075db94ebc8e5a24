/**
 * The pipeline's tables: the consumer's dedupe records, the rollups it writes (which the analytics
 * subgraph answers from) and the outbox the producer fills when the queue is unreachable (which the
 * relay drains).
 */
import { bigint, char, date, datetime, index, int, primaryKey, text, varchar } from 'drizzle-orm/mysql-core';
import { appTables } from '../runtime/tenancy.js';
import { CLOCK_CLAMPS } from './event/clock.js';

export const analyticsTables = appTables((table) => {
  /** Events the consumer has applied; its primary key makes every rollup count an event once. */
  const processedEvents = table('processed_events', {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    clientEventId: varchar('client_event_id', { length: 64 }).notNull(),
    processedAt: datetime('processed_at', { mode: 'date', fsp: 3 }).notNull(),
    /** The transaction that inserted the row: how a batch tells its new events from those seen before. */
    batchId: char('batch_id', { length: 36 }),
    /** Set when the event's time was clamped (./event/clock.ts): a device whose clock is badly off. */
    clockClamped: varchar('clock_clamped', { length: 8, enum: CLOCK_CLAMPS }),
  }, (t) => [primaryKey({ columns: [t.userId, t.clientEventId] })]);
  /** Activity per student per day (UTC), for streaks and weekly minutes. */
  const activityDays = table('activity_days', {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    activeSeconds: int('active_seconds').notNull(),
    events: int('events').notNull(),
    lastEventAt: datetime('last_event_at', { mode: 'date', fsp: 3 }).notNull(),
  }, (t) => [primaryKey({ columns: [t.userId, t.day] })]);
  /** Answers per student, concept and day, for learning outcomes over a date range. */
  const conceptOutcomes = table('concept_outcomes', {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    conceptId: bigint('concept_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    attempts: int('attempts').notNull(),
    correct: int('correct').notNull(),
  }, (t) => [primaryKey({ columns: [t.userId, t.conceptId, t.day] }), index('concept_day_idx').on(t.conceptId, t.day)]);
  /** Events accepted while the queue was unreachable; the relay moves them to the queue when it returns. */
  const eventOutbox = table('event_outbox', {
    id: bigint('id', { mode: 'number' }).primaryKey().autoincrement(),
    payload: text('payload').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  });
  return { processedEvents, activityDays, conceptOutcomes, eventOutbox };
});

export type AnalyticsTables = ReturnType<typeof analyticsTables>;

/**
 * The entity cache entity of a user's recent `activity_days` (Redis only): the analytics subgraph
 * reads through it, the consumer invalidates it when its rollups change them.
 */
export const USER_ACTIVITY = 'user-activity-days';
