/**
 * The consumer in AWS: a Lambda fed by the SQS event source mapping, with partial batch responses
 * (`reportBatchItemFailures`), and the scheduled relay of the outbox.
 *
 * Failure model. Only the messages that failed are reported in `batchItemFailures`: SQS deletes
 * the others and makes those visible again; each receive counts, and past the queue's
 * `maxReceiveCount` SQS moves the message to the dead-letter queue (the reason is in the log, one
 * line per failed attempt). When the database or the lake fails as a whole, every message of the
 * batch is reported and comes back; applying twice changes nothing.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { errorChain } from '../runtime/errors.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { lakeWriterFor } from './lake/lakeFor.js';
import type { LakeWriter } from './lake/types.js';
import { relayOutbox } from './relay.js';
import { createBatchProcessor } from './processor.js';
import { eventQueueFor, type Delivery } from './queue/index.js';

export function createSqsBatchHandler(deps: AppDeps, lake: LakeWriter = lakeWriterFor(deps)) {
  const logger = deps.logger.child({ component: 'analytics.sqs_consumer' });
  const process = createBatchProcessor(deps, lake, logger);
  const { maxAttempts } = deps.analytics;

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deliveries: Delivery[] = event.Records.map((record) => ({
      id: record.messageId,
      body: record.body,
      attempt: Number(record.attributes?.ApproximateReceiveCount ?? 1),
      handle: record.receiptHandle,
    }));
    try {
      const { failed } = await process(deliveries);
      for (const { delivery, reason } of failed) {
        const effect = delivery.attempt >= maxAttempts ? 'dead-lettered' : 'retrying';
        logger.warn('analytics.event_failed', { queue: 'sqs', id: delivery.id, attempt: delivery.attempt, maxAttempts, reason, effect });
      }
      return { batchItemFailures: failed.map(({ delivery }) => ({ itemIdentifier: delivery.id })) };
    } catch (error) {
      logger.warn('analytics.batch_failed', { message: errorChain(error), messages: deliveries.length, effect: 'delivered again' });
      return { batchItemFailures: deliveries.map((delivery) => ({ itemIdentifier: delivery.id })) };
    }
  };
}

/** The scheduled relay: moves what the outbox holds to the queue. */
export function createOutboxRelayHandler(deps: AppDeps) {
  return async (): Promise<{ relayed: number }> => {
    const queue = eventQueueFor(deps);
    return { relayed: queue ? await relayOutbox(deps, queue) : 0 };
  };
}
