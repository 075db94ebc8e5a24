import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createLogger } from '../../../runtime/logger.js';
import { useFauxqs } from '../../../test/support/fauxqs.js';
import type { QueuedEvent } from '../events.js';
import { createDirectoryLake } from './directory.js';
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
});

describe('the S3 lake (in-process S3 through the real SDK)', () => {
  it('writes the same layout as objects of the bucket, and reads a day back', async () => {
    const bucket = fauxqs.bucket();
    const lake = createS3Lake(fauxqs.s3(), bucket, 'events/', silent);

    await lake.write('amal', events);

    const listed = await fauxqs.s3().send(new ListObjectsV2Command({ Bucket: bucket }));
    const keys = (listed.Contents ?? []).map((object) => object.Key!).sort();
    expect(keys).toEqual([expect.stringMatching(/^events\/app=amal\/dt=2026-11-19\/events-.*\.gz$/), expect.stringMatching(/^events\/app=amal\/dt=2026-11-20\/events-.*\.gz$/)]);
    const object = await fauxqs.s3().send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }));
    expect(lines(await object.Body!.transformToByteArray())).toEqual([JSON.stringify(events[0]), '']);
    expect(await lake.readDay('amal', '2026-11-20')).toEqual([events[1], events[2]]);
  });
});
