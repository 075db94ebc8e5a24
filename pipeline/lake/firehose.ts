/**
 * The lake in AWS: records to a Firehose delivery stream, which buffers them into gzip files under
 * `<prefix>app=<app>/dt=<day>/` (dynamic partitioning on the corrected day, `.correctedAt[0:10]`,
 * or `.occurredAt[0:10]` for events queued before it existed; a newline appended to each record by
 * the stream's processor).
 *
 * Failure model. PutRecordBatch answers per record: it can succeed as a call while refusing some
 * records (`FailedPutCount`, an `ErrorCode` per refused record, typically throttling). Those
 * records, and only those, are put again, `rounds` times in all with a growing pause; the ones
 * still refused are returned so their messages are delivered again later. An error of the whole
 * call (after the SDK's own retries) is thrown.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import { invariant } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/observability/logger.js';
import type { QueuedEvent } from '../event/queuedEvent.js';
import type { LakeWriter } from './types.js';
import type { LearnerCopies } from './s3.js';

export interface FirehoseLakeOptions {
  deliveryStream: string;
  /** PutRecordBatch calls for the records Firehose refused. @default 3 */
  rounds: number;
  /** Pause before the second round; doubles each round. @default 100 */
  firstPauseMs: number;
}

/** Firehose's limit of records per PutRecordBatch. */
const RECORDS_PER_CALL = 500;

/**
 * `tombstones`: the writer into the stream's bucket. Without one (or without a bucket configured)
 * `writeTombstone` fails rather than let an erasure complete with the person's records still
 * readable by Athena. `learners`: each learner's copy of a batch in that bucket (s3.ts
 * `LearnerCopies`), which a data export reads; without a bucket there is none, and the export
 * refuses rather than miss the records.
 */
export function createFirehoseLake(
  client: FirehoseClient,
  options: Pick<FirehoseLakeOptions, 'deliveryStream'> & Partial<FirehoseLakeOptions>,
  logger: Logger,
  tombstones?: Pick<LakeWriter, 'writeTombstone'>,
  learners?: Pick<LearnerCopies, 'write'>,
): LakeWriter {
  const { deliveryStream, rounds = 3, firstPauseMs = 100 } = options;

  /** Puts the events once; returns the ones Firehose refused. */
  async function putOnce(events: readonly QueuedEvent[]): Promise<{ refused: QueuedEvent[]; errorCode?: string }> {
    const refused: QueuedEvent[] = [];
    let errorCode: string | undefined;
    for (let start = 0; start < events.length; start += RECORDS_PER_CALL) {
      const part = events.slice(start, start + RECORDS_PER_CALL);
      const reply = await client.send(new PutRecordBatchCommand({
        DeliveryStreamName: deliveryStream,
        Records: part.map((event) => ({ Data: Buffer.from(JSON.stringify(event)) })),
      }));
      if (!reply.FailedPutCount) continue;
      const responses = reply.RequestResponses ?? [];
      part.forEach((event, i) => {
        // A reply without per-record answers says nothing about which went in: all are put again.
        const answer = responses[i];
        if (answer === undefined || answer.ErrorCode) {
          refused.push(event);
          errorCode ??= answer?.ErrorCode;
        }
      });
    }
    return { refused, errorCode };
  }

  return {
    kind: 'firehose',
    async write(app, events) {
      let pending: readonly QueuedEvent[] = events;
      for (let round = 1; round <= rounds && pending.length > 0; round++) {
        if (round > 1) await sleep(firstPauseMs * 2 ** (round - 2));
        const { refused, errorCode } = await putOnce(pending);
        if (refused.length > 0) logger.warn('analytics.firehose_refused', { records: refused.length, of: pending.length, errorCode, round, effect: round < rounds ? 'put again' : 'delivered again later' });
        pending = refused;
      }
      if (!learners) return { failed: [...pending] };
      const notDelivered = new Set(pending);
      const { failed: notCopied } = await learners.write(app, events.filter((event) => !notDelivered.has(event)));
      return { failed: [...pending, ...notCopied] };
    },
    async writeTombstone(app, userId, erasedAt) {
      invariant(tombstones, `the Firehose lake of ${app} was built without its tombstone writer`);
      await tombstones.writeTombstone(app, userId, erasedAt);
    },
  };
}
