/**
 * The analytics queue on SQS (AWS), through `@aws-sdk/client-sqs`.
 *
 * Failure model. `send` uses SendMessageBatch (10 entries a call); SQS answers per entry, so the
 * entries it lists as `Failed` through no fault of ours are sent again, `sendRounds` times in all,
 * and whatever is still unsent is named in `QueueSendError`. A SendMessageBatch that succeeded is
 * durable (SQS stores messages redundantly before it answers). Deliveries are at least once: a
 * received message is invisible for the visibility timeout and comes back unless deleted (`ack`).
 * `retryLater` makes it visible again at once; SQS counts every receive and, past the queue's
 * redrive policy `maxReceiveCount` (which `maxAttempts` must equal), moves it to the dead-letter
 * queue itself. The consumer Lambda gets the same guarantees from its event source mapping.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { deadLetterQueueToRedrive } from '../../runtime/config.js';
import { QueueSendError, type Delivery, type EventQueue } from './types.js';

export interface SqsQueueOptions {
  queueUrl: string;
  /** Where SQS moves messages past `maxReceiveCount`; needed by `redrive` and `depth` only. */
  deadLetterQueueUrl: string | undefined;
  /** The queue's `maxReceiveCount`. @default 5 */
  maxAttempts: number;
  /** How long a received message stays hidden from other consumers. @default the queue's own setting */
  visibilityTimeoutSeconds: number | undefined;
  /** SendMessageBatch calls for entries SQS reports as failed through no fault of ours. @default 3 */
  sendRounds: number;
}

const defaults: Omit<SqsQueueOptions, 'queueUrl' | 'deadLetterQueueUrl'> = { maxAttempts: 5, visibilityTimeoutSeconds: undefined, sendRounds: 3 };

/** SQS's limits: entries per batch call, and the longest long poll. */
const BATCH = 10;
const MAX_WAIT_SECONDS = 20;
/** Batch calls in flight at once for one `send`. */
const PARALLEL_CALLS = 8;

const chunk = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export function createSqsQueue(client: SQSClient, options: Pick<SqsQueueOptions, 'queueUrl' | 'deadLetterQueueUrl'> & Partial<SqsQueueOptions>): EventQueue {
  const { queueUrl, deadLetterQueueUrl, maxAttempts, visibilityTimeoutSeconds, sendRounds } = { ...defaults, ...options };

  /** Sends `indexes` of `bodies` to `url`; returns the indexes left unsent and the last reason. */
  async function sendBatch(url: string, bodies: readonly string[], indexes: number[]): Promise<{ unsent: number[]; cause?: unknown }> {
    let pending = indexes;
    const refused: number[] = [];
    let cause: unknown;
    for (let round = 1; round <= sendRounds && pending.length > 0; round++) {
      if (round > 1) await sleep(50 * 2 ** round);
      try {
        const reply = await client.send(new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: pending.map((index) => ({ Id: String(index), MessageBody: bodies[index]! })),
        }));
        const failed = reply.Failed ?? [];
        if (failed.length > 0) cause = new Error(`SQS refused ${failed.length} entries: ${failed[0]!.Code} ${failed[0]!.Message ?? ''}`.trim());
        // A sender fault (a malformed entry) would fail again the same way: it is left unsent, not retried.
        refused.push(...failed.filter((entry) => entry.SenderFault).map((entry) => Number(entry.Id)));
        pending = failed.filter((entry) => !entry.SenderFault).map((entry) => Number(entry.Id));
      } catch (error) {
        cause = error;
      }
    }
    return { unsent: [...refused, ...pending], cause };
  }

  async function sendAll(url: string, bodies: readonly string[]): Promise<void> {
    const batches = chunk(bodies.map((_, i) => i), BATCH);
    const unsent: number[] = [];
    let cause: unknown;
    for (const wave of chunk(batches, PARALLEL_CALLS)) {
      for (const result of await Promise.all(wave.map((indexes) => sendBatch(url, bodies, indexes)))) {
        unsent.push(...result.unsent);
        cause ??= result.unsent.length > 0 ? result.cause : undefined;
      }
    }
    if (unsent.length > 0) throw new QueueSendError(unsent.sort((a, b) => a - b), { cause });
  }

  async function receiveFrom(url: string, max: number, waitSeconds: number, visibility: number | undefined): Promise<Delivery[]> {
    const reply = await client.send(new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(BATCH, max),
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: visibility,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }));
    return (reply.Messages ?? []).map((message) => ({
      id: message.MessageId!,
      body: message.Body ?? '',
      attempt: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
      handle: message.ReceiptHandle!,
    }));
  }

  async function deleteFrom(url: string, deliveries: readonly Delivery[]): Promise<void> {
    for (const batch of chunk(deliveries, BATCH)) {
      const reply = await client.send(new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: batch.map((delivery, i) => ({ Id: String(i), ReceiptHandle: delivery.handle })),
      }));
      // Undeleted messages come back once their visibility timeout ends, and count once again.
      if (reply.Failed?.length) throw new Error(`SQS did not delete ${reply.Failed.length} message(s): ${reply.Failed[0]!.Code}`);
    }
  }

  async function count(url: string): Promise<number> {
    const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }));
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
  }

  return {
    kind: 'sqs',

    send: (bodies) => sendAll(queueUrl, bodies),

    async receive({ max, waitMs }) {
      const deliveries = await receiveFrom(queueUrl, max, Math.min(MAX_WAIT_SECONDS, Math.ceil(waitMs / 1000)), visibilityTimeoutSeconds);
      while (deliveries.length > 0 && deliveries.length < max) {
        const more = await receiveFrom(queueUrl, max - deliveries.length, 0, visibilityTimeoutSeconds);
        if (more.length === 0) break;
        deliveries.push(...more);
      }
      return deliveries;
    },

    ack: (deliveries) => deleteFrom(queueUrl, deliveries),

    async retryLater(delivery) {
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: delivery.handle, VisibilityTimeout: 0 }));
      return delivery.attempt >= maxAttempts ? 'dead-lettered' : 'retrying';
    },

    async redrive() {
      const dlq = deadLetterQueueToRedrive(deadLetterQueueUrl);
      let moved = 0;
      for (;;) {
        const letters = await receiveFrom(dlq, BATCH, 1, 60);
        if (letters.length === 0) return moved;
        await sendAll(queueUrl, letters.map((letter) => letter.body));
        await deleteFrom(dlq, letters);
        moved += letters.length;
      }
    },

    async depth() {
      const [waiting, deadLetters] = await Promise.all([count(queueUrl), deadLetterQueueUrl ? count(deadLetterQueueUrl) : Promise.resolve(0)]);
      return { waiting, deadLetters };
    },

    async close() {},
  };
}
