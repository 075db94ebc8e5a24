import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { eq } from 'drizzle-orm';
import { createDatabaseClient } from '../runtime/clients/mysql.js';
import { createLogger, type LogSink } from '../runtime/observability/logger.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { useTestDatabase } from '../test/support/harness.js';
import { useFauxqs, type TestQueues } from '../test/support/fauxqs.js';
import type { QueuedEvent } from './event/queuedEvent.js';
import type { LakeWriter } from './lake/types.js';
import { createSqsBatchHandler } from './sqsBatch.js';
import { analyticsTables } from './tables.js';

const apps = useTestDatabase();
const fauxqs = useFauxqs();
const deadDatabase = createDatabaseClient('mysql://root@127.0.0.1:1/none');
afterAll(() => deadDatabase.close());
const { activityDays } = analyticsTables('amal');
const MAX_RECEIVES = 3;

const lines: Record<string, unknown>[] = [];
const capture: LogSink = (line) => void lines.push(JSON.parse(line));
const deps = (overrides: Partial<AppDeps> = {}): AppDeps => ({
  ...apps.runtime().deps, logger: createLogger('warn', {}, capture), analytics: { ...apps.runtime().deps.analytics, maxAttempts: MAX_RECEIVES }, ...overrides,
});
/** A lake that keeps what it is given, refusing the events `refuses` picks. */
const lakeKeeping = (refuses: (event: QueuedEvent) => boolean = () => false) => {
  const kept: QueuedEvent[] = [];
  const lake: LakeWriter = { kind: 'firehose', write: async (_app, events) => {
    kept.push(...events.filter((event) => !refuses(event)));
    return { failed: events.filter(refuses) };
  }, writeTombstone: async () => undefined };
  return { lake, kept };
};

let nextUser = 3_000;
const anEvent = (): QueuedEvent => ({ userId: nextUser++, clientEventId: `m-${randomUUID().slice(0, 8)}`, type: 'SESSION_ENDED', occurredAt: '2026-11-21T09:00:00.000Z', durationMs: 120_000 });
const eventsOf = (userId: number) => apps.runtime().deps.db.select({ events: activityDays.events }).from(activityDays).where(eq(activityDays.userId, userId));

/** What the event source mapping does: receive a batch from SQS and hand it to the function as records. */
async function receiveAsLambdaEvent(queues: TestQueues): Promise<SQSEvent> {
  const { Messages = [] } = await fauxqs.sqs().send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
  return {
    Records: Messages.map((message) => ({
      messageId: message.MessageId!, receiptHandle: message.ReceiptHandle!, body: message.Body!,
      attributes: { ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1' },
      messageAttributes: {}, md5OfBody: message.MD5OfBody!, eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:events', awsRegion: 'us-east-1',
    }) as unknown as SQSRecord),
  };
}

/** ... and then delete the records the function did not report. */
async function deleteSucceeded(queues: TestQueues, event: SQSEvent, failures: { itemIdentifier: string }[]) {
  const failed = new Set(failures.map((failure) => failure.itemIdentifier));
  const done = event.Records.filter((record) => !failed.has(record.messageId));
  if (done.length === 0) return;
  await fauxqs.sqs().send(new DeleteMessageBatchCommand({ QueueUrl: queues.queueUrl, Entries: done.map((record, i) => ({ Id: String(i), ReceiptHandle: record.receiptHandle })) }));
}

describe('the SQS consumer Lambda', () => {
  it('reports only the poison message in batchItemFailures; SQS dead-letters it after maxReceiveCount while the rest count once', async () => {
    const queues = fauxqs.queues({ maxReceiveCount: MAX_RECEIVES });
    const good = [anEvent(), anEvent()];
    const { lake, kept } = lakeKeeping();
    const handler = createSqsBatchHandler(deps(), lake);
    lines.length = 0;
    await fauxqs.sqs().send(new SendMessageBatchCommand({
      QueueUrl: queues.queueUrl, Entries: [JSON.stringify(good[0]), 'garbage', JSON.stringify(good[1])].map((body, i) => ({ Id: String(i), MessageBody: body })),
    }));

    const reports: string[][] = [];
    for (let round = 0; round < 6; round++) {
      const event = await receiveAsLambdaEvent(queues);
      if (event.Records.length === 0) break;
      const { batchItemFailures } = await handler(event);
      reports.push(batchItemFailures.map((failure) => event.Records.find((r) => r.messageId === failure.itemIdentifier)!.body));
      await deleteSucceeded(queues, event, batchItemFailures);
    }
    const dead = await fauxqs.sqs().send(new ReceiveMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MaxNumberOfMessages: 10 }));

    expect(reports).toEqual([['garbage'], ['garbage'], ['garbage']]);
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['garbage']);
    for (const event of good) expect(await eventsOf(event.userId)).toEqual([{ events: 1 }]);
    expect(kept).toEqual(good);
    expect(lines.filter((l) => l.event === 'analytics.event_failed').map((l) => [l.attempt, l.effect, l.reason])).toEqual([
      [1, 'retrying', expect.stringMatching(/^not an analytics event/)],
      [2, 'retrying', expect.stringMatching(/^not an analytics event/)],
      [3, 'dead-lettered', expect.stringMatching(/^not an analytics event/)],
    ]);
  });

  it('reports the messages whose lake record was refused, and counts them once when they come back', async () => {
    const [kept1, refused, kept2] = [anEvent(), anEvent(), anEvent()];
    const event = (...events: QueuedEvent[]): SQSEvent => ({ Records: events.map((e, i) => ({ messageId: `m${i}`, body: JSON.stringify(e), receiptHandle: `r${i}`, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord) });
    const refusing = createSqsBatchHandler(deps(), lakeKeeping((e) => e === refused || e.clientEventId === refused.clientEventId).lake);

    const first = await refusing(event(kept1, refused, kept2));
    const again = await createSqsBatchHandler(deps(), lakeKeeping().lake)(event(refused));

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(again.batchItemFailures).toEqual([]);
    expect(await eventsOf(refused.userId)).toEqual([{ events: 1 }]);
  });

  it('reports every message of the batch when the database is down', async () => {
    const handler = createSqsBatchHandler(deps({ db: deadDatabase.db }), lakeKeeping().lake);
    const records = [anEvent(), anEvent()].map((e, i) => ({ messageId: `m${i}`, body: JSON.stringify(e), receiptHandle: `r${i}`, attributes: { ApproximateReceiveCount: '1' } }) as unknown as SQSRecord);

    const { batchItemFailures } = await handler({ Records: records });

    expect(batchItemFailures).toEqual([{ itemIdentifier: 'm0' }, { itemIdentifier: 'm1' }]);
  });
});
