import { lakeBucket } from '../../runtime/config.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { AppName } from '../../runtime/tenancy.js';
import { loadedOnFirstCall } from '../../runtime/clients/loadedOnFirstCall.js';
import { unreachable } from '../../runtime/errors.js';
import { createDirectoryLake } from './directory.js';
import type { LakeReader, LakeWriter } from './types.js';

type TombstoneWriter = Pick<LakeWriter, 'writeTombstone'>;

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
        const [{ createS3TombstoneWriter, createS3LearnerCopies, s3Client }, { createFirehoseLake, firehoseClient }] = await Promise.all([s3(), firehose()]);
        // Into the stream's bucket, named apart: only an erasure needs it.
        const tombstones: TombstoneWriter = {
          writeTombstone: (...args) => createS3TombstoneWriter(s3Client(awsEndpoint), lakeBucket(lake, 'Recording an erasure'), lakePrefix).writeTombstone(...args),
        };
        // Each learner's copy, for its data export; no bucket configured, no export (it refuses) and no copy.
        const learners = lake.bucket ? createS3LearnerCopies(s3Client(awsEndpoint), lake.bucket, lakePrefix) : undefined;
        return createFirehoseLake(firehoseClient(awsEndpoint), { deliveryStream: lake.deliveryStream }, logger, tombstones, learners);
      }, WRITER, { kind: 'firehose' });
    default: return unreachable(lake);
  }
}

/**
 * Deletes a learner's copies (s3.ts `LearnerCopies`) from a bucket lake, for an erasure; the
 * directory lake's are removed with its rewrite (personal.ts). Nothing without a lake.
 */
export async function eraseLearnerCopies({ analytics }: Pick<AppDeps, 'analytics'>, app: AppName, userId: number): Promise<number> {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  if (lake.kind === 'off' || lake.kind === 'directory') return 0;
  const { createS3LearnerCopies, s3Client } = await s3();
  return createS3LearnerCopies(s3Client(awsEndpoint), lakeBucket(lake, 'Erasing a learner'), lakePrefix).erase(app, userId);
}

/** Where the replay reads raw events: the directory or the bucket (Firehose's bucket in AWS). */
export function lakeReaderFor({ analytics, logger }: Pick<AppDeps, 'analytics' | 'logger'>): LakeReader {
  const { lake, lakePrefix, awsEndpoint } = analytics;
  if (lake.kind === 'directory') return createDirectoryLake(lake.dir, lakePrefix, logger);
  const bucket = lakeBucket(lake, 'Reading the lake');
  return loadedOnFirstCall(async () => {
    const { createS3LakeReader, s3Client } = await s3();
    return createS3LakeReader(s3Client(awsEndpoint), bucket, lakePrefix, logger);
  }, READER, {});
}
