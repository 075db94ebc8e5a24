import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../runtime/clients/mysql.js';
import type { QueuedEvent } from '../../subgraphs/analytics/events.js';
import { analyticsTables } from '../../subgraphs/analytics/tables.js';
import { REDIS_URL, TEST_CONTEXT_SECRET, useTestDatabase } from '../../test/support/harness.js';

const apps = useTestDatabase();
const { activityDays, eventOutbox } = analyticsTables('amal');

/** A stand-in for Firehose's PutRecordBatch: keeps the records, refuses the ones `refuse` picks. */
const firehose = {
  server: undefined as Server | undefined,
  records: [] as QueuedEvent[],
  refuse: (_index: number) => false,
  down: false,
};

let consumer: typeof import('./analyticsConsumer.js');
let db: Database;

beforeAll(async () => {
  firehose.server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (firehose.down) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such delivery stream' }));
        return;
      }
      const { Records } = JSON.parse(body) as { Records: { Data: string }[] };
      const replies = Records.map((record, i) => {
        if (firehose.refuse(i)) return { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'slow down' };
        firehose.records.push(JSON.parse(Buffer.from(record.Data, 'base64').toString()) as QueuedEvent);
        return { RecordId: randomUUID() };
      });
      response.end(JSON.stringify({ FailedPutCount: replies.filter((reply) => 'ErrorCode' in reply).length, Encrypted: false, RequestResponses: replies }));
    });
  });
  firehose.server.listen(0, '127.0.0.1');
  await once(firehose.server, 'listening');
  // The handler reads its configuration at cold start, exactly as in Lambda.
  Object.assign(process.env, {
    APP_NAME: 'amal',
    DATABASE_URL: apps.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: `test:${randomUUID().slice(0, 8)}:`,
    CONTEXT_SECRETS: TEST_CONTEXT_SECRET,
    LOG_LEVEL: 'silent',
    ANALYTICS_DELIVERY_STREAM: 'events',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_FIREHOSE: `http://127.0.0.1:${(firehose.server.address() as AddressInfo).port}`,
  });
  consumer = await import('./analyticsConsumer.js');
  db = (await import('../../runtime/coldStart.js')).runtime.deps.db;
});
afterAll(async () => {
  const { runtime } = await import('../../runtime/coldStart.js');
  await runtime.close();
  firehose.server?.close();
});
beforeEach(() => {
  firehose.records = [];
  firehose.refuse = () => false;
  firehose.down = false;
});

let nextUser = 100;
const anEvent = (overrides: Partial<QueuedEvent> = {}): QueuedEvent => ({
  userId: nextUser++,
  clientEventId: `device-${randomUUID().slice(0, 8)}`,
  type: 'SESSION_ENDED',
  occurredAt: '2026-11-20T08:00:00.000Z',
  durationMs: 60_000,
  ...overrides,
});
const sqsBatch = (...bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, i) => ({ messageId: `m${i + 1}`, body }) as SQSEvent['Records'][number]),
});
const activityOf = (userId: number) => db.select().from(activityDays).where(eq(activityDays.userId, userId));

describe('the SQS handler', () => {
  it('applies each event to the rollups and sends it to Firehose', async () => {
    const events = [anEvent(), anEvent()];
    const result = await consumer.handler(sqsBatch(...events.map((event) => JSON.stringify(event))));
    expect(result.batchItemFailures).toEqual([]);
    expect(firehose.records).toEqual(events);
    for (const event of events) expect(await activityOf(event.userId)).toMatchObject([{ day: '2026-11-20', activeSeconds: 60, events: 1 }]);
  });

  it('drops a poison message instead of sending it back', async () => {
    const result = await consumer.handler(sqsBatch('not an event', JSON.stringify(anEvent())));
    expect(result.batchItemFailures).toEqual([]);
    expect(firehose.records).toHaveLength(1);
  });

  it('reports only the messages whose record Firehose refused', async () => {
    firehose.refuse = (i) => i === 1;
    const result = await consumer.handler(sqsBatch(JSON.stringify(anEvent()), JSON.stringify(anEvent()), JSON.stringify(anEvent())));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
  });

  it('reports every applied message when Firehose fails, and counts them once on redelivery', async () => {
    const event = anEvent();
    firehose.down = true;
    expect((await consumer.handler(sqsBatch(JSON.stringify(event)))).batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    firehose.down = false;
    expect((await consumer.handler(sqsBatch(JSON.stringify(event)))).batchItemFailures).toEqual([]);
    expect(await activityOf(event.userId)).toMatchObject([{ events: 1 }]);
  });
});

describe('the drain', () => {
  it('applies the events left in the outbox', async () => {
    const event = anEvent();
    await db.insert(eventOutbox).values({ payload: JSON.stringify(event), createdAt: new Date() });
    expect(await consumer.drain()).toEqual({ taken: 1 });
    expect(await activityOf(event.userId)).toMatchObject([{ events: 1 }]);
  });
});
