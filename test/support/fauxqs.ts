/** An in-process SQS and S3 (fauxqs) per test file, on a free port of 127.0.0.1, reached through the real AWS SDK. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import { awsClientSettings } from '../../runtime/clients/aws.js';

export interface TestQueues {
  queueUrl: string;
  deadLetterQueueUrl: string;
}

export interface Fauxqs {
  readonly endpoint: string;
  sqs(): SQSClient;
  s3(): S3Client;
  /** A fresh queue with its dead-letter queue, as the stack makes them (redrive after `maxReceiveCount` receives). */
  queues(options?: { maxReceiveCount?: number; visibilityTimeoutSeconds?: number }): TestQueues;
  bucket(): string;
}

export function useFauxqs(): Fauxqs {
  let server: FauxqsServer | undefined;
  let sqs: SQSClient | undefined;
  let s3: S3Client | undefined;
  const running = () => {
    if (!server) throw new Error('useFauxqs: the server runs only inside specs (after beforeAll)');
    return server;
  };
  beforeAll(async () => {
    server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  });
  afterAll(async () => {
    sqs?.destroy();
    s3?.destroy();
    await server?.stop();
  });
  return {
    get endpoint() { return running().address; },
    sqs: () => (sqs ??= new SQSClient({ ...awsClientSettings(running().address), maxAttempts: 1 })),
    s3: () => (s3 ??= new S3Client(awsClientSettings(running().address))),
    queues({ maxReceiveCount = 3, visibilityTimeoutSeconds = 30 } = {}) {
      const name = `events-${randomUUID().slice(0, 8)}`;
      const deadLetters = running().createQueue(`${name}-dlq`);
      const queue = running().createQueue(name, {
        attributes: {
          VisibilityTimeout: String(visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.queueArn, maxReceiveCount: String(maxReceiveCount) }),
        },
      });
      return { queueUrl: queue.queueUrl, deadLetterQueueUrl: deadLetters.queueUrl };
    },
    bucket: () => running().createBucket(`lake-${randomUUID().slice(0, 8)}`).bucketName,
  };
}
