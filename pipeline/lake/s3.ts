/** The lake in an S3 bucket: written by the consumer locally (an emulator), read by the replay everywhere (in AWS Firehose writes it). */
import { createInterface } from 'node:readline';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../../runtime/observability/logger.js';
import type { AppName } from '../../runtime/tenancy.js';
import type { QueuedEvent } from '../event/queuedEvent.js';
import { byDay, byLearner, decodeEvents, encodeEvents, encodeTombstone, learnerPrefixOf, objectName, partitionOf, recordOfUser, tombstoneKeyOf } from './layout.js';
import type { LakeReader, LakeWriter } from './types.js';

/** The keys of the events objects under `prefix`, every page of the listing. */
async function* eventObjectsUnder(client: S3Client, bucket: string, prefix: string): AsyncGenerator<string> {
  let continuationToken: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }));
    for (const { Key } of page.Contents ?? []) if (Key?.endsWith('.gz')) yield Key;
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
}

/** The lines of one gzip object, decompressed as they arrive: a Firehose object can be large, and only a line is held at a time. */
async function* linesOfObject(client: S3Client, bucket: string, key: string): AsyncGenerator<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  // On Node the SDK's body is a Readable; pipeline destroys the gunzip with any error of the body, which the loop below then throws.
  const gunzipped = pipeline(object.Body as Readable, createGunzip(), () => undefined);
  for await (const line of createInterface({ input: gunzipped, crlfDelay: Infinity })) if (line.trim() !== '') yield line;
}

/**
 * Each learner's copy of a batch (layout.ts `learnerPrefixOf`): one object per learner and batch,
 * written by the consumer beside the app's partitions (the S3 lake) or Firehose's (its bucket).
 * A data export lists and reads the learner's folder alone; an erasure deletes it.
 */
export interface LearnerCopies {
  /** Puts each learner's events of the batch under its folder; returns the events it could not store. */
  write(app: AppName, events: readonly QueuedEvent[]): Promise<{ failed: QueuedEvent[] }>;
  /** The learner's records, all days, duplicates included (the lake is written at least once). */
  recordsOf(app: AppName, userId: number): Promise<QueuedEvent[]>;
  /** Deletes the learner's folder; returns how many objects it held. */
  erase(app: AppName, userId: number): Promise<number>;
}

export function createS3LearnerCopies(client: S3Client, bucket: string, prefix: string): LearnerCopies {
  return {
    async write(app, events) {
      const failed: QueuedEvent[] = [];
      await Promise.all([...byLearner(events)].map(async ([userId, ofLearner]) => {
        await client.send(new PutObjectCommand({
          Bucket: bucket,
          Key: `${learnerPrefixOf(prefix, app, userId)}${objectName()}`,
          Body: encodeEvents(ofLearner),
          ContentType: 'application/x-ndjson',
        })).catch(() => failed.push(...ofLearner));
      }));
      return { failed };
    },

    async recordsOf(app, userId) {
      const records: QueuedEvent[] = [];
      for await (const key of eventObjectsUnder(client, bucket, learnerPrefixOf(prefix, app, userId))) {
        for await (const line of linesOfObject(client, bucket, key)) {
          // The folder is the learner's; the check keeps a misplaced object from leaking another's line.
          const record = recordOfUser(line, userId);
          if (record) records.push(record);
        }
      }
      return records;
    },

    async erase(app, userId) {
      const keys: string[] = [];
      for await (const key of eventObjectsUnder(client, bucket, learnerPrefixOf(prefix, app, userId))) keys.push(key);
      for (let start = 0; start < keys.length; start += 1000) {
        await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true } }));
      }
      return keys.length;
    },
  };
}

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
  const learners = createS3LearnerCopies(client, bucket, prefix);
  return {
    async readDay(app, day) {
      const events = [];
      for await (const key of eventObjectsUnder(client, bucket, partitionOf(prefix, app, day))) {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const decoded = decodeEvents(await object.Body!.transformToByteArray());
        if (decoded.malformed > 0) logger.warn('analytics.lake_malformed_lines', { object: key, lines: decoded.malformed });
        events.push(...decoded.events);
      }
      return events;
    },

    recordsOf: (app, userId) => learners.recordsOf(app, userId),
  };
}

export function createS3Lake(client: S3Client, bucket: string, prefix: string, logger: Logger): LakeWriter & LakeReader {
  const learners = createS3LearnerCopies(client, bucket, prefix);
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
      // Redelivered, a learner's events are written again everywhere: readers count distinct events.
      return learners.write(app, events);
    },
    ...createS3TombstoneWriter(client, bucket, prefix),
    ...createS3LakeReader(client, bucket, prefix, logger),
  };
}
