import type { AppDeps } from '../../runtime/subgraph/contract.js';
import { loadedOnFirstCall } from '../../runtime/clients/loadedOnFirstCall.js';
import { createDirectoryLake } from './directory.js';
import type { LakeReader, LakeWriter } from './types.js';

// The AWS SDK's S3 and Firehose clients are imported on the lake's first use, not at cold start.
const s3 = async () => ({ ...(await import('./s3.js')), s3Client: (await import('../../runtime/clients/s3.js')).s3Client });
const firehose = async () => ({ ...(await import('./firehose.js')), firehoseClient: (await import('../../runtime/clients/firehose.js')).firehoseClient });
const WRITER = { methods: ['write', 'writeTombstone'] } as const;
const READER = { methods: ['readDay', 'recordsOf'] } as const;

const noLake: LakeWriter = { kind: 'off', write: async () => ({ failed: [] }), writeTombstone: async () => undefined };

/** Where the consumer writes raw events, as configured (nowhere when the lake is off). */
export function lakeWriterFor({ analytics, logger }: Pick<AppDeps, 'analytics' | 'logger'>): LakeWriter {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  switch (lake.kind) {
    case 'off': return noLake;
    case 'directory': return createDirectoryLake(lake.dir, lakePrefix, logger);
    case 's3':
      return loadedOnFirstCall<LakeWriter, 'write' | 'writeTombstone'>(async () => {
        const { createS3Lake, s3Client } = await s3();
        return createS3Lake(s3Client(awsEndpoint), lake.bucket, lakePrefix, logger);
      }, WRITER, { kind: 's3' });
    case 'firehose':
      return loadedOnFirstCall(async () => {
        const [{ createS3TombstoneWriter, s3Client }, { createFirehoseLake, firehoseClient }] = await Promise.all([s3(), firehose()]);
        const tombstones = lake.bucket ? createS3TombstoneWriter(s3Client(awsEndpoint), lake.bucket, lakePrefix) : undefined;
        return createFirehoseLake(firehoseClient(awsEndpoint), { deliveryStream: lake.deliveryStream }, logger, tombstones);
      }, WRITER, { kind: 'firehose' });
    default: return assertNever(lake);
  }
}

/** Where the replay reads raw events: the directory or the bucket (Firehose's bucket in AWS). */
export function lakeReaderFor({ analytics, logger }: Pick<AppDeps, 'analytics' | 'logger'>): LakeReader {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  switch (lake.kind) {
    case 'off': throw new Error('Reading the lake needs ANALYTICS_LAKE=directory, or ANALYTICS_LAKE_BUCKET with ANALYTICS_LAKE=s3 or firehose');
    case 'directory': return createDirectoryLake(lake.dir, lakePrefix, logger);
    case 's3':
    case 'firehose': {
      const bucket = lake.bucket;
      if (!bucket) throw new Error('The Firehose lake cannot be read without its bucket: set ANALYTICS_LAKE_BUCKET (the delivery stream\'s bucket)');
      return loadedOnFirstCall(async () => {
        const { createS3LakeReader, s3Client } = await s3();
        return createS3LakeReader(s3Client(awsEndpoint), bucket, lakePrefix, logger);
      }, READER, {});
    }
    default: return assertNever(lake);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown analytics lake ${JSON.stringify(value)}`);
}
