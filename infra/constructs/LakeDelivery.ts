import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EVENT_DAY_JQ } from '../../pipeline/event/clock.js';
import type { AppName } from '../../runtime/tenancy.js';
import type { NodeFunction } from './NodeFunction.js';

/** The lake's folder of raw events; pipeline/lake/layout.ts names the keys under it. */
export const EVENTS_PREFIX = 'events';
/** Where the erasure writes its tombstones: `<lake prefix>tombstones/app=<app>/<userId>.json` (pipeline/lake/layout.ts). */
export const TOMBSTONES_PREFIX = `${EVENTS_PREFIX}/tombstones`;

export interface LakeDeliveryProps {
  readonly app: AppName;
  /** How long raw events stay in the lake. */
  readonly rawEventRetention: Duration;
  /** How long the lake's server access logs are kept. */
  readonly accessLogRetention: Duration;
}

/**
 * The lake and the delivery into it: Firehose writes raw events to S3 under
 * `events/app=<app>/dt=<yyyy-mm-dd>/`, gzip (dt is the day the event occurred, corrected for the
 * device's clock, not the day it arrived: devices send late); what it could not deliver goes
 * under `errors/`. The bucket is private, encrypted, TLS only and kept when the stack goes; every
 * request to it is logged to a bucket of its own; raw events, failed deliveries and query results
 * expire. Every grant on its objects names a key prefix, never the whole bucket.
 */
export class LakeDelivery extends Construct {
  readonly bucket: s3.Bucket;
  /** The lake's server access logs, under `lake/`. */
  readonly accessLogs: s3.Bucket;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  private readonly app: AppName;

  constructor(scope: Construct, id: string, { app, rawEventRetention, accessLogRetention }: LakeDeliveryProps) {
    super(scope, id);
    this.app = app;
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
    this.deliveryStream = this.createDeliveryStream();
  }

  /** What a writer or reader of the lake reads to reach it (runtime/config.ts, pipeline/lake/lakeFor.ts). */
  get environment(): Record<string, string> {
    return {
      ANALYTICS_LAKE: 'firehose',
      ANALYTICS_DELIVERY_STREAM: this.deliveryStream.ref,
      // Each learner's copy of a batch goes to the stream's bucket (pipeline/lake/s3.ts LearnerCopies).
      ANALYTICS_LAKE_BUCKET: this.bucket.bucketName,
      ANALYTICS_LAKE_PREFIX: `${EVENTS_PREFIX}/`,
    };
  }

  /** Lets `fn` (the consumer, which has the settings already) put records to the stream and each learner's copy of a batch. */
  grantWrite(fn: NodeFunction): void {
    fn.addToRolePolicy(new iam.PolicyStatement({
      actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
      resources: [this.deliveryStream.attrArn],
    }));
    this.grantObjects(fn.role!, ['s3:PutObject'], `${this.learnersPrefix()}*`, 'The consumer puts each learner\'s copy of a batch, named as it is written, under the learner\'s folder');
  }

  /**
   * Lets `fn` (the datarights subgraph) exercise data rights over the lake: the lake's settings,
   * the right to read a learner's copies (a child's export holds its records) and delete them (its
   * erasure), and to put objects under the tombstones prefix only, never to overwrite events.
   */
  bindDataRights(fn: NodeFunction): void {
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value);
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

  private createDeliveryStream(): firehose.CfnDeliveryStream {
    const { app } = this;
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
                { parameterName: 'MetadataExtractionQuery', parameterValue: `{dt: ${EVENT_DAY_JQ}}` },
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
}
