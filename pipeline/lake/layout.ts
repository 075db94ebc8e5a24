/** Where and how the lake stores events: Firehose's partition layout, gzip NDJSON. */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AppName } from '../../runtime/tenancy.js';
import { decodeQueuedEvent, type QueuedEvent } from '../event/queuedEvent.js';
import { eventTime } from '../event/clock.js';

/** The folder (key prefix) of every partition of one app's events. */
export const appPartitionsOf = (prefix: string, app: AppName) => `${prefix}app=${app}/`;

/** The folder (key prefix) of one app's events of one UTC day. */
export const partitionOf = (prefix: string, app: AppName, day: string) => `${appPartitionsOf(prefix, app)}dt=${day}/`;

/**
 * The folder (key prefix) of one learner's copies of its events: every batch the consumer writes
 * also puts each learner's events of it here, so a data export reads that learner's objects, never
 * the app's whole lake. Outside every `app=<app>/dt=<day>/` partition, so Athena never counts them.
 */
export const learnerPrefixOf = (prefix: string, app: AppName, userId: number) => `${prefix}learners/app=${app}/user=${userId}/`;

/** Events grouped by learner, in input order. */
export function byLearner(events: readonly QueuedEvent[]): Map<number, QueuedEvent[]> {
  const learners = new Map<number, QueuedEvent[]>();
  for (const event of events) {
    const ofLearner = learners.get(event.userId);
    if (ofLearner) ofLearner.push(event);
    else learners.set(event.userId, [event]);
  }
  return learners;
}

/** The key of an erased person's tombstone; outside every `app=<app>/dt=<day>/` partition of events. */
export const tombstoneKeyOf = (prefix: string, app: AppName, userId: number) => `${prefix}tombstones/app=${app}/${userId}.json`;

/** An erased person's tombstone: the id and the erasure time (ISO 8601 UTC), no personal data. Every field is a column of the lake's tombstones table. */
export interface Tombstone {
  userId: number;
  erasedAt: string;
}

/** One JSON line (the SerDe of the Glue table reads lines). */
export const encodeTombstone = (userId: number, erasedAt: Date): string => `${JSON.stringify({ userId, erasedAt: erasedAt.toISOString() } satisfies Tombstone)}\n`;

/** A new object's name, like Firehose's: time of writing, then a random part so writers never collide. */
export const objectName = (now = new Date()) => `events-${now.toISOString().slice(0, 19).replace(/[T:]/g, '-')}-${randomUUID()}.gz`;

/** Events grouped by the UTC day they occurred on the server's clock (their partition; the day the rollups count them on). */
export function byDay(events: readonly QueuedEvent[]): Map<string, QueuedEvent[]> {
  const days = new Map<string, QueuedEvent[]>();
  for (const event of events) {
    const day = eventTime(event).slice(0, 10);
    const ofDay = days.get(day);
    if (ofDay) ofDay.push(event);
    else days.set(day, [event]);
  }
  return days;
}

export const encodeEvents = (events: readonly QueuedEvent[]): Buffer => gzipSync(events.map((event) => `${JSON.stringify(event)}\n`).join(''));

/** The events of one object; lines that are not events are counted, not returned. */
export function decodeEvents(object: Uint8Array): { events: QueuedEvent[]; malformed: number } {
  const events: QueuedEvent[] = [];
  let malformed = 0;
  for (const line of gunzipSync(object).toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const event = decodeQueuedEvent(line);
    if (event) events.push(event);
    else malformed++;
  }
  return { events, malformed };
}

/** The user a line names, read without validating the rest (a line that is not JSON names none). */
export function userOfLine(line: string): unknown {
  try {
    return (JSON.parse(line) as { userId?: unknown }).userId;
  } catch {
    return undefined;
  }
}

/** The line's event when it is one of `userId`'s. */
export const recordOfUser = (line: string, userId: number): QueuedEvent | undefined => (userOfLine(line) === userId ? decodeQueuedEvent(line) ?? undefined : undefined);

/** The UTC days from `from` to `to`, inclusive (`YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}
