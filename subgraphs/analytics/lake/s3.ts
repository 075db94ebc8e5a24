/** The lake in an S3 bucket: written by the consumer locally (an emulator), read by the replay everywhere (in AWS Firehose writes it). */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../../../runtime/logger.js';
import type { AppName } from '../../../runtime/tenancy.js';
import { byDay, decodeEvents, encodeEvents, encodeTombstone, objectName, partitionOf, tombstoneKeyOf } from './layout.js';
import type { LakeReader, LakeWriter } from './types.js';

/** Writes tombstones into the lake bucket; the S3 lake and the Firehose lake (whose bucket it is) share it. */
export function createS3TombstoneWriter(client: S3Client, bucket: string, prefix: string): Pick<LakeWriter, 'writeTombstone'> {
  return {
    async writeTombstone(app: AppName, userId: number, erasedAt: Date) {
      await client.send(new PutObjectCommand({
        Bucket: bucket,
        Key: tombstoneKeyOf(prefix, app, userId),
        Body: encodeTombstone(userId, erasedAt),
        ContentType: 'application/json',
      }));
    },
  };
}

export function createS3LakeReader(client: S3Client, bucket: string, prefix: string, logger: Logger): LakeReader {
  return {
    async readDay(app, day) {
      const events = [];
      let continuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: partitionOf(prefix, app, day), ContinuationToken: continuationToken }));
        for (const { Key } of page.Contents ?? []) {
          if (!Key?.endsWith('.gz')) continue;
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
          const decoded = decodeEvents(await object.Body!.transformToByteArray());
          if (decoded.malformed > 0) logger.warn('analytics.lake_malformed_lines', { object: Key, lines: decoded.malformed });
          events.push(...decoded.events);
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken);
      return events;
    },
  };
}

export function createS3Lake(client: S3Client, bucket: string, prefix: string, logger: Logger): LakeWriter & LakeReader {
  return {
    kind: 's3',
    async write(app, events) {
      for (const [day, ofDay] of byDay(events)) {
        await client.send(new PutObjectCommand({
          Bucket: bucket,
          Key: `${partitionOf(prefix, app, day)}${objectName()}`,
          Body: encodeEvents(ofDay),
          ContentType: 'application/x-ndjson',
        }));
      }
      return { failed: [] };
    },
    ...createS3TombstoneWriter(client, bucket, prefix),
    ...createS3LakeReader(client, bucket, prefix, logger),
  };
}
