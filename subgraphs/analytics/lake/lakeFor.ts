import type { AppDeps } from '../../../runtime/subgraph.js';
import { firehoseClient } from '../../../runtime/clients/firehose.js';
import { s3Client } from '../../../runtime/clients/s3.js';
import { createDirectoryLake } from './directory.js';
import { createFirehoseLake } from './firehose.js';
import { createS3Lake, createS3LakeReader, createS3TombstoneWriter } from './s3.js';
import type { LakeReader, LakeWriter } from './types.js';

const noLake: LakeWriter = { kind: 'off', write: async () => ({ failed: [] }), writeTombstone: async () => undefined };

/** Where the consumer writes raw events, as configured (nowhere when the lake is off). */
export function lakeWriterFor({ analytics, logger }: Pick<AppDeps, 'analytics' | 'logger'>): LakeWriter {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  switch (lake.kind) {
    case 'off': return noLake;
    case 'directory': return createDirectoryLake(lake.dir, lakePrefix, logger);
    case 's3': return createS3Lake(s3Client(awsEndpoint), lake.bucket, lakePrefix, logger);
    case 'firehose': {
      const tombstones = lake.bucket ? createS3TombstoneWriter(s3Client(awsEndpoint), lake.bucket, lakePrefix) : undefined;
      return createFirehoseLake(firehoseClient(awsEndpoint), { deliveryStream: lake.deliveryStream }, logger, tombstones);
    }
    default: return assertNever(lake);
  }
}

/** Where the replay reads raw events: the directory or the bucket (Firehose's bucket in AWS). */
export function lakeReaderFor({ analytics, logger }: Pick<AppDeps, 'analytics' | 'logger'>): LakeReader {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  switch (lake.kind) {
    case 'off': throw new Error('Reading the lake needs ANALYTICS_LAKE=directory, or ANALYTICS_LAKE_BUCKET with ANALYTICS_LAKE=s3 or firehose');
    case 'directory': return createDirectoryLake(lake.dir, lakePrefix, logger);
    case 's3': return createS3LakeReader(s3Client(awsEndpoint), lake.bucket, lakePrefix, logger);
    case 'firehose':
      if (!lake.bucket) throw new Error('The Firehose lake cannot be read without its bucket: set ANALYTICS_LAKE_BUCKET (the delivery stream\'s bucket)');
      return createS3LakeReader(s3Client(awsEndpoint), lake.bucket, lakePrefix, logger);
    default: return assertNever(lake);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown analytics lake ${JSON.stringify(value)}`);
}
