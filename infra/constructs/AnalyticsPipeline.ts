import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { AppName } from '../../runtime/tenancy.js';
import { EventQueue } from './EventQueue.js';
import { LakeCatalog } from './LakeCatalog.js';
import { LakeDelivery } from './LakeDelivery.js';
import { leaveOutOfLogicalIds } from './logicalIds.js';
import { NodeFunction, type FunctionDefaults } from './NodeFunction.js';

export interface AnalyticsPipelineProps extends FunctionDefaults {
  readonly app: AppName;
  /** Deliveries of a message before it goes to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /** Consumer containers at once, which bounds the rollups' load on MySQL. @default 5 */
  readonly consumerConcurrency?: number;
  /** How long raw events stay in the lake: children's data is kept no longer than it serves. @default Duration.days(365) */
  readonly rawEventRetention?: Duration;
  /** How long the lake's server access logs are kept (who read or wrote which object). @default Duration.days(90) */
  readonly accessLogRetention?: Duration;
}

const CONSUMER_TIMEOUT = Duration.seconds(60);

/**
 * Analytics events from the queue to the rollups and the lake, without ever losing one: the
 * queue with its dead letters (EventQueue); a consumer Lambda that reports failures per message,
 * so one bad event never sends its batch back, and writes the lake (LakeDelivery) that analysts
 * query through its catalog (LakeCatalog). A scheduled drain applies what the subgraph queued in
 * Redis or the outbox table.
 */
export class AnalyticsPipeline extends Construct {
  readonly events: EventQueue;
  readonly lake: LakeDelivery;
  readonly catalog: LakeCatalog;
  readonly consumer: NodeFunction;
  readonly drain: NodeFunction;

  constructor(scope: Construct, id: string, props: AnalyticsPipelineProps) {
    super(scope, id);
    const { app, maxReceiveCount = 5, consumerConcurrency = 5, rawEventRetention = Duration.days(365), accessLogRetention = Duration.days(90), ...defaults } = props;

    // The pipeline's primary resource, so its default child: CDK leaves `Default` out of logical ids,
    // and the queue's resources and the consumer's event source (named after the queue's path) keep theirs.
    this.events = new EventQueue(this, 'Default', { consumerTimeout: CONSUMER_TIMEOUT, maxReceiveCount });
    // Split out of this construct after stacks were deployed: their resources keep the logical ids they had here.
    leaveOutOfLogicalIds(this, ['LakeDelivery', 'Catalog']);
    this.lake = new LakeDelivery(this, 'LakeDelivery', { app, rawEventRetention, accessLogRetention });

    const environment = {
      ...this.events.environment,
      ANALYTICS_DEAD_LETTER_QUEUE_URL: this.events.deadLetters.queueUrl,
      ...this.lake.environment,
      ANALYTICS_MAX_ATTEMPTS: String(maxReceiveCount),
    };
    this.consumer = new NodeFunction(this, 'Consumer', {
      ...defaults,
      bundle: 'analytics-consumer',
      timeout: CONSUMER_TIMEOUT,
      extraEnvironment: environment,
      description: 'Applies queued analytics events to the rollups and sends them to the lake',
    });
    this.consumer.addEventSource(new SqsEventSource(this.events.queue, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      maxConcurrency: consumerConcurrency,
    }));
    this.lake.grantWrite(this.consumer);

    this.drain = new NodeFunction(this, 'Drain', {
      ...defaults,
      bundle: 'analytics-consumer',
      handler: 'drain',
      timeout: CONSUMER_TIMEOUT,
      extraEnvironment: environment,
      description: 'Relays the events the outbox table kept while SQS was unreachable',
    });
    this.events.queue.grantSendMessages(this.drain);
    new events.Rule(this, 'DrainSchedule', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.drain, { retryAttempts: 0 })],
    });

    this.catalog = new LakeCatalog(this, 'Catalog', { app, bucket: this.lake.bucket, retention: rawEventRetention });
  }

  /** Lets `fn` enqueue events (the analytics subgraph's `recordEvents`). */
  bindProducer(fn: NodeFunction): void {
    this.events.bindSender(fn);
  }

  /** Lets `fn` (the datarights subgraph) export and erase a child's events in the lake. */
  bindDataRights(fn: NodeFunction): void {
    this.lake.bindDataRights(fn);
  }
}
