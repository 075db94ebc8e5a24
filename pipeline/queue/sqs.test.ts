import { describe, expect, it, vi } from 'vitest';
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { awsClientSettings } from '../../runtime/clients/aws.js';
import { useFauxqs } from '../../test/support/fauxqs.js';
import { defineEventQueueSuite, MAX_ATTEMPTS } from '../../test/support/eventQueueSuite.js';
import { createSqsQueue } from './sqs.js';

const fauxqs = useFauxqs();

defineEventQueueSuite('SQS', async () => {
  const queues = fauxqs.queues({ maxReceiveCount: MAX_ATTEMPTS, visibilityTimeoutSeconds: 1 });
  const queue = (client = fauxqs.sqs()) => createSqsQueue(client, { ...queues, maxAttempts: MAX_ATTEMPTS });
  const nowhere = new SQSClient({ ...awsClientSettings('http://127.0.0.1:1'), maxAttempts: 1 });
  return { first: queue(), second: queue(), unreachable: queue(nowhere) };
});

describe('SQS send', () => {
  it('sends again exactly the entries SendMessageBatch lists as Failed, so each message is queued once', async () => {
    const queues = fauxqs.queues();
    const client = fauxqs.sqs();
    const realSend = client.send.bind(client) as (command: SendMessageBatchCommand) => Promise<SendMessageBatchCommandOutput>;
    const sent: string[][] = [];
    // SQS takes every entry but the second of the first call, and says so per entry.
    const send = vi.spyOn(client, 'send').mockImplementation((async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? [];
      sent.push(entries.map((entry) => entry.MessageBody!));
      if (sent.length > 1) return realSend(command);
      const reply = await realSend(new SendMessageBatchCommand({ ...command.input, Entries: entries.filter((_, i) => i !== 1) }));
      return { ...reply, Failed: [{ Id: entries[1]!.Id, SenderFault: false, Code: 'InternalError', Message: 'try again' }] };
    }) as never);

    try {
      await createSqsQueue(client, queues).send(['a', 'b', 'c']);
    } finally {
      send.mockRestore();
    }
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: queues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));

    expect(sent).toEqual([['a', 'b', 'c'], ['b']]);
    expect(received.Messages?.map((m) => m.Body).sort()).toEqual(['a', 'b', 'c']);
  });

  it('names the entries still failing after its rounds, and no others', async () => {
    const queues = fauxqs.queues();
    const client = fauxqs.sqs();
    const realSend = client.send.bind(client) as (command: SendMessageBatchCommand) => Promise<SendMessageBatchCommandOutput>;
    const send = vi.spyOn(client, 'send').mockImplementation((async (command: SendMessageBatchCommand) => {
      const entries = command.input.Entries ?? [];
      const reply = await realSend(new SendMessageBatchCommand({ ...command.input, Entries: entries.filter((entry) => entry.MessageBody !== 'b') }));
      return { ...reply, Failed: entries.filter((entry) => entry.MessageBody === 'b').map((entry) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError' })) };
    }) as never);

    try {
      await expect(createSqsQueue(client, { ...queues, sendRounds: 2 }).send(['a', 'b', 'c'])).rejects.toMatchObject({ name: 'QueueSendError', unsent: [1] });
    } finally {
      send.mockRestore();
    }
  });
});
