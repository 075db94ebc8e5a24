import { describe, expect, it } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import type { AnalyticsConfig } from '../../runtime/config.js';
import { createLogger } from '../../runtime/observability/logger.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { useFauxqs } from '../../test/support/fauxqs.js';
import { useTestDatabase } from '../../test/support/harness.js';
import type { QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { createS3Lake } from '../../pipeline/lake/s3.js';
import { s3Client } from '../../runtime/clients/s3.js';
import { usersTables } from '../users/tables.js';
import { eraseChild, erasureSteps, exportChild, type ErasureStep } from './coordinator.js';

const fauxqs = useFauxqs();
const NAMES = new Map(DEMO.children.map((id, i) => [id, `Bucket Lake Child ${i}`]));
const apps = useTestDatabase({
  seed: {
    amal: async (runtime) => {
      await seedDemo(runtime);
      const { users } = usersTables('amal');
      for (const [id, displayName] of NAMES) await runtime.deps.db.update(users).set({ displayName }).where(eq(users.id, id));
    },
  },
});

/** The app's deps with its lake in a fresh bucket of the in-process S3. */
function depsWithBucketLake(lake: (bucket: string) => AnalyticsConfig['lake']): { deps: AppDeps; bucket: string } {
  const bucket = fauxqs.bucket();
  const base = apps.runtime().deps;
  return { bucket, deps: { ...base, analytics: { ...base.analytics, lake: lake(bucket), awsEndpoint: fauxqs.endpoint } } };
}

async function bucketObjects(bucket: string): Promise<Map<string, string>> {
  const objects = new Map<string, string>();
  for (const { Key } of (await fauxqs.s3().send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []) {
    const object = await fauxqs.s3().send(new GetObjectCommand({ Bucket: bucket, Key }));
    objects.set(Key!, await object.Body!.transformToString());
  }
  return objects;
}

const PARENT = { userId: DEMO.parent, role: 'PARENT' as const };
const ADMIN = { userId: DEMO.admin, role: 'ADMIN' as const };
const lakes = [
  { name: 'S3', child: DEMO.children[0], lake: (bucket: string): AnalyticsConfig['lake'] => ({ kind: 's3', bucket }) },
  { name: 'Firehose (its bucket)', child: DEMO.children[1], lake: (bucket: string): AnalyticsConfig['lake'] => ({ kind: 'firehose', deliveryStream: 'events-amal', bucket }) },
];

describe('the erasure of a child whose lake is a bucket', () => {
  it.each(lakes)('writes into the $name lake bucket the child’s tombstone, holding only its id and the erasure time', async ({ child, lake }) => {
    const { deps, bucket } = depsWithBucketLake(lake);

    const receipt = await eraseChild(deps, child, PARENT);

    const objects = await bucketObjects(bucket);
    expect([...objects.keys()]).toEqual([`events/tombstones/app=amal/${child}.json`]);
    const body = objects.get(`events/tombstones/app=amal/${child}.json`)!;
    expect(JSON.parse(body)).toEqual({ userId: child, erasedAt: receipt.requestedAt.toISOString() });
    expect(body).not.toContain(NAMES.get(child));
    expect(receipt.steps[0]).toBe('lake');
  });

  it('writes the same tombstone when it resumes an erasure whose tombstone was already written', async () => {
    const child = DEMO.classroomStudents[2]!;
    const { deps, bucket } = depsWithBucketLake((name) => ({ kind: 's3', bucket: name }));
    const failingMemory = erasureSteps().map((step): ErasureStep => step.name !== 'memory' ? step : { name: step.name, run: async () => { throw new Error('the database went away'); } });
    await expect(eraseChild(deps, child, ADMIN, failingMemory)).rejects.toThrow('the database went away');
    const first = await bucketObjects(bucket);

    // As after a crash between the put and the audit row's update, which runs the step again.
    await erasureSteps().find((step) => step.name === 'lake')!.run(deps, child);
    const receipt = await eraseChild(deps, child, ADMIN);

    expect(await bucketObjects(bucket)).toEqual(first);
    expect(receipt.completedAt).not.toBeNull();
  });

  it('does not complete while the lake cannot take the tombstone, and completes once it can', async () => {
    const child = DEMO.classroomStudents[3]!;
    const { deps } = depsWithBucketLake(() => ({ kind: 'firehose', deliveryStream: 'events-amal', bucket: undefined }));
    await expect(eraseChild(deps, child, ADMIN)).rejects.toThrow('ANALYTICS_LAKE_BUCKET');

    const { deps: withBucket, bucket } = depsWithBucketLake((name) => ({ kind: 's3', bucket: name }));
    const receipt = await eraseChild(withBucket, child, ADMIN);

    expect(receipt.steps).toEqual(['lake', 'analytics', 'memory', 'users', 'cache']);
    expect([...(await bucketObjects(bucket)).keys()]).toEqual([`events/tombstones/app=amal/${child}.json`]);
  });
});

const lakeEvent = (userId: number, clientEventId: string, occurredAt: string): QueuedEvent => ({ userId, clientEventId, type: 'LESSON_OPENED', occurredAt, durationMs: 60_000 });

describe('the export of a child whose lake is a bucket', () => {
  it.each(lakes)('holds the child’s records of every day in the $name lake bucket, and no other child’s', async ({ child, lake }) => {
    const other = DEMO.classroomStudents.find((id) => id !== child)!;
    const { deps, bucket } = depsWithBucketLake(lake);
    // Written in the layout Firehose delivers: one object per day and batch, children mixed.
    const writer = createS3Lake(fauxqs.s3(), bucket, deps.analytics.lakePrefix, createLogger('silent'));
    const childsRecords = [lakeEvent(child, 'a', '2026-11-19T08:00:00.000Z'), lakeEvent(child, 'b', '2026-11-20T09:00:00.000Z'), lakeEvent(child, 'c', '2026-11-20T10:00:00.000Z')];
    await writer.write('amal', [childsRecords[0]!, lakeEvent(other, 'd', '2026-11-19T08:30:00.000Z'), childsRecords[1]!]);
    await writer.write('amal', [lakeEvent(other, 'e', '2026-11-20T09:30:00.000Z'), childsRecords[2]!]);
    await writer.write('thurayya', [lakeEvent(child, 'f', '2026-11-20T11:00:00.000Z')]);

    const document = JSON.parse((await exportChild(deps, child)).json);

    expect(document.analytics.lake.readable).toBe(true);
    expect([...document.analytics.lake.events].sort((x: QueuedEvent, y: QueuedEvent) => x.clientEventId.localeCompare(y.clientEventId))).toEqual(childsRecords);
    expect(JSON.stringify(document.analytics.lake)).not.toContain(`"userId":${other},`);
  });

  it('is refused by a Firehose lake that does not know its bucket, naming the setting', async () => {
    const { deps } = depsWithBucketLake(() => ({ kind: 'firehose', deliveryStream: 'events-amal', bucket: undefined }));

    await expect(exportChild(deps, DEMO.children[0])).rejects.toThrow('ANALYTICS_LAKE_BUCKET');
  });
});

describe('the export of one child from a bucket lake', () => {
  it('reads only that child’s objects, not every object of the app', async () => {
    const child = DEMO.classroomStudents[4]!;
    const others = DEMO.classroomStudents.filter((id) => id !== child).slice(0, 6);
    const { deps, bucket } = depsWithBucketLake((name) => ({ kind: 's3', bucket: name }));
    const writer = createS3Lake(fauxqs.s3(), bucket, deps.analytics.lakePrefix, createLogger('silent'));
    // 20 batches over 5 days, the child in every fourth: as a consumer writes a busy class's events.
    for (let batch = 0; batch < 20; batch++) {
      const day = `2026-11-${String(16 + (batch % 5)).padStart(2, '0')}`;
      const learners = batch % 4 === 0 ? [child, ...others] : others;
      await writer.write('amal', learners.map((id) => lakeEvent(id, `b${batch}-${id}`, `${day}T08:00:00.000Z`)));
    }
    const appObjects = ((await fauxqs.s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'events/app=amal/' }))).Contents ?? []).length;
    let reads = 0;
    const client = s3Client(fauxqs.endpoint);
    client.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'GetObjectCommand') reads++;
      return next(args);
    }, { step: 'initialize', name: 'countReads' });

    const document = JSON.parse((await exportChild(deps, child)).json);
    client.middlewareStack.remove('countReads');

    console.info(`one child's export: ${reads} objects read of the app's ${appObjects}`);
    expect(document.analytics.lake.events).toHaveLength(5);
    expect(reads).toBe(5);
    expect(appObjects).toBe(20);
  });

  it('reads nothing of the child once it is erased: its own objects are deleted', async () => {
    const child = DEMO.classroomStudents[6]!;
    const { deps, bucket } = depsWithBucketLake((name) => ({ kind: 's3', bucket: name }));
    const writer = createS3Lake(fauxqs.s3(), bucket, deps.analytics.lakePrefix, createLogger('silent'));
    await writer.write('amal', [lakeEvent(child, 'g', '2026-11-19T08:00:00.000Z'), lakeEvent(DEMO.classroomStudents[8]!, 'h', '2026-11-19T08:00:00.000Z')]);

    await eraseChild(deps, child, ADMIN);

    const keys = [...(await bucketObjects(bucket)).keys()];
    expect(keys.filter((key) => key.includes(`/user=${child}/`))).toEqual([]);
    expect(keys.filter((key) => key.includes(`/user=${DEMO.classroomStudents[8]}/`))).toHaveLength(1);
  });
});
