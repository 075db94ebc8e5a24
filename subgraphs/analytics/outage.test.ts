import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { count, inArray, sum } from 'drizzle-orm';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { DEFAULT_ANALYTICS } from '../../runtime/config.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, expectNoErrors, runSubgraph, TEST_CONTEXT_SECRET, useTestDatabase } from '../../test/support/harness.js';
import { useFauxqs } from '../../test/support/fauxqs.js';
import { startOwnRedis, type OwnRedis } from '../../test/support/redisServer.js';
import { createEventConsumer } from '../../pipeline/consumer.js';
import type { AnalyticsEventInput } from './generated/resolvers.js';
import { analyticsTables } from '../../pipeline/tables.js';
import { analytics } from './index.js';

const apps = useTestDatabase();
const fauxqs = useFauxqs();
let ownRedis: OwnRedis;
const runtimes: AppRuntime[] = [];

beforeAll(async () => {
  ownRedis = await startOwnRedis();
});
afterAll(async () => {
  for (const runtime of runtimes) await runtime.close();
  await ownRedis?.dispose();
});

function runtimeWith(options: { redisUrl: string; analytics?: AppRuntime['deps']['analytics'] }): AppRuntime {
  const runtime = createAppRuntime({
    app: 'amal', databaseUrl: apps.url, redisUrl: options.redisUrl, redisKeyPrefix: `test:${randomUUID().slice(0, 8)}:`,
    contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', analytics: options.analytics ?? DEFAULT_ANALYTICS,
  }, { logger: createLogger('silent') });
  runtimes.push(runtime);
  return runtime;
}

const RECORD = 'mutation($e: [AnalyticsEventInput!]!) { recordEvents(events: $e) { accepted duplicate rejected } }';
const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime();

/** `count` events of a student, numbered from `first`, each a minute long. */
const eventsOf = (student: number, first: number, count: number) => Array.from({ length: count }, (_, i) => ({
  clientEventId: `s${student}-e${first + i}`, type: 'LESSON_OPENED', occurredAt: new Date(today + (first + i) * 1_000).toISOString(), durationMs: 60_000,
}));

async function record(runtime: AppRuntime, student: number, events: ReturnType<typeof eventsOf>) {
  const result = await runSubgraph(analytics, runtime, RECORD, { viewer: as.student(student), variables: { e: events as unknown as AnalyticsEventInput[] } });
  expectNoErrors(result);
  return (result.data as { recordEvents: { accepted: number; duplicate: number; rejected: number } }).recordEvents;
}

/** Distinct events counted per student, by the dedupe records and by the rollups. */
async function counted(runtime: AppRuntime, students: number[]) {
  const { processedEvents, activityDays } = analyticsTables('amal');
  const { db } = runtime.deps;
  const processed = await db.select({ userId: processedEvents.userId, n: count() }).from(processedEvents)
    .where(inArray(processedEvents.userId, students)).groupBy(processedEvents.userId);
  const inRollups = await db.select({ userId: activityDays.userId, n: sum(activityDays.events).mapWith(Number) }).from(activityDays)
    .where(inArray(activityDays.userId, students)).groupBy(activityDays.userId);
  const byStudent = (rows: { userId: number; n: number }[]) => Object.fromEntries(rows.map((row) => [row.userId, row.n]));
  return { processed: byStudent(processed), inRollups: byStudent(inRollups) };
}

const outboxSize = (runtime: AppRuntime) => runtime.deps.db.$count(analyticsTables('amal').eventOutbox);

describe('analytics through a queue outage', () => {
  it('keeps every event while its Redis is gone (outbox), relays them when it is back, and counts what was sent once', async () => {
    const runtime = runtimeWith({ redisUrl: ownRedis.url });
    const redis = runtime.deps.redis!;
    if (redis.status !== 'ready') await once(redis, 'ready');

    const before = await record(runtime, 101, eventsOf(101, 0, 20));
    await ownRedis.stop();
    const during = [await record(runtime, 101, eventsOf(101, 20, 20)), await record(runtime, 102, eventsOf(102, 0, 30)), await record(runtime, 101, eventsOf(101, 10, 20))];
    const heldInOutbox = await outboxSize(runtime);
    await ownRedis.start();
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready');
    const after = [await record(runtime, 102, eventsOf(102, 25, 15)), await record(runtime, 101, eventsOf(101, 0, 10))];
    await createEventConsumer(runtime.deps).drainOnce();

    expect(before).toEqual({ accepted: 20, duplicate: 0, rejected: 0 });
    // With Redis gone nothing can tell a resend apart: all accepted, counted once by the consumer.
    expect(during).toEqual([{ accepted: 20, duplicate: 0, rejected: 0 }, { accepted: 30, duplicate: 0, rejected: 0 }, { accepted: 20, duplicate: 0, rejected: 0 }]);
    expect(heldInOutbox).toBe(70);
    // What was stored before the cut is remembered; what the outbox took could not be marked.
    expect(after).toEqual([{ accepted: 15, duplicate: 0, rejected: 0 }, { accepted: 0, duplicate: 10, rejected: 0 }]);
    expect(await outboxSize(runtime)).toBe(0);
    expect(await counted(runtime, [101, 102])).toEqual({ processed: { 101: 40, 102: 40 }, inRollups: { 101: 40, 102: 40 } });
  });

  it('keeps every event while SQS is unreachable (outbox), relays them to SQS when it answers, and counts them once', async () => {
    const queues = fauxqs.queues();
    const sqs = { ...DEFAULT_ANALYTICS, queue: { kind: 'sqs' as const, ...queues } };
    const cutOff = runtimeWith({ redisUrl: 'redis://127.0.0.1:1', analytics: { ...sqs, awsEndpoint: 'http://127.0.0.1:1' } });
    const reachable = runtimeWith({ redisUrl: 'redis://127.0.0.1:1', analytics: { ...sqs, awsEndpoint: fauxqs.endpoint } });

    const whileDown = await record(cutOff, 201, eventsOf(201, 0, 12));
    const heldInOutbox = await outboxSize(cutOff);
    const whileUp = await record(reachable, 201, eventsOf(201, 6, 12));
    await createEventConsumer(reachable.deps).drainOnce();

    expect(whileDown).toEqual({ accepted: 12, duplicate: 0, rejected: 0 });
    expect(heldInOutbox).toBe(12);
    expect(whileUp).toEqual({ accepted: 12, duplicate: 0, rejected: 0 });
    expect(await outboxSize(reachable)).toBe(0);
    expect(await counted(reachable, [201])).toEqual({ processed: { 201: 18 }, inRollups: { 201: 18 } });
  });
});
