import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DEFAULT_ANALYTICS, type AnalyticsConfig } from '../../runtime/config.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { useFauxqs } from '../../test/support/fauxqs.js';
import type { QueuedEvent } from '../event/queuedEvent.js';
import { createDirectoryLake } from './directory.js';
import { lakeReaderFor, lakeWriterFor } from './lakeFor.js';
import { encodeEvents, partitionOf } from './layout.js';
import { createS3Lake } from './s3.js';

const fauxqs = useFauxqs();
const dir = mkdtempSync(join(tmpdir(), 'lg-lake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const silent = createLogger('silent');

const events: QueuedEvent[] = [
  { userId: 3, clientEventId: 'a', type: 'ANSWER_SUBMITTED', occurredAt: '2026-11-19T23:59:59.999Z', durationMs: 9_000, conceptId: 4, correct: true, attributes: { screen: 'quiz' } },
  { userId: 3, clientEventId: 'b', type: 'SESSION_ENDED', occurredAt: '2026-11-20T00:00:00.000Z', durationMs: 0 },
  { userId: 4, clientEventId: 'c', type: 'LESSON_OPENED', occurredAt: '2026-11-20T10:00:00.000Z', durationMs: 60_000 },
];
const lines = (gzip: Uint8Array) => gunzipSync(gzip).toString('utf8').split('\n');

const ERASED_AT = new Date('2026-11-22T07:30:00.000Z');
/** The whole tombstone, parsed: nothing beyond the id and the time may be in it. */
const tombstone = { userId: 3, erasedAt: '2026-11-22T07:30:00.000Z' };

async function objectText(bucket: string, key: string): Promise<string> {
  const object = await fauxqs.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body!.transformToString();
}
const keysOf = async (bucket: string) => ((await fauxqs.s3().send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((object) => object.Key!).sort();

describe('the directory lake', () => {
  it('writes gzip NDJSON under <prefix>app=<app>/dt=<day the event occurred>/, and reads a day back', async () => {
    const lake = createDirectoryLake(dir, 'events/', silent);

    await lake.write('amal', events);

    const day = join(dir, 'events', 'app=amal', 'dt=2026-11-20');
    const [file] = readdirSync(day);
    expect(readdirSync(join(dir, 'events', 'app=amal'))).toEqual(['dt=2026-11-19', 'dt=2026-11-20']);
    expect(file).toMatch(/^events-2\d{3}-\d\d-\d\d-\d\d-\d\d-\d\d-[0-9a-f-]{36}\.gz$/);
    expect(lines(readFileSync(join(day, file!)))).toEqual([JSON.stringify(events[1]), JSON.stringify(events[2]), '']);
    expect(await lake.readDay('amal', '2026-11-19')).toEqual([events[0]]);
    expect(await lake.readDay('thurayya', '2026-11-19')).toEqual([]);
  });

  it('writes an erased person’s tombstone in the bucket layout, outside the partitions it reads', async () => {
    const own = mkdtempSync(join(dir, 'tombstone-'));
    const lake = createDirectoryLake(own, 'events/', silent);
    await lake.write('amal', events);

    await lake.writeTombstone('amal', 3, ERASED_AT);

    expect(JSON.parse(readFileSync(join(own, 'events', 'tombstones', 'app=amal', '3.json'), 'utf8'))).toEqual(tombstone);
    expect(readdirSync(join(own, 'events', 'tombstones', 'app=amal'))).toEqual(['3.json']);
    expect(await lake.readDay('amal', '2026-11-19')).toEqual([events[0]]);
  });
});

describe('the S3 lake (in-process S3 through the real SDK)', () => {
  it('writes the same layout as objects of the bucket, and reads a day back', async () => {
    const bucket = fauxqs.bucket();
    const lake = createS3Lake(fauxqs.s3(), bucket, 'events/', silent);

    await lake.write('amal', events);

    const listed = await fauxqs.s3().send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!).sort();
    expect(keys).toEqual([
      expect.stringMatching(/^events\/app=amal\/dt=2026-11-19\/events-.*\.gz$/),
      expect.stringMatching(/^events\/app=amal\/dt=2026-11-20\/events-.*\.gz$/),
      // Each learner's copy of the batch, which its data export reads.
      ...[...new Set(events.map((event) => event.userId))].sort().map((userId) => expect.stringMatching(new RegExp(`^events/learners/app=amal/user=${userId}/events-.*\\.gz$`))),
    ]);
    const object = await fauxqs.s3().send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }));
    expect(lines(await object.Body!.transformToByteArray())).toEqual([JSON.stringify(events[0]), '']);
    expect(await lake.readDay('amal', '2026-11-20')).toEqual([events[1], events[2]]);
  });
});

describe('a person’s records in a bucket lake (in-process S3 through the real SDK)', () => {
  it('are read from every day’s objects, past the first page of the listing, and only the person’s', async () => {
    const bucket = fauxqs.bucket();
    const lake = createS3Lake(fauxqs.s3(), bucket, 'events/', silent);
    const late: QueuedEvent = { ...events[1]!, clientEventId: 'z', occurredAt: '2026-11-21T08:00:00.000Z' };
    await lake.write('amal', [...events, late]);
    // A listing page holds 1000 keys: these sort between the person's first day and its last.
    const others = Array.from({ length: 1000 }, (_, i): QueuedEvent => ({ ...events[2]!, clientEventId: `other-${i}` }));
    for (let start = 0; start < others.length; start += 50) {
      await Promise.all(others.slice(start, start + 50).map((event, i) => fauxqs.s3().send(new PutObjectCommand({
        Bucket: bucket, Key: `${partitionOf('events/', 'amal', '2026-11-20')}filler-${String(start + i).padStart(4, '0')}.gz`, Body: encodeEvents([event]),
      }))));
    }

    const records = await lake.recordsOf('amal', 3);

    expect(records).toEqual([events[0], events[1], late]);
    expect(await lake.recordsOf('thurayya', 3)).toEqual([]);
  }, 60_000);

  it('are refused by a Firehose lake that does not know its bucket, naming the setting', () => {
    const analytics: AnalyticsConfig = { ...DEFAULT_ANALYTICS, lake: { kind: 'firehose', deliveryStream: 'events-amal', bucket: undefined }, awsEndpoint: fauxqs.endpoint };

    expect(() => lakeReaderFor({ analytics, logger: silent })).toThrow('ANALYTICS_LAKE_BUCKET');
  });
});

describe('a bucket lake’s tombstones (in-process S3 through the real SDK)', () => {
  it('are written by the S3 lake under <prefix>tombstones/app=<app>/<userId>.json, holding only the id and the erasure time', async () => {
    const bucket = fauxqs.bucket();

    await createS3Lake(fauxqs.s3(), bucket, 'events/', silent).writeTombstone('amal', 3, ERASED_AT);

    expect(await keysOf(bucket)).toEqual(['events/tombstones/app=amal/3.json']);
    expect(JSON.parse(await objectText(bucket, 'events/tombstones/app=amal/3.json'))).toEqual(tombstone);
  });

  it('are one line of JSON, as the Glue table’s SerDe reads them', async () => {
    const bucket = fauxqs.bucket();

    await createS3Lake(fauxqs.s3(), bucket, 'events/', silent).writeTombstone('amal', 3, ERASED_AT);

    expect((await objectText(bucket, 'events/tombstones/app=amal/3.json')).split('\n')).toEqual([JSON.stringify(tombstone), '']);
  });

  it('are the same object when written again with the same erasure time', async () => {
    const bucket = fauxqs.bucket();
    const lake = createS3Lake(fauxqs.s3(), bucket, 'events/', silent);
    await lake.writeTombstone('amal', 3, ERASED_AT);
    const first = await objectText(bucket, 'events/tombstones/app=amal/3.json');

    await lake.writeTombstone('amal', 3, ERASED_AT);

    expect(await keysOf(bucket)).toEqual(['events/tombstones/app=amal/3.json']);
    expect(await objectText(bucket, 'events/tombstones/app=amal/3.json')).toBe(first);
  });

  it('are written by the Firehose lake into the delivery stream’s bucket', async () => {
    const bucket = fauxqs.bucket();
    const analytics: AnalyticsConfig = { ...DEFAULT_ANALYTICS, lake: { kind: 'firehose', deliveryStream: 'events-amal', bucket }, awsEndpoint: fauxqs.endpoint };

    await lakeWriterFor({ analytics, logger: silent }).writeTombstone('amal', 3, ERASED_AT);

    expect(JSON.parse(await objectText(bucket, 'events/tombstones/app=amal/3.json'))).toEqual(tombstone);
  });

  it('are refused by a Firehose lake that does not know its bucket, naming the setting', async () => {
    const analytics: AnalyticsConfig = { ...DEFAULT_ANALYTICS, lake: { kind: 'firehose', deliveryStream: 'events-amal', bucket: undefined }, awsEndpoint: fauxqs.endpoint };

    await expect(lakeWriterFor({ analytics, logger: silent }).writeTombstone('amal', 3, ERASED_AT)).rejects.toThrow('ANALYTICS_LAKE_BUCKET');
  });
});
