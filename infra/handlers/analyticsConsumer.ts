/**
 * The analytics consumer in AWS: two entry points over the same idempotent rollups.
 *
 * - `handler` takes an SQS batch; each message is one queued event. It is applied to the MySQL
 *   rollups, then sent raw to Firehose (the S3 lake Athena reads). A message that fails either step
 *   is reported alone in `batchItemFailures` and comes back; after the queue's maxReceiveCount it
 *   rests in the dead-letter queue. A poison message (not an event) is logged and dropped, since no
 *   retry can fix it.
 * - `drain` runs on a schedule: the local consumer's `drainOnce` over the Redis stream and the
 *   outbox table, where the analytics subgraph enqueues.
 *
 * Applying an event twice changes nothing (`processed_events`), so redelivery is always safe.
 */
import { once } from 'node:events';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { runtime, telemetry } from '../../runtime/coldStart.js';
import { createEventConsumer } from '../../subgraphs/analytics/consumer.js';
import { decodeQueuedEvent, type QueuedEvent } from '../../subgraphs/analytics/events.js';
import { applyEvents } from '../../subgraphs/analytics/rollups.js';

const deliveryStream = process.env.ANALYTICS_DELIVERY_STREAM;
if (!deliveryStream) throw new Error('Environment variable ANALYTICS_DELIVERY_STREAM is required');

const { deps } = runtime;
const logger = deps.logger.child({ component: 'analytics.sqs' });
const firehose = new FirehoseClient({});
const streamConsumer = createEventConsumer(deps, { consumer: 'lambda' });

/** Sends the events to Firehose; returns the messages whose record it refused. */
async function deliver(applied: { record: SQSRecord; event: QueuedEvent }[]): Promise<SQSRecord[]> {
  if (applied.length === 0) return [];
  try {
    const reply = await firehose.send(new PutRecordBatchCommand({
      DeliveryStreamName: deliveryStream,
      Records: applied.map(({ event }) => ({ Data: Buffer.from(JSON.stringify(event)) })),
    }));
    if (!reply.FailedPutCount) return [];
    return applied.filter((_, i) => reply.RequestResponses?.[i]?.ErrorCode).map(({ record }) => record);
  } catch (error) {
    logger.warn('analytics.firehose_failed', { message: (error as Error).message, events: applied.length, effect: 'redelivered' });
    return applied.map(({ record }) => record);
  }
}

export const handler = (event: SQSEvent, context?: Context) => telemetry.observe({ context }, () => consume(event));

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  const failed: SQSRecord[] = [];
  const applied: { record: SQSRecord; event: QueuedEvent }[] = [];
  for (const record of event.Records) {
    const queued = decodeQueuedEvent(record.body);
    if (!queued) {
      logger.warn('analytics.poison_message', { source: 'sqs', id: record.messageId, bytes: record.body.length, effect: 'dropped' });
      continue;
    }
    try {
      await applyEvents(deps.db, deps.app, [queued]);
      applied.push({ record, event: queued });
    } catch (error) {
      logger.warn('analytics.rollup_failed', { id: record.messageId, message: (error as Error).message, effect: 'redelivered' });
      failed.push(record);
    }
  }
  failed.push(...(await deliver(applied)));
  const batchItemFailures: SQSBatchItemFailure[] = failed.map((record) => ({ itemIdentifier: record.messageId }));
  return { batchItemFailures };
}

export const drain = (_event?: unknown, context?: Context) => telemetry.observe({ context }, drainQueued);

async function drainQueued(): Promise<{ taken: number }> {
  // After a cold start the connection is still opening, and the client queues nothing offline.
  const { redis } = deps;
  if (redis && redis.status !== 'ready') await once(redis, 'ready', { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
  return { taken: await streamConsumer.drainOnce() };
}
