import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './DeadLetterQueue.js';
import type { NodeFunction } from './NodeFunction.js';

export interface EventQueueProps {
  /** How long its consumer may take over a batch (the queue hides a received message six times that). */
  readonly consumerTimeout: Duration;
  /** Deliveries of a message before it goes to the dead-letter queue. */
  readonly maxReceiveCount: number;
}

/**
 * The queue of analytics events with its dead letters: a message delivered `maxReceiveCount`
 * times without success moves to the dead-letter queue, which alarms on its first message and
 * keeps it for a redrive; no event is dropped. Encrypted at rest, TLS only.
 */
export class EventQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetters: DeadLetterQueue;

  constructor(scope: Construct, id: string, { consumerTimeout, maxReceiveCount }: EventQueueProps) {
    super(scope, id);
    this.deadLetters = new DeadLetterQueue(this, 'DeadLetters');
    this.queue = new sqs.Queue(this, 'Events', {
      // AWS's advice for a Lambda source: six times the function's timeout, so retries do not overlap.
      visibilityTimeout: Duration.seconds(consumerTimeout.toSeconds() * 6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount },
    });
  }

  /** What a sender reads to reach the queue (runtime/config.ts). */
  get environment(): Record<string, string> {
    return { ANALYTICS_QUEUE: 'sqs', ANALYTICS_QUEUE_URL: this.queue.queueUrl };
  }

  /** Lets `fn` send events to the queue: its settings and the grant together. */
  bindSender(fn: NodeFunction): void {
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value);
    this.queue.grantSendMessages(fn);
  }
}
