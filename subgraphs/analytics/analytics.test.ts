import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { as, countStatements, expectErrorCode, expectNoErrors, runSubgraph, useTestDatabase } from '../../test/support/harness.js';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import { createDatabaseClient } from '../../runtime/clients/mysql.js';
import { createRedisClient } from '../../runtime/clients/redis.js';
import { createLogger } from '../../runtime/observability/logger.js';
import type { Viewer } from '../../runtime/security/signedContext.js';
import { usersTables } from '../users/tables.js';
import { createEventConsumer } from '../../pipeline/consumer.js';
import { validateEvents } from './events.js';
import type { AnalyticsEventInput } from './generated/resolvers.js';
import { analyticsStreamKeys } from '../../pipeline/queue/index.js';
import { applyEvents } from '../../pipeline/rollups.js';
import { analyticsTables } from '../../pipeline/tables.js';
import { analytics } from './index.js';
import { createDirectoryLake } from '../../pipeline/lake/directory.js';
import { MAX_AGE_MS } from '../../pipeline/event/clock.js';

/** The app's admin placed every student: consented enrolments, which grant their teachers access. */
const ADMIN_CONSENT = { consentedBy: 1, consentedAs: 'ADMIN' as const };

async function seedSchool({ deps: { db, app } }: AppRuntime) {
  const t = usersTables(app);
  const now = new Date();
  const person = (id: number, displayName: string, role: 'STUDENT' | 'PARENT' | 'TEACHER' | 'ADMIN') =>
    ({ id, displayName, role, grade: role === 'STUDENT' ? 3 : null, locale: 'ar', createdAt: now, updatedAt: now });
  await db.insert(t.users).values([
    person(1, 'مدير', 'ADMIN'), person(2, 'أمّ سارة', 'PARENT'), person(3, 'سارة', 'STUDENT'), person(4, 'يوسُف', 'STUDENT'),
    person(5, 'الأستاذة مريم', 'TEACHER'), person(6, 'Mr Adam', 'TEACHER'), person(7, 'Omar', 'STUDENT'), person(8, 'Lina', 'STUDENT'),
    person(9, 'هدى', 'STUDENT'),
  ]);
  await db.insert(t.guardianships).values([{ parentId: 2, childId: 3 }, { parentId: 2, childId: 4 }]);
  await db.insert(t.classrooms).values([{ id: 1, name: 'الصف الثالث أ', teacherId: 5, createdAt: now }, { id: 2, name: 'Grade 3 B', teacherId: 6, createdAt: now }]);
  await db.insert(t.enrolments).values([
    { classroomId: 1, studentId: 3, enrolledAt: now, ...ADMIN_CONSENT }, { classroomId: 1, studentId: 4, enrolledAt: now, ...ADMIN_CONSENT },
    { classroomId: 2, studentId: 7, enrolledAt: now, ...ADMIN_CONSENT }, { classroomId: 2, studentId: 9, enrolledAt: now, ...ADMIN_CONSENT },
  ]);
}

const apps = useTestDatabase({ seed: { amal: seedSchool } });

const RECORD = 'mutation($e: [AnalyticsEventInput!]!) { recordEvents(events: $e) { accepted duplicate rejected rejections { index code message retryable } } }';
const ACTIVITY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id activity { streakDays minutesThisWeek lastActiveAt } } } }';
const OUTCOMES = 'query($c: ID!, $from: DateTime!, $to: DateTime!) { learningOutcomes(classroomId: $c, from: $from, to: $to) { concept { id } accuracy attempts students } }';

const DAY = 86_400_000;
/** An instant `daysAgo` UTC days back, `ms` after that day's midnight: deterministic days whatever the hour of the run. */
const at = (daysAgo: number, ms = 0) => {
  const midnight = new Date();
  midnight.setUTCHours(0, 0, 0, 0);
  return new Date(midnight.getTime() - daysAgo * DAY + ms);
};

/** Inputs as a client sends them (dates as strings), for `recordEvents`. */
const wire = (events: AnalyticsEventInput[]) => events.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() }));

const record = (viewer: Viewer, events: AnalyticsEventInput[], runtime = apps.runtime()) =>
  runSubgraph(analytics, runtime, RECORD, { viewer, variables: { e: wire(events) } });

async function activityOf(userId: number, viewer: Viewer = as.admin(1)) {
  const result = await runSubgraph(analytics, apps.runtime(), ACTIVITY, { viewer, variables: { r: [{ __typename: 'User', id: String(userId) }] } });
  expectNoErrors(result);
  return (result.data as { _entities: [{ activity: unknown }] })._entities[0].activity;
}

const outboxRows = async () => apps.runtime().deps.db.select().from(analyticsTables('amal').eventOutbox);

describe('recordEvents', () => {
  it('counts accepted, duplicate and rejected events, and a resend as duplicate', async () => {
    const events: AnalyticsEventInput[] = [
      { clientEventId: 'lina-1', type: 'SESSION_STARTED', occurredAt: at(0) },
      { clientEventId: 'lina-2', type: 'ANSWER_SUBMITTED', occurredAt: at(0, 1), conceptId: '40', correct: true, durationMs: 9_000 },
      { clientEventId: 'lina-1', type: 'SESSION_STARTED', occurredAt: at(0) },
      { clientEventId: 'lina-3', type: 'LESSON_OPENED', occurredAt: at(0), durationMs: -5 },
    ];

    const first = await record(as.student(8), events);
    const resend = await record(as.student(8), events);

    expectNoErrors(first);
    expect(first.data).toEqual({ recordEvents: {
      accepted: 2, duplicate: 1, rejected: 1,
      rejections: [{ index: 3, code: 'BAD_USER_INPUT', message: 'durationMs must be an integer from 0 to 3600000; got -5', retryable: false }],
    } });
    expect(resend.data).toMatchObject({ recordEvents: { accepted: 0, duplicate: 3, rejected: 1 } });
  });

  it('fails a batch of more than 500 events as a whole', async () => {
    const events = Array.from({ length: 501 }, (_, i) => ({ clientEventId: `big-${i}`, type: 'SESSION_STARTED' as const, occurredAt: at(0) }));
    const result = await record(as.student(8), events);
    expectErrorCode(result, 'BAD_USER_INPUT');
  });

  it('rejects a malformed occurredAt before anything is queued', async () => {
    const result = await runSubgraph(analytics, apps.runtime(), RECORD, {
      viewer: as.student(8), variables: { e: [{ clientEventId: 'when', type: 'SESSION_STARTED', occurredAt: 'yesterday' }] },
    });
    expectErrorCode(result, 'BAD_USER_INPUT');
  });
});

describe('the event consumer', () => {
  it('applies queued events to activity and outcomes exactly once, even when they arrive twice', async () => {
    const sara: AnalyticsEventInput[] = [
      { clientEventId: 's-1', type: 'LESSON_OPENED', occurredAt: at(0), durationMs: 600_000 },
      { clientEventId: 's-2', type: 'ANSWER_SUBMITTED', occurredAt: at(0, 1), conceptId: '31', correct: true, durationMs: 20_000 },
      { clientEventId: 's-3', type: 'ANSWER_SUBMITTED', occurredAt: at(1, 5_000), conceptId: '31', correct: false, durationMs: 40_000 },
      { clientEventId: 's-4', type: 'ANSWER_SUBMITTED', occurredAt: at(2), conceptId: '32', correct: true, durationMs: 45_500 },
    ];
    const yusuf: AnalyticsEventInput[] = [{ clientEventId: 'y-1', type: 'ANSWER_SUBMITTED', occurredAt: at(0), conceptId: '31', correct: false }];
    // Omar is in the other classroom: his answer must not count for classroom 1.
    const omar: AnalyticsEventInput[] = [{ clientEventId: 'o-1', type: 'ANSWER_SUBMITTED', occurredAt: at(0), conceptId: '31', correct: true }];
    for (const [id, events] of [[3, sara], [4, yusuf], [7, omar]] as const) expectNoErrors(await record(as.student(id), [...events]));
    const { deps } = apps.runtime();
    const consumer = createEventConsumer(deps);

    const taken = await consumer.drainOnce();
    const again = await applyEvents(deps.db, deps.app, validateEvents(3, sara).valid);
    const takenAgain = await consumer.drainOnce();

    expect(taken).toBeGreaterThanOrEqual(6);
    expect(again).toEqual({ applied: 0, skipped: 4, erased: new Set() });
    expect(takenAgain).toBe(0);
    expect(await activityOf(3, as.parent(2))).toEqual({ streakDays: 3, minutesThisWeek: 11, lastActiveAt: at(0, 1).toISOString() });
    const week = await runSubgraph(analytics, apps.runtime(), OUTCOMES, { viewer: as.teacher(5), variables: { c: '1', from: at(6).toISOString(), to: new Date().toISOString() } });
    expectNoErrors(week);
    expect(week.data).toEqual({ learningOutcomes: [
      { concept: { id: '31' }, accuracy: expect.closeTo(1 / 3, 6), attempts: 3, students: 2 },
      { concept: { id: '32' }, accuracy: 1, attempts: 1, students: 1 },
    ] });
    const today = await runSubgraph(analytics, apps.runtime(), OUTCOMES, { viewer: as.admin(1), variables: { c: '1', from: at(0).toISOString(), to: at(0).toISOString() } });
    expect(today.data).toEqual({ learningOutcomes: [{ concept: { id: '31' }, accuracy: 0.5, attempts: 2, students: 2 }] });
  });

  it('keeps events in the outbox when there is no Redis, reports them accepted, and relays them once the queue is there', async () => {
    const runtime = apps.runtime();
    const withoutRedis = { ...runtime, deps: { ...runtime.deps, redis: undefined } };
    const events: AnalyticsEventInput[] = [
      { clientEventId: 'offline-1', type: 'SESSION_STARTED', occurredAt: at(1), durationMs: 120_000 },
      { clientEventId: 'offline-2', type: 'SESSION_ENDED', occurredAt: at(1, 120_000) },
    ];

    const result = await record(as.student(9), events, withoutRedis);
    const queued = await outboxRows();
    const takenWithoutQueue = await createEventConsumer(withoutRedis.deps).drainOnce();
    const queuedStill = await outboxRows();
    const taken = await createEventConsumer(runtime.deps).drainOnce();

    expect(result.data).toMatchObject({ recordEvents: { accepted: 2, duplicate: 0, rejected: 0 } });
    expect(queued).toHaveLength(2);
    expect(takenWithoutQueue).toBe(0);
    expect(queuedStill).toHaveLength(2);
    expect(taken).toBe(2);
    expect(await outboxRows()).toEqual([]);
    expect(await activityOf(9, as.teacher(6))).toMatchObject({ streakDays: 1, minutesThisWeek: 2, lastActiveAt: at(1, 120_000).toISOString() });
  });

  it('falls back to the outbox when Redis does not answer', async () => {
    const runtime = apps.runtime();
    const deadRedis = createRedisClient('redis://127.0.0.1:1', createLogger('silent'));
    try {
      const unreachable = { ...runtime, deps: { ...runtime.deps, redis: deadRedis } };
      const result = await record(as.student(8), [{ clientEventId: 'outage-1', type: 'LESSON_OPENED', occurredAt: at(0) }], unreachable);

      expect(result.data).toMatchObject({ recordEvents: { accepted: 1, duplicate: 0, rejected: 0 } });
      expect((await outboxRows()).map((row) => JSON.parse(row.payload).clientEventId)).toEqual(['outage-1']);
    } finally {
      deadRedis.disconnect();
      await createEventConsumer(runtime.deps).drainOnce();
    }
  });

  it('falls back to the outbox when the stream refuses the events', async () => {
    const runtime = apps.runtime();
    const deps = { ...runtime.deps, redisKeyPrefix: `${runtime.deps.redisKeyPrefix}refusing:` };
    await deps.redis!.set(analyticsStreamKeys(deps).stream, 'not a stream');

    const result = await record(as.student(8), [{ clientEventId: 'refused-1', type: 'LESSON_OPENED', occurredAt: at(0) }], { ...runtime, deps });

    expect(result.data).toMatchObject({ recordEvents: { accepted: 1, duplicate: 0, rejected: 0 } });
    expect((await outboxRows()).map((row) => JSON.parse(row.payload).clientEventId)).toEqual(['refused-1']);
    await createEventConsumer(runtime.deps).drainOnce();
  });

  it('answers accepted 0 and a retryable UNAVAILABLE per event when neither the queue nor the outbox took them', async () => {
    const runtime = apps.runtime();
    const deadDatabase = createDatabaseClient('mysql://root@127.0.0.1:1/none');
    const deps = { ...runtime.deps, db: deadDatabase.db, redisKeyPrefix: `${runtime.deps.redisKeyPrefix}stranded:` };
    await deps.redis!.set(analyticsStreamKeys(deps).stream, 'not a stream');
    try {
      const result = await record(as.student(8), [
        { clientEventId: 'stranded-1', type: 'LESSON_OPENED', occurredAt: at(0) },
        { clientEventId: 'stranded-bad', type: 'LESSON_OPENED', occurredAt: at(0), durationMs: -1 },
        { clientEventId: 'stranded-2', type: 'SESSION_ENDED', occurredAt: at(0) },
      ], { ...runtime, deps });

      expectNoErrors(result);
      expect(result.data).toEqual({ recordEvents: {
        accepted: 0, duplicate: 0, rejected: 3,
        rejections: [
          { index: 0, code: 'UNAVAILABLE', message: expect.stringContaining('send it again later'), retryable: true },
          { index: 1, code: 'BAD_USER_INPUT', message: expect.stringContaining('durationMs'), retryable: false },
          { index: 2, code: 'UNAVAILABLE', message: expect.stringContaining('send it again later'), retryable: true },
        ],
      } });
      // Nothing marks them seen, so the app's resend is accepted, not taken for a duplicate.
      expect(await deps.redis!.exists(`${deps.redisKeyPrefix}amal:analytics:seen:8:stranded-1`)).toBe(0);
    } finally {
      await deadDatabase.close();
    }
  });

  it('moves a poison message to the dead-letter stream with its reason, and applies the events around it', async () => {
    const { deps } = apps.runtime();
    const consumer = createEventConsumer(deps);
    await consumer.drainOnce();
    const keys = analyticsStreamKeys(deps);
    await deps.redis!.xadd(keys.stream, '*', 'event', '{not json');
    expectNoErrors(await record(as.student(4), [{ clientEventId: 'after-poison', type: 'LESSON_OPENED', occurredAt: at(0, 2), durationMs: 60_000 }]));

    const taken = await consumer.drainOnce();

    expect(taken).toBe(2 + (deps.analytics.maxAttempts - 1));
    expect(await deps.redis!.xlen(keys.stream)).toBe(0);
    const [[, fields]] = (await deps.redis!.xrange(keys.deadLetters, '-', '+')) as [string, string[]][] as [[string, string[]]];
    expect(fields).toEqual(expect.arrayContaining(['event', '{not json', 'reason', expect.stringMatching(/^not an analytics event/), 'attempts', String(deps.analytics.maxAttempts)]));
    expect(await activityOf(4)).toMatchObject({ lastActiveAt: at(0, 2).toISOString() });
  });

  it('runs until aborted, applying events as they arrive', async () => {
    const { deps } = apps.runtime();
    const stopping = new AbortController();
    const running = createEventConsumer(deps, { blockMs: 100 }).run(stopping.signal);
    try {
      expectNoErrors(await record(as.student(8), [{ clientEventId: 'live-1', type: 'LESSON_OPENED', occurredAt: at(0, 3), durationMs: 1_000 }]));
      await expect.poll(() => activityOf(8), { timeout: 5_000 }).toMatchObject({ lastActiveAt: at(0, 3).toISOString() });
    } finally {
      stopping.abort();
    }
    await expect(running).resolves.toBeUndefined();
  });
});

describe('device clocks', () => {
  const HOUR = 3_600_000;
  const YEAR = 365 * DAY;
  const RECORD_SENT = 'mutation($e: [AnalyticsEventInput!]!, $sentAt: DateTime) { recordEvents(events: $e, sentAt: $sentAt) { accepted duplicate rejected } }';
  const lakeDir = mkdtempSync(join(tmpdir(), 'lg-clock-lake-'));
  const lake = createDirectoryLake(lakeDir, 'events/', createLogger('silent'));
  afterAll(() => rmSync(lakeDir, { recursive: true, force: true }));
  const utcDayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

  it.each([
    // The real moment, on the server's clock, is always in the past and far from a midnight.
    { name: 'an hour ahead, across midnight', userId: 41, happened: () => at(1, 23.5 * HOUR).getTime(), ahead: HOUR, withSentAt: true },
    { name: 'a day behind', userId: 42, happened: () => at(1, 12 * HOUR).getTime(), ahead: -DAY, withSentAt: true },
    { name: 'a year ahead', userId: 43, happened: () => at(0).getTime(), ahead: YEAR, withSentAt: true },
    { name: 'a year behind', userId: 44, happened: () => at(1, HOUR).getTime(), ahead: -YEAR, withSentAt: true },
    { name: 'right, without sentAt', userId: 45, happened: () => at(1, 6 * HOUR).getTime(), ahead: 0, withSentAt: false },
  ])('counts the event of a clock $name on the day it happened, keeping the device\'s times', async ({ userId, happened, ahead, withSentAt }) => {
    const occurredAt = new Date(happened() + ahead).toISOString();
    const before = Date.now();
    const sentAt = withSentAt ? new Date(before + ahead).toISOString() : null;
    const result = await runSubgraph(analytics, apps.runtime(), RECORD_SENT, {
      viewer: as.student(userId), variables: { e: [{ clientEventId: `clock-${userId}`, type: 'LESSON_OPENED', occurredAt, durationMs: 120_000 }], sentAt },
    });
    const after = Date.now();
    await createEventConsumer(apps.runtime().deps, { lake }).drainOnce();

    expect(result.data).toEqual({ recordEvents: { accepted: 1, duplicate: 0, rejected: 0 } });
    const [stored] = await lake.recordsOf('amal', userId);
    expect(stored).toMatchObject({ occurredAt, ...(sentAt ? { sentAt } : {}) });
    if (!sentAt) expect(stored).not.toHaveProperty('sentAt');
    expect(stored).not.toHaveProperty('clockClamped');
    const receivedAt = Date.parse(stored!.receivedAt!);
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThanOrEqual(after);
    const offset = sentAt ? Date.parse(sentAt) - receivedAt : 0;
    expect(stored!.correctedAt).toBe(new Date(Date.parse(occurredAt) - offset).toISOString());
    const { activityDays, processedEvents } = analyticsTables('amal');
    const { db } = apps.runtime().deps;
    expect(await db.select({ day: activityDays.day, events: activityDays.events }).from(activityDays).where(eq(activityDays.userId, userId)))
      .toEqual([{ day: utcDayOf(happened()), events: 1 }]);
    expect(await db.select({ clockClamped: processedEvents.clockClamped }).from(processedEvents).where(eq(processedEvents.userId, userId))).toEqual([{ clockClamped: null }]);
    // Every one happened today or yesterday: a streak, whatever day the device's clock said.
    expect(await activityOf(userId)).toMatchObject({ streakDays: 1, minutesThisWeek: 2 });
  });

  it.each([
    { name: 'a year ahead', userId: 46, ahead: YEAR, clamp: 'future', correctedFrom: (receivedAt: number) => receivedAt, streakDays: 1 },
    { name: 'a year behind', userId: 47, ahead: -YEAR, clamp: 'past', correctedFrom: (receivedAt: number) => receivedAt - MAX_AGE_MS, streakDays: 0 },
  ])('keeps the event of a clock $name sent without sentAt, clamped and marked', async ({ userId, ahead, clamp, correctedFrom, streakDays }) => {
    const occurredAt = new Date(Date.now() + ahead).toISOString();
    const result = await runSubgraph(analytics, apps.runtime(), RECORD_SENT, {
      viewer: as.student(userId), variables: { e: [{ clientEventId: `clamped-${userId}`, type: 'LESSON_OPENED', occurredAt, durationMs: 60_000 }] },
    });
    await createEventConsumer(apps.runtime().deps, { lake }).drainOnce();

    expect(result.data).toEqual({ recordEvents: { accepted: 1, duplicate: 0, rejected: 0 } });
    const [stored] = await lake.recordsOf('amal', userId);
    const receivedAt = Date.parse(stored!.receivedAt!);
    expect(stored).toMatchObject({ occurredAt, correctedAt: new Date(correctedFrom(receivedAt)).toISOString(), clockClamped: clamp });
    const { activityDays, processedEvents } = analyticsTables('amal');
    const { db } = apps.runtime().deps;
    expect(await db.select({ day: activityDays.day }).from(activityDays).where(eq(activityDays.userId, userId))).toEqual([{ day: utcDayOf(correctedFrom(receivedAt)) }]);
    expect(await db.select({ clockClamped: processedEvents.clockClamped }).from(processedEvents).where(eq(processedEvents.userId, userId))).toEqual([{ clockClamped: clamp }]);
    expect(await activityOf(userId)).toMatchObject({ streakDays, lastActiveAt: new Date(correctedFrom(receivedAt)).toISOString() });
  });

  it('rejects a malformed sentAt before anything is queued', async () => {
    const result = await runSubgraph(analytics, apps.runtime(), RECORD_SENT, {
      viewer: as.student(48), variables: { e: [{ clientEventId: 'when-sent', type: 'SESSION_STARTED', occurredAt: at(0).toISOString() }], sentAt: 'now-ish' },
    });
    expectErrorCode(result, 'BAD_USER_INPUT');
  });
});

describe('User.activity', () => {
  it('is visible to a parent for its child', async () => {
    const result = await runSubgraph(analytics, apps.runtime(), ACTIVITY, { viewer: as.parent(2), variables: { r: [{ __typename: 'User', id: '4' }] } });
    expectNoErrors(result);
    expect(result.data).toMatchObject({ _entities: [{ id: '4', activity: { streakDays: 1 } }] });
  });

  it('is refused to a teacher of another classroom', async () => {
    const result = await runSubgraph(analytics, apps.runtime(), ACTIVITY, { viewer: as.teacher(6), variables: { r: [{ __typename: 'User', id: '3' }] } });
    expectErrorCode(result, 'FORBIDDEN');
  });

  it('is refused to a classmate', async () => {
    const result = await runSubgraph(analytics, apps.runtime(), ACTIVITY, { viewer: as.student(4), variables: { r: [{ __typename: 'User', id: '3' }] } });
    expectErrorCode(result, 'FORBIDDEN');
  });

  it('keeps lastActiveAt after a break longer than the days it reads', async () => {
    const { deps } = apps.runtime();
    const longAgo = at(90, 3_600_000);
    await deps.db.insert(analyticsTables('amal').activityDays).values({ userId: 20, day: longAgo.toISOString().slice(0, 10), activeSeconds: 600, events: 3, lastEventAt: longAgo });

    expect(await activityOf(20)).toEqual({ streakDays: 0, minutesThisWeek: 0, lastActiveAt: longAgo.toISOString() });
  });

  it('resolves for 30 users in one statement', async () => {
    const runtime = apps.runtime();
    const representations = Array.from({ length: 30 }, (_, i) => ({ __typename: 'User', id: String(i + 1) }));

    const { result, statements } = await countStatements(() =>
      runSubgraph(analytics, runtime, ACTIVITY, { viewer: as.admin(1), variables: { r: representations } }));

    expectNoErrors(result);
    const entities = (result.data as { _entities: { id: string; activity: { streakDays: number } }[] })._entities;
    expect(entities.map((entity) => entity.id)).toEqual(representations.map((r) => r.id));
    expect(entities[29]?.activity).toEqual({ streakDays: 0, minutesThisWeek: 0, lastActiveAt: null });
    expect(statements).toBe(1);
  });
});

describe('learningOutcomes', () => {
  const range = { from: at(6).toISOString(), to: new Date().toISOString() };

  it.each([
    { name: 'a teacher of another classroom', viewer: as.teacher(6), code: 'FORBIDDEN' },
    { name: 'a student of the classroom', viewer: as.student(3), code: 'FORBIDDEN' },
    { name: 'a parent', viewer: as.parent(2), code: 'FORBIDDEN' },
    { name: 'an anonymous caller', viewer: as.anonymous, code: 'UNAUTHENTICATED' },
  ])('is refused to $name', async ({ viewer, code }) => {
    const result = await runSubgraph(analytics, apps.runtime(), OUTCOMES, { viewer, variables: { c: '1', ...range } });
    expectErrorCode(result, code);
    expect(result.data).toBeNull();
  });

  it.each([
    { name: 'from after to', from: at(0).toISOString(), to: at(1).toISOString() },
    { name: 'a range over 366 days', from: at(400).toISOString(), to: at(0).toISOString() },
  ])('rejects $name', async ({ from, to }) => {
    const result = await runSubgraph(analytics, apps.runtime(), OUTCOMES, { viewer: as.teacher(5), variables: { c: '1', from, to } });
    expectErrorCode(result, 'BAD_USER_INPUT');
  });
});
