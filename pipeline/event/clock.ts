/**
 * Device clocks. A child's tablet may run an hour fast, a day slow, or a year off after a flat
 * battery; its events are never refused for that. As analytics SDKs do (Segment's `sentAt`,
 * Amplitude's `client_upload_time`), the app stamps the call with its own clock when it sends it,
 * the server notes when it received it, and the difference is the device clock's offset:
 *
 *   correctedAt = receivedAt - (sentAt - occurredAt)
 *
 * Without `sentAt` nothing can be corrected and `occurredAt` stands. A corrected time that still
 * makes no sense (after the server received the event, or older than the rollups take) is clamped
 * to the nearest time that does, and the event says so (`clockClamped`).
 */

/** How far back an event may count: older days' rollups have long been read by teachers and parents. */
export const MAX_AGE_MS = 30 * 86_400_000;

/** Why an event's time was clamped: it came out after its receipt (`future`), or before `MAX_AGE_MS` ago (`past`). */
export const CLOCK_CLAMPS = ['future', 'past'] as const;
export type ClockClamp = (typeof CLOCK_CLAMPS)[number];

/** The clock fields the server adds to an event (ISO 8601, UTC). */
export interface EventClock {
  /** The device's clock when it sent the call; absent when the app sent none. */
  sentAt?: string;
  /** The server's clock when `recordEvents` received the call. */
  receivedAt: string;
  /** When the event occurred on the server's clock: what the rollups and the lake's partitions use. */
  correctedAt: string;
  /** Present only when `correctedAt` was clamped. */
  clockClamped?: ClockClamp;
}

/** The server's view of when an event that the device dated `occurredAt` happened. */
export function correctClock(occurredAt: Date, sentAt: Date | undefined, receivedAt: Date): EventClock {
  const received = receivedAt.getTime();
  const deviceAhead = sentAt ? sentAt.getTime() - received : 0;
  const corrected = occurredAt.getTime() - deviceAhead;
  const clock: EventClock = { receivedAt: receivedAt.toISOString(), correctedAt: new Date(corrected).toISOString() };
  if (sentAt) clock.sentAt = sentAt.toISOString();
  if (corrected > received) {
    clock.correctedAt = clock.receivedAt;
    clock.clockClamped = 'future';
  } else if (corrected < received - MAX_AGE_MS) {
    clock.correctedAt = new Date(received - MAX_AGE_MS).toISOString();
    clock.clockClamped = 'past';
  }
  return clock;
}

/**
 * The instant the rollups, the lake and the replay date an event by. Events queued before the
 * server corrected device clocks carry `occurredAt` alone: it is all there is, and using it
 * keeps a replay of old days giving the numbers it always gave.
 */
export const eventTime = (event: { occurredAt: string; correctedAt?: string }): string => event.correctedAt ?? event.occurredAt;

/**
 * `eventTime`'s day as Firehose computes it from a lake record (a jq query of its dynamic
 * partitioning, infra/constructs/LakeDelivery.ts): the `dt` partition the event is written under.
 */
export const EVENT_DAY_JQ = '(.correctedAt // .occurredAt)[0:10]';

/** The UTC calendar day of an instant, as `YYYY-MM-DD`: the rollups' day key and the lake's `dt`. */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);
