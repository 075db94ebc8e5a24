import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createLogger, type LogSink } from '../runtime/observability/logger.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { useTestDatabase } from '../test/support/harness.js';
import { useFauxqs } from '../test/support/fauxqs.js';
import { createEventConsumer } from './consumer.js';
import type { QueuedEvent } from './event/queuedEvent.js';
import { createDirectoryLake } from './lake/directory.js';
import { createRedisStreamQueue, redisStreamKeys, type EventQueue } from './queue/index.js';
import { createSqsQueue } from './queue/sqs.js';
import { analyticsTables } from './tables.js';

const apps = useTestDatabase();
const fauxqs = useFauxqs();
const lakeDir = mkdtempSync(join(tmpdir(), 'lg-lake-'));
const { activityDays, conceptOutcomes, processedEvents } = analyticsTables('amal');
const MAX_ATTEMPTS = 3;

afterAll(() => rmSync(lakeDir, { recursive: true, force: true }));

/** Log lines of the consumer, to check the reasons it gives. */
const lines: Record<string, unknown>[] = [];
const capture: LogSink = (line) => void lines.push(JSON.parse(line));
const depsWithLog = (): AppDeps => ({ ...apps.runtime().deps, logger: createLogger('warn', {}, capture), analytics: { ...apps.runtime().deps.analytics, maxAttempts: MAX_ATTEMPTS } });

interface Kind {
  name: string;
  /** A fresh queue; each call is another consumer of it. */
  fresh(): (consumer: string) => EventQueue;
}

const kinds: Kind[] = [
  {
    name: 'the Redis stream',
    fresh() {
      const keys = redisStreamKeys(`${apps.runtime().deps.redisKeyPrefix}${randomUUID().slice(0, 8)}:`);
      return (consumer) => createRedisStreamQueue(apps.runtime().deps.redis!, keys, { consumer, claimIdleMs: 300, maxAttempts: MAX_ATTEMPTS });
    },
  },
  {
    name: 'SQS',
    fresh() {
      const queues = fauxqs.queues({ maxReceiveCount: MAX_ATTEMPTS, visibilityTimeoutSeconds: 1 });
      return () => createSqsQueue(fauxqs.sqs(), { ...queues, maxAttempts: MAX_ATTEMPTS });
    },
  },
];

let nextUser = 1_000;
const day = '2026-11-20';
const anEvent = (userId: number, overrides: Partial<QueuedEvent> = {}): QueuedEvent => ({
  userId, clientEventId: `ev-${randomUUID().slice(0, 8)}`, type: 'LESSON_OPENED', occurredAt: `${day}T08:00:00.000Z`, durationMs: 60_000, ...overrides,
});
const bodies = (...events: QueuedEvent[]) => events.map((event) => JSON.stringify(event));

async function activityOf(userId: number) {
  const { db } = apps.runtime().deps;
  return db.select({ day: activityDays.day, activeSeconds: activityDays.activeSeconds, events: activityDays.events }).from(activityDays).where(eq(activityDays.userId, userId));
}

describe.each(kinds)('the consumer on $name', (kind) => {
  const lake = createDirectoryLake(lakeDir, 'events/', createLogger('silent'));

  it('counts a batch once when it is killed between the rollup commit and the ack: the batch is delivered again, the numbers stay', async () => {
    const queue = kind.fresh();
    const users = [nextUser++, nextUser++];
    const events = [anEvent(users[0]!), anEvent(users[0]!, { durationMs: 30_000 }), anEvent(users[1]!)];
    await queue('killed').send(bodies(...events));
    const killed = { ...queue('killed'), ack: async () => { throw new Error('killed before the ack'); } };

    await expect(createEventConsumer(depsWithLog(), { queue: killed, lake }).consumeOnce(0)).rejects.toThrow('killed before the ack');
    const committed = [await activityOf(users[0]!), await activityOf(users[1]!)];
    const survivor = createEventConsumer(depsWithLog(), { queue: queue('survivor'), lake });
    await expect.poll(() => survivor.consumeOnce(200), { timeout: 15_000, interval: 100 }).toBe(3);

    expect(committed).toEqual([[{ day, activeSeconds: 90, events: 2 }], [{ day, activeSeconds: 60, events: 1 }]]);
    expect([await activityOf(users[0]!), await activityOf(users[1]!)]).toEqual(committed);
    expect(await queue('survivor').depth()).toEqual({ waiting: 0, deadLetters: 0 });
    // The lake got the batch twice (at least once), and says so: readers count distinct events.
    const inLake = (await lake.readDay('amal', day)).filter((event) => users.includes(event.userId));
    expect(inLake).toHaveLength(6);
    expect(new Set(inLake.map((event) => event.clientEventId)).size).toBe(3);
  });

  it(`dead-letters a poison message after ${MAX_ATTEMPTS} attempts, with its reason logged, and counts the rest of its batch`, async () => {
    const queue = kind.fresh()('only');
    const user = nextUser++;
    lines.length = 0;
    await queue.send([JSON.stringify(anEvent(user)), '{"userId": "not an event"', JSON.stringify(anEvent(user))]);

    await createEventConsumer(depsWithLog(), { queue, lake }).drainOnce();

    expect(await activityOf(user)).toEqual([{ day, activeSeconds: 120, events: 2 }]);
    expect(await queue.depth()).toEqual({ waiting: 0, deadLetters: 1 });
    const failures = lines.filter((line) => line.event === 'analytics.event_failed');
    expect(failures.map((line) => [line.attempt, line.effect])).toEqual([[1, 'retrying'], [2, 'retrying'], [3, 'dead-lettered']]);
    expect(failures[2]?.reason).toMatch(/^not an analytics event/);
  });

  it('counts a dead-lettered event once when it is redriven after the fix, however often it is delivered', async () => {
    const queue = kind.fresh()('only');
    const { db } = apps.runtime().deps;
    const user = nextUser++;
    const answer = anEvent(user, { type: 'ANSWER_SUBMITTED', conceptId: 7, correct: true, durationMs: 20_000 });
    const lesson = anEvent(user);
    // The bug: a consumer deployed before its migration, so answers cannot reach their table.
    await db.execute(sql`RENAME TABLE ${conceptOutcomes} TO amal_concept_outcomes_missing`);
    try {
      await queue.send(bodies(answer, lesson));
      await createEventConsumer(depsWithLog(), { queue, lake }).drainOnce();
    } finally {
      await db.execute(sql`RENAME TABLE amal_concept_outcomes_missing TO ${conceptOutcomes}`);
    }
    const beforeFix = { activity: await activityOf(user), depth: await queue.depth() };

    const redriven = await queue.redrive();
    await createEventConsumer(depsWithLog(), { queue, lake }).drainOnce();
    await queue.send(bodies(answer)); // the same event again, e.g. relayed from the outbox
    await createEventConsumer(depsWithLog(), { queue, lake }).drainOnce();

    expect(beforeFix).toEqual({ activity: [{ day, activeSeconds: 60, events: 1 }], depth: { waiting: 0, deadLetters: 1 } });
    expect(redriven).toBe(1);
    expect(await activityOf(user)).toEqual([{ day, activeSeconds: 80, events: 2 }]);
    expect(await db.select({ attempts: conceptOutcomes.attempts, correct: conceptOutcomes.correct }).from(conceptOutcomes).where(eq(conceptOutcomes.userId, user))).toEqual([{ attempts: 1, correct: 1 }]);
    expect(await db.$count(processedEvents, eq(processedEvents.userId, user))).toBe(2);
    expect(await queue.depth()).toEqual({ waiting: 0, deadLetters: 0 });
  });
});
