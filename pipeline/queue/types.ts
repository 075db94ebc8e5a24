/**
 * The analytics queue: one contract, two implementations (the Redis stream locally, SQS in AWS),
 * held to the same conformance specs (test/support/eventQueueSuite.ts).
 *
 * Failure model. `send` resolves only once the queue holds every message durably; a message it
 * could not place is named in `QueueSendError.unsent`, so the caller keeps exactly those (in the
 * outbox). Delivery is at least once: a message is removed only by `ack`, which the consumer calls
 * after the rollups committed; a consumer that dies before that leaves its messages to be delivered
 * again (reclaimed from the stream's pending list, or visible again after SQS's visibility timeout).
 * A message that fails because of what it holds is handed to `retryLater`; after `maxAttempts`
 * such failures it goes to the dead letters, out of the way of the rest, until `redrive`.
 */
import { PipelineError } from '../errors.js';

/** One delivery of a message to a consumer. */
export interface Delivery {
  /** The queue's id of the message (stream entry id, SQS message id). */
  id: string;
  body: string;
  /** 1 on the first delivery; counts the deliveries that ended in `retryLater` (Redis) or every receive (SQS). */
  attempt: number;
  /** What `ack` and `retryLater` need to find this delivery again (SQS receipt handle). */
  handle: string;
}

export interface QueueDepth {
  /** Messages sent and not yet acknowledged: waiting or being processed (the consumer lag). */
  waiting: number;
  deadLetters: number;
}

export interface EventQueue {
  readonly kind: 'redis' | 'sqs';
  /** Places every body durably, or throws `QueueSendError` naming the ones it could not. */
  send(bodies: readonly string[]): Promise<void>;
  /** Up to `max` deliveries; waits at most `waitMs` for the first when none is ready. */
  receive(options: { max: number; waitMs: number }): Promise<Delivery[]>;
  /** Removes delivered messages for good: call only once their effect is committed. */
  ack(deliveries: readonly Delivery[]): Promise<void>;
  /** Hands a message back after a failure caused by its content; `dead-lettered` when this was its last attempt. */
  retryLater(delivery: Delivery, reason: string): Promise<'retrying' | 'dead-lettered'>;
  /** Moves every dead letter back onto the queue; returns how many. */
  redrive(): Promise<number>;
  depth(): Promise<QueueDepth>;
  close(): Promise<void>;
}

/** Some or all bodies of a `send` were not placed; the others were, durably. */
export class QueueSendError extends PipelineError {
  override readonly name = 'QueueSendError';
  constructor(readonly unsent: readonly number[], options: { cause: unknown }) {
    super(`The queue did not take ${unsent.length} message(s): ${(options.cause as Error)?.message ?? options.cause}`, options);
  }
}

/** The bodies of `send` a failure left unsent: all of them unless it says otherwise. */
export function unsentOf(error: unknown, count: number): readonly number[] {
  return error instanceof QueueSendError ? error.unsent : Array.from({ length: count }, (_, i) => i);
}
