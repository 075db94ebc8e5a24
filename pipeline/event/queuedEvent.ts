/**
 * An analytics event as it travels from `recordEvents` through the queue (JSON) to the rollups and
 * the lake, and the checks that decide whether the consumer can process one. Both ends import this
 * one definition: the producer (subgraphs/analytics/events.ts) passes every event it would accept
 * through `queuedEventProblem`, as the exact JSON it would queue, so an event the consumer could
 * not decode is rejected there with the consumer's reason, never accepted and then dead-lettered.
 * The lake stores the same JSON (its columns: infra/constructs/LakeCatalog.ts, typed by `LakeRecord`).
 */
import { isId } from '../../runtime/ids.js';
import { CLOCK_CLAMPS, type EventClock } from './clock.js';

export const EVENT_TYPES = ['SESSION_STARTED', 'SESSION_ENDED', 'LESSON_OPENED', 'ANSWER_SUBMITTED'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * An accepted event. The clock fields (clock.ts) are optional only because events queued before
 * they existed lack them.
 */
export interface QueuedEvent extends Partial<EventClock> {
  /** Always the signed-in viewer; never taken from input. */
  userId: number;
  clientEventId: string;
  type: EventType;
  /** ISO 8601, UTC, on the device's clock, as the app sent it. */
  occurredAt: string;
  durationMs: number;
  conceptId?: number;
  contentByteId?: number;
  correct?: boolean;
  /** Context from the app (no personal data); absent when the app sent none. */
  attributes?: Record<string, string>;
}

/** A record of the lake: a queued event's JSON, one per line. Every field is a column of the lake's table. */
export type LakeRecord = QueuedEvent;

export const MAX_DURATION_MS = 3_600_000;

export const CLIENT_EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

const isStringMap = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

const isInstant = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isOptionalInstant = (value: unknown) => value === undefined || isInstant(value);

/**
 * The checks the consumer makes of a queued event, each with what it says when it fails. What
 * passes them all the consumer processes (decodes, rolls up, copies to the lake).
 */
const QUEUED_EVENT_CHECKS: readonly [check: (event: Record<string, unknown>) => boolean, problem: string][] = [
  [(e) => isId(e.userId), 'userId must be a positive integer of at most 2^53 - 1'],
  [(e) => typeof e.clientEventId === 'string' && CLIENT_EVENT_ID.test(e.clientEventId), 'clientEventId must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -'],
  [(e) => (EVENT_TYPES as readonly unknown[]).includes(e.type), `type must be one of ${EVENT_TYPES.join(', ')}`],
  [(e) => isInstant(e.occurredAt), 'occurredAt must be an instant'],
  [(e) => isOptionalInstant(e.sentAt) && isOptionalInstant(e.receivedAt) && isOptionalInstant(e.correctedAt), 'sentAt, receivedAt and correctedAt must be instants when present'],
  [(e) => e.clockClamped === undefined || (CLOCK_CLAMPS as readonly unknown[]).includes(e.clockClamped), `clockClamped must be one of ${CLOCK_CLAMPS.join(', ')} when present`],
  [(e) => typeof e.durationMs === 'number' && Number.isInteger(e.durationMs) && e.durationMs >= 0 && e.durationMs <= MAX_DURATION_MS, `durationMs must be an integer from 0 to ${MAX_DURATION_MS}`],
  [(e) => e.conceptId === undefined || isId(e.conceptId), 'conceptId must be a positive integer of at most 2^53 - 1'],
  [(e) => e.contentByteId === undefined || isId(e.contentByteId), 'contentByteId must be a positive integer of at most 2^53 - 1'],
  [(e) => e.correct === undefined || typeof e.correct === 'boolean', 'correct must be a boolean when present'],
  [(e) => e.attributes === undefined || isStringMap(e.attributes), 'attributes must map names to strings'],
  [(e) => e.type !== 'ANSWER_SUBMITTED' || (e.conceptId !== undefined && e.correct !== undefined), 'ANSWER_SUBMITTED needs conceptId and correct'],
];

/**
 * Why the consumer could not process `value` (a queued event parsed from its JSON), or null when
 * it can. Nothing is corrected again: an event may wait in the outbox for days, and its
 * `correctedAt` was fixed when it was received. Events queued before the clock fields existed
 * pass as they are.
 */
export function queuedEventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const event = value as Record<string, unknown>;
  for (const [check, problem] of QUEUED_EVENT_CHECKS) if (!check(event)) return problem;
  return null;
}

/** A queued event read back from the queue or the lake, or why it is not one (a poison message). */
export function readQueuedEvent(json: string): { event: QueuedEvent } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  const problem = queuedEventProblem(value);
  return problem === null ? { event: value as QueuedEvent } : { problem };
}

/** A queued event read back from the queue or the lake, or null when it is not one (a poison message). */
export function decodeQueuedEvent(json: string): QueuedEvent | null {
  const read = readQueuedEvent(json);
  return 'event' in read ? read.event : null;
}
