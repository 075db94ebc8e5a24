/**
 * The analytics events `recordEvents` accepts, and the checks that decide it. A bad event is
 * rejected on its own (reported by index) so the rest of the batch still counts; only an
 * oversized batch fails the whole call. The last check of every event is the consumer's own
 * (`queuedEventProblem`, pipeline/event/queuedEvent.ts), on the exact JSON it would queue
 * (subgraphs/analytics/eventContract.test.ts feeds generated accepted events through both).
 */
import { badUserInput } from '../../runtime/errors.js';
import { idProblem, tryParseId } from '../../runtime/ids.js';
import { correctClock } from '../../pipeline/event/clock.js';
import { CLIENT_EVENT_ID, MAX_DURATION_MS, queuedEventProblem, type QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import type { AnalyticsEventInput, EventAttributeInput } from './generated/resolvers.js';
import { personalKey, personalValue } from './personalData.js';

export interface EventRejection {
  index: number;
  /** BAD_USER_INPUT: never send it again. UNAVAILABLE: not stored now, send it again later. RATE_LIMITED: over the learner's events a minute (eventBudget.ts), send it again after the wait its message gives. */
  code: 'BAD_USER_INPUT' | 'UNAVAILABLE' | 'RATE_LIMITED';
  message: string;
  retryable: boolean;
}

export const MAX_EVENTS_PER_CALL = 500;
export const MAX_ATTRIBUTES = 8;
/**
 * The app's part of a queued event (JSON, UTF-8) at most this size; the clock fields the server
 * adds take under 200 bytes more. Far below SQS's and Firehose's record limits.
 */
export const MAX_EVENT_BYTES = 1024;

const ATTRIBUTE_KEY = /^[a-z][A-Za-z0-9_]{0,31}$/;
/** Printable text only: no control, format (zero-width, bidi) or unassigned characters. */
const ATTRIBUTE_VALUE = /^[^\p{C}]{0,64}$/u;

/** The offending value for a message, shortened so a huge input is not echoed back whole. */
function echo(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The attributes as a map, or why they are refused. */
function checkAttributes(inputs: readonly EventAttributeInput[]): Record<string, string> | string {
  if (inputs.length > MAX_ATTRIBUTES) return `attributes may hold at most ${MAX_ATTRIBUTES} entries; got ${inputs.length}`;
  const attributes: Record<string, string> = {};
  for (const { key, value } of inputs) {
    if (!ATTRIBUTE_KEY.test(key)) return `attribute keys must be 1 to 32 characters, a lower-case letter then letters, digits or _; got ${echo(key)}`;
    if (Object.hasOwn(attributes, key)) return `attribute keys must be unique; got ${echo(key)} twice`;
    const keyProblem = personalKey(key);
    if (keyProblem) return `attribute ${echo(key)} ${keyProblem}; events carry no personal data beyond the user id`;
    if (!ATTRIBUTE_VALUE.test(value)) return `attribute ${echo(key)} must be at most 64 printable characters; got ${echo(value)}`;
    const valueProblem = personalValue(value);
    // The value itself is not echoed: it may be the very personal data refused.
    if (valueProblem) return `attribute ${echo(key)} ${valueProblem}; events carry no personal data beyond the user id`;
    attributes[key] = value;
  }
  return attributes;
}

/** The call's clocks: the server's when it received the call, the device's when it sent it (if the app said). */
export interface CallClocks {
  receivedAt: Date;
  sentAt?: Date | null;
}

/** The event to queue, or why it is refused. No time is refused: a device clock is corrected or clamped (pipeline/event/clock.ts). */
function checkEvent(userId: number, input: AnalyticsEventInput, { receivedAt, sentAt }: CallClocks): QueuedEvent | string {
  const { clientEventId, type, occurredAt, correct } = input;
  const durationMs = input.durationMs ?? 0;
  if (!CLIENT_EVENT_ID.test(clientEventId)) return `clientEventId must be 1 to 64 characters of A-Z, a-z, 0-9, _ . : -; got ${echo(clientEventId)}`;
  if (!Number.isInteger(durationMs) || durationMs < 0 || durationMs > MAX_DURATION_MS) return `durationMs must be an integer from 0 to ${MAX_DURATION_MS}; got ${durationMs}`;

  const event: QueuedEvent = { userId, clientEventId, type, occurredAt: occurredAt.toISOString(), durationMs };
  for (const field of ['conceptId', 'contentByteId'] as const) {
    const raw = input[field];
    if (raw == null) continue;
    const id = tryParseId(raw);
    if (id === null) return idProblem(raw, field);
    event[field] = id;
  }
  if (correct != null) event.correct = correct;
  if (type === 'ANSWER_SUBMITTED' && (event.conceptId === undefined || event.correct === undefined)) {
    return `ANSWER_SUBMITTED needs conceptId and correct; got conceptId ${echo(input.conceptId ?? null)}, correct ${echo(correct ?? null)}`;
  }
  if (input.attributes?.length) {
    const attributes = checkAttributes(input.attributes);
    if (typeof attributes === 'string') return attributes;
    event.attributes = attributes;
  }
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > MAX_EVENT_BYTES) return `an event may take at most ${MAX_EVENT_BYTES} bytes as JSON; got ${bytes}`;
  const queued = Object.assign(event, correctClock(occurredAt, sentAt ?? undefined, receivedAt));
  // The last check is the consumer's own, on the bytes the queue would carry.
  const problem = queuedEventProblem(JSON.parse(JSON.stringify(queued)));
  return problem === null ? queued : `the event could not be processed: ${problem}`;
}

export interface ValidatedBatch {
  valid: QueuedEvent[];
  /** The input index of each `valid` event. */
  positions: number[];
  rejections: EventRejection[];
}

/**
 * Splits a batch into events to queue and per-index rejections; BAD_USER_INPUT when the batch is
 * too large. `receivedAt` is the server's clock (ms) when the call arrived; `sentAt` the device's.
 */
export function validateEvents(userId: number, inputs: readonly AnalyticsEventInput[], receivedAt = Date.now(), sentAt?: Date | null): ValidatedBatch {
  if (inputs.length > MAX_EVENTS_PER_CALL) {
    throw badUserInput(`recordEvents accepts at most ${MAX_EVENTS_PER_CALL} events per call; got ${inputs.length}`, { argument: 'events' });
  }
  const batch: ValidatedBatch = { valid: [], positions: [], rejections: [] };
  inputs.forEach((input, index) => {
    const checked = checkEvent(userId, input, { receivedAt: new Date(receivedAt), sentAt });
    if (typeof checked === 'string') {
      batch.rejections.push({ index, code: 'BAD_USER_INPUT', message: checked, retryable: false });
    } else {
      batch.valid.push(checked);
      batch.positions.push(index);
    }
  });
  return batch;
}
