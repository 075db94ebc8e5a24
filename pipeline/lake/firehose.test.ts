import { describe, expect, it, vi } from 'vitest';
import { FirehoseClient, PutRecordBatchCommand, type PutRecordBatchCommandOutput } from '@aws-sdk/client-firehose';
import { awsClientSettings } from '../../runtime/clients/aws.js';
import { createLogger } from '../../runtime/observability/logger.js';
import type { QueuedEvent } from '../event/queuedEvent.js';
import { createFirehoseLake } from './firehose.js';

const events: QueuedEvent[] = ['a', 'b', 'c', 'd'].map((id, i) => ({ userId: i + 1, clientEventId: id, type: 'LESSON_OPENED', occurredAt: '2026-11-20T08:00:00.000Z', durationMs: 1_000 }));

/** A real Firehose client whose `send` (the SDK boundary) answers with `reply` for each call; returns the records of each call. */
function firehoseAnswering(reply: (records: QueuedEvent[], call: number) => Partial<PutRecordBatchCommandOutput>) {
  const client = new FirehoseClient(awsClientSettings('http://127.0.0.1:1'));
  const calls: { stream?: string; records: QueuedEvent[] }[] = [];
  vi.spyOn(client, 'send').mockImplementation((async (command: PutRecordBatchCommand) => {
    const records = (command.input.Records ?? []).map((record) => JSON.parse(Buffer.from(record.Data!).toString()) as QueuedEvent);
    calls.push({ stream: command.input.DeliveryStreamName, records });
    return { $metadata: {}, ...reply(records, calls.length) };
  }) as never);
  return { client, calls };
}

const ok = (records: QueuedEvent[]) => ({ FailedPutCount: 0, RequestResponses: records.map(() => ({ RecordId: 'r' })) });
const refusing = (ids: string[]) => (records: QueuedEvent[]) => ({
  FailedPutCount: records.filter((r) => ids.includes(r.clientEventId)).length,
  RequestResponses: records.map((r) => (ids.includes(r.clientEventId) ? { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' } : { RecordId: 'r' })),
});

describe('the Firehose lake', () => {
  it('puts again exactly the records PutRecordBatch refused (FailedPutCount), until all are in', async () => {
    const { client, calls } = firehoseAnswering((records, call) => (call === 1 ? refusing(['b', 'd'])(records) : ok(records)));

    const result = await createFirehoseLake(client, { deliveryStream: 'events-amal', firstPauseMs: 1 }, createLogger('silent')).write('amal', events);

    expect(result).toEqual({ failed: [] });
    expect(calls.map((call) => [call.stream, call.records.map((r) => r.clientEventId)])).toEqual([['events-amal', ['a', 'b', 'c', 'd']], ['events-amal', ['b', 'd']]]);
  });

  it('returns the records still refused after its rounds, and only those', async () => {
    const { client, calls } = firehoseAnswering(refusing(['c']));

    const result = await createFirehoseLake(client, { deliveryStream: 'events-amal', rounds: 3, firstPauseMs: 1 }, createLogger('silent')).write('amal', events);

    expect(result.failed.map((e) => e.clientEventId)).toEqual(['c']);
    expect(calls.map((call) => call.records.length)).toEqual([4, 1, 1]);
  });

  it('treats a reply without per-record answers as all refused', async () => {
    const { client, calls } = firehoseAnswering((records, call) => (call === 1 ? { FailedPutCount: 1 } : ok(records)));

    const result = await createFirehoseLake(client, { deliveryStream: 'events-amal', firstPauseMs: 1 }, createLogger('silent')).write('amal', events);

    expect(result).toEqual({ failed: [] });
    expect(calls.map((call) => call.records.length)).toEqual([4, 4]);
  });

  it('splits more than 500 records into calls of at most 500', async () => {
    const many = Array.from({ length: 1_201 }, (_, i) => ({ ...events[0]!, clientEventId: `e${i}` }));
    const { client, calls } = firehoseAnswering(ok);

    await createFirehoseLake(client, { deliveryStream: 'events-amal' }, createLogger('silent')).write('amal', many);

    expect(calls.map((call) => call.records.length)).toEqual([500, 500, 201]);
  });
});
