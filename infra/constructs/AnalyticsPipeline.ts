import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppName } from '../../runtime/tenancy.js';
import { DeadLetterQueue } from './DeadLetterQueue.js';
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
const EVENTS_PREFIX = 'events';
/** Where the erasure writes its tombstones: `<lake prefix>tombstones/app=<app>/<userId>.json` (pipeline/lake/layout.ts). */
const TOMBSTONES_PREFIX = `${EVENTS_PREFIX}/tombstones`;
/** The view analysts query: the events without those of erased people. */
const EVENTS_KEPT_VIEW = 'events_kept';

/** The columns of a queued event (subgraphs/analytics/events.ts `QueuedEvent`), keyed by their JSON name. */
const EVENT_COLUMNS = [
  { name: 'user_id', json: 'userId', type: 'bigint' },
  { name: 'client_event_id', json: 'clientEventId', type: 'string' },
  { name: 'type', json: 'type', type: 'string' },
  { name: 'occurred_at', json: 'occurredAt', type: 'string', comment: 'ISO 8601 UTC, on the device clock; from_iso8601_timestamp() in queries' },
  { name: 'sent_at', json: 'sentAt', type: 'string', comment: 'ISO 8601 UTC, the device clock when it sent the event; null when the app gave none' },
  { name: 'received_at', json: 'receivedAt', type: 'string', comment: 'ISO 8601 UTC, the server clock when it received the event' },
  { name: 'corrected_at', json: 'correctedAt', type: 'string', comment: 'ISO 8601 UTC, occurred_at on the server clock (dt is its day); what the rollups count' },
  { name: 'clock_clamped', json: 'clockClamped', type: 'string', comment: 'future or past when corrected_at was clamped; null otherwise' },
  { name: 'duration_ms', json: 'durationMs', type: 'bigint' },
  { name: 'concept_id', json: 'conceptId', type: 'bigint' },
  { name: 'content_byte_id', json: 'contentByteId', type: 'bigint' },
  { name: 'correct', json: 'correct', type: 'boolean' },
  { name: 'attributes', json: 'attributes', type: 'map<string,string>' },
];

/** The columns of a tombstone: the erased person's id and the erasure time, nothing else. */
const TOMBSTONE_COLUMNS = [
  { name: 'user_id', json: 'userId', type: 'bigint' },
  { name: 'erased_at', json: 'erasedAt', type: 'string', comment: 'ISO 8601 UTC' },
];

/** Athena (Trino) spells some Hive types of the Glue columns differently in a view's definition. */
const viewType = (hive: string) => hive === 'string' ? 'varchar' : hive === 'map<string,string>' ? 'map(varchar,varchar)' : hive;

/**
 * Analytics events from the queue to the rollups and the lake, without ever losing one:
 * SQS with a dead-letter queue (alarmed); a consumer Lambda that reports failures per message, so
 * one bad event never sends its batch back; Firehose writing raw events to S3 under
 * `events/app=<app>/dt=<yyyy-mm-dd>/` (dt is the day the event occurred, corrected for the device's
 * clock, not the day it arrived: devices send late); a Glue table over them with partition projection (no crawler, no
 * MSCK REPAIR); an Athena workgroup with its own result location and a scan limit. A scheduled
 * drain applies what the subgraph queued in Redis or the outbox table.
 *
 * Erased people: the erasure writes a tombstone per person under `events/tombstones/app=<app>/`; a
 * Glue table reads them and the `events_kept` view leaves out every event of a person with a
 * tombstone. Analysts are granted the view (and the tombstones table it reads), never the
 * `events` table, which still holds the erased people's records until they expire.
 */
export class AnalyticsPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly consumer: NodeFunction;
  readonly drain: NodeFunction;
  readonly bucket: s3.Bucket;
  /** The lake's server access logs, under `lake/`. */
  readonly accessLogs: s3.Bucket;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly glueDatabaseName: string;
  readonly workGroup: athena.CfnWorkGroup;
  private readonly app: AppName;

  constructor(scope: Construct, id: string, props: AnalyticsPipelineProps) {
    super(scope, id);
    const { app, maxReceiveCount = 5, consumerConcurrency = 5, rawEventRetention = Duration.days(365), accessLogRetention = Duration.days(90), ...defaults } = props;
    this.app = app;

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters');
    this.queue = new sqs.Queue(this, 'Events', {
      // AWS's advice for a Lambda source: six times the function's timeout, so retries do not overlap.
      visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });

    // Server access logs take SSE-S3 only. Their lines name objects (a tombstone's key holds the erased
    // person's id, which the tombstone itself keeps) and AWS principals, never an event's contents.
    this.accessLogs = new s3.Bucket(this, 'LakeAccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: accessLogRetention }],
    });
    // cdk-nag AwsSolutions (infra/stack.test.ts).
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the lake\'s server access log; logging its own writes would log every delivery of a log',
    });
    this.bucket = new s3.Bucket(this, 'Lake', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'lake/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: `${EVENTS_PREFIX}/`, expiration: rawEventRetention },
        // Records Firehose could not deliver: kept for an operator to redeliver, no longer than the dead letters (docs/SECURITY.md).
        { prefix: 'errors/', expiration: Duration.days(14) },
        { prefix: 'athena-results/', expiration: Duration.days(30) },
      ],
    });
    this.deliveryStream = this.createDeliveryStream(app);

    const environment = {
      ...this.enqueueEnvironment(),
      ANALYTICS_DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl,
      ANALYTICS_LAKE: 'firehose',
      ANALYTICS_DELIVERY_STREAM: this.deliveryStream.ref,
      // Each learner's copy of a batch goes to the stream's bucket (pipeline/lake/s3.ts LearnerCopies).
      ANALYTICS_LAKE_BUCKET: this.bucket.bucketName,
      ANALYTICS_LAKE_PREFIX: `${EVENTS_PREFIX}/`,
      ANALYTICS_MAX_ATTEMPTS: String(maxReceiveCount),
    };
    this.consumer = new NodeFunction(this, 'Consumer', {
      ...defaults,
      bundle: 'analytics-consumer',
      timeout: CONSUMER_TIMEOUT,
      extraEnvironment: environment,
      description: 'Applies queued analytics events to the rollups and sends them to the lake',
    });
    this.consumer.addEventSource(new SqsEventSource(this.queue, {
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      maxConcurrency: consumerConcurrency,
    }));
    this.consumer.addToRolePolicy(new iam.PolicyStatement({
      actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
      resources: [this.deliveryStream.attrArn],
    }));
    this.grantObjects(this.consumer.role!, ['s3:PutObject'], `${this.learnersPrefix()}*`, 'The consumer puts each learner\'s copy of a batch, named as it is written, under the learner\'s folder');

    this.drain = new NodeFunction(this, 'Drain', {
      ...defaults,
      bundle: 'analytics-consumer',
      handler: 'drain',
      timeout: CONSUMER_TIMEOUT,
      extraEnvironment: environment,
      description: 'Relays the events the outbox table kept while SQS was unreachable',
    });
    this.queue.grantSendMessages(this.drain);
    new events.Rule(this, 'DrainSchedule', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.drain, { retryAttempts: 0 })],
    });

    this.glueDatabaseName = `learning_graph_${app}`;
    this.createGlueTable(app, rawEventRetention);
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `learning-graph-${app}`,
      description: `Queries over the raw analytics events of ${app}`,
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: this.bucket.s3UrlForObject('athena-results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  /**
   * Lets `fn` (the datarights subgraph) exercise data rights over the lake: the lake's settings,
   * the right to read the app's events (a child's export holds its records) and to put objects
   * under the tombstones prefix only, never to overwrite events.
   */
  bindDataRights(fn: NodeFunction): void {
    const lake = { ANALYTICS_LAKE: 'firehose', ANALYTICS_DELIVERY_STREAM: this.deliveryStream.ref, ANALYTICS_LAKE_BUCKET: this.bucket.bucketName, ANALYTICS_LAKE_PREFIX: `${EVENTS_PREFIX}/` };
    for (const [name, value] of Object.entries(lake)) fn.addEnvironment(name, value);
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [this.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${this.learnersPrefix()}*`] } },
    }));
    this.grantObjects(fn.role!, ['s3:GetObject', 's3:DeleteObject'], `${this.learnersPrefix()}*`, 'A child\'s export reads, and its erasure deletes, the child\'s own copies of its events, named as the consumer writes them');
    this.grantObjects(fn.role!, ['s3:PutObject'], `${TOMBSTONES_PREFIX}/app=${this.app}/*`, 'An erasure puts one tombstone per person, named by the person\'s id');
  }

  /**
   * Lets `role` do `actions` on the lake's objects whose keys match `keyPattern` (a prefix ending in
   * `*`: the objects are named as they are written), and acknowledges cdk-nag's IAM5 finding for
   * exactly that resource, with `why`.
   */
  private grantObjects(role: iam.IRole, actions: string[], keyPattern: string, why: string): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(keyPattern)] }));
    const lake = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${lake}.Arn>/${keyPattern}]`, reason: `${why}: ${actions.join(', ')} under ${keyPattern} only` });
  }

  /** The folder of every learner's copies (pipeline/lake/layout.ts learnerPrefixOf), outside the Glue table's partitions. */
  private learnersPrefix(): string {
    return `${EVENTS_PREFIX}/learners/app=${this.app}/`;
  }

  /** Lets `fn` enqueue events (the analytics subgraph's `recordEvents`): its settings and the grant together. */
  bindProducer(fn: NodeFunction): void {
    for (const [name, value] of Object.entries(this.enqueueEnvironment())) fn.addEnvironment(name, value);
    this.queue.grantSendMessages(fn);
  }

  private enqueueEnvironment(): Record<string, string> {
    return { ANALYTICS_QUEUE: 'sqs', ANALYTICS_QUEUE_URL: this.queue.queueUrl };
  }

  private createDeliveryStream(app: AppName): firehose.CfnDeliveryStream {
    const role = new iam.Role(this, 'DeliveryRole', { assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com') });
    // What Firehose needs of an S3 destination (its developer guide's policy), under its two prefixes only.
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      resources: [this.bucket.bucketArn],
    }));
    for (const prefix of [`${EVENTS_PREFIX}/app=${app}/`, `errors/app=${app}/`]) {
      this.grantObjects(role, ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], `${prefix}*`, 'Firehose names the objects it delivers');
    }
    const logGroup = new logs.LogGroup(this, 'DeliveryLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const logStream = logGroup.addStream('S3Delivery');
    logGroup.grantWrite(role);

    const stream = new firehose.CfnDeliveryStream(this, 'Delivery', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: role.roleArn,
        prefix: `${EVENTS_PREFIX}/app=${app}/dt=!{partitionKeyFromQuery:dt}/`,
        errorOutputPrefix: `errors/app=${app}/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/`,
        compressionFormat: 'GZIP',
        // Dynamic partitioning requires a buffer of at least 64 MiB.
        bufferingHints: { intervalInSeconds: 300, sizeInMBs: 64 },
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: '{dt: (.correctedAt // .occurredAt)[0:10]}' },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
            { type: 'AppendDelimiterToRecord', parameters: [{ parameterName: 'Delimiter', parameterValue: '\\n' }] },
          ],
        },
        cloudWatchLoggingOptions: { enabled: true, logGroupName: logGroup.logGroupName, logStreamName: logStream.logStreamName },
      },
    });
    stream.node.addDependency(role);
    return stream;
  }

  private createGlueTable(app: AppName, retention: Duration): void {
    const catalogId = Stack.of(this).account;
    const database = new glue.CfnDatabase(this, 'GlueDatabase', {
      catalogId,
      databaseInput: { name: this.glueDatabaseName, description: `Raw analytics events of ${app}` },
    });
    const location = this.bucket.s3UrlForObject(`${EVENTS_PREFIX}/`);
    const table = new glue.CfnTable(this, 'EventsTable', {
      catalogId,
      databaseName: this.glueDatabaseName,
      tableInput: {
        name: 'events',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [
          { name: 'app', type: 'string' },
          { name: 'dt', type: 'string' },
        ],
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          // Partitions are computed from the path template, so new days are queryable at once.
          'projection.enabled': 'true',
          'projection.app.type': 'enum',
          'projection.app.values': app,
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': `NOW-${retention.toDays()}DAYS,NOW+1DAYS`,
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `${location}app=\${app}/dt=\${dt}/`,
        },
        storageDescriptor: {
          location,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            // The SerDe lower-cases JSON keys before it matches them.
            parameters: Object.fromEntries(EVENT_COLUMNS.map(({ name, json }) => [`mapping.${name}`, json.toLowerCase()])),
          },
          columns: EVENT_COLUMNS.map(({ name, type, comment }) => ({ name, type, comment })),
        },
      },
    });
    table.node.addDependency(database);

    const tombstonesLocation = this.bucket.s3UrlForObject(`${TOMBSTONES_PREFIX}/`);
    const tombstones = new glue.CfnTable(this, 'TombstonesTable', {
      catalogId,
      databaseName: this.glueDatabaseName,
      tableInput: {
        name: 'tombstones',
        description: 'One row per erased person: the id and the erasure time',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'app', type: 'string' }],
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          'projection.app.type': 'enum',
          'projection.app.values': app,
          'storage.location.template': `${tombstonesLocation}app=\${app}/`,
        },
        storageDescriptor: {
          location: tombstonesLocation,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: Object.fromEntries(TOMBSTONE_COLUMNS.map(({ name, json }) => [`mapping.${name}`, json.toLowerCase()])),
          },
          columns: TOMBSTONE_COLUMNS.map(({ name, type, comment }) => ({ name, type, comment })),
        },
      },
    });
    tombstones.node.addDependency(database);
    this.createEventsKeptView(catalogId).node.addDependency(database);
  }

  /**
   * The view as a Glue table of type VIRTUAL_VIEW, the form Athena itself stores a view in (its
   * definition base64-encoded in `ViewOriginalText`), so it exists once the stack is deployed and
   * changes with it; a named query would only save the CREATE VIEW for someone to run.
   */
  private createEventsKeptView(catalogId: string): glue.CfnTable {
    const columns = [...EVENT_COLUMNS, { name: 'app', type: 'string', comment: undefined }, { name: 'dt', type: 'string', comment: undefined }];
    const db = `"${this.glueDatabaseName}"`;
    const originalSql = `SELECT ${columns.map(({ name }) => `e.${name}`).join(', ')} FROM ${db}."events" e `
      + `WHERE NOT EXISTS (SELECT 1 FROM ${db}."tombstones" t WHERE t.app = e.app AND t.user_id = e.user_id)`;
    const definition = {
      originalSql,
      catalog: 'awsdatacatalog',
      schema: this.glueDatabaseName,
      columns: columns.map(({ name, type }) => ({ name, type: viewType(type) })),
    };
    return new glue.CfnTable(this, 'EventsKeptView', {
      catalogId,
      databaseName: this.glueDatabaseName,
      tableInput: {
        name: EVENTS_KEPT_VIEW,
        description: 'The events without those of erased people (a tombstone of theirs exists); what analysts query',
        tableType: 'VIRTUAL_VIEW',
        parameters: { presto_view: 'true', comment: 'Presto View' },
        viewOriginalText: `/* Presto View: ${Buffer.from(JSON.stringify(definition)).toString('base64')} */`,
        viewExpandedText: '/* Presto View */',
        storageDescriptor: {
          columns: columns.map(({ name, type, comment }) => ({ name, type, comment })),
          serdeInfo: {},
        },
      },
    });
  }
}
