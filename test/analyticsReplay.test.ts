import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, asc, between, gte, sql } from 'drizzle-orm';
import { createLogger } from '../runtime/observability/logger.js';
import type { AppDeps } from '../runtime/container/appDeps.js';
import { useTestDatabase } from './support/harness.js';
import { createEventConsumer } from '../pipeline/consumer.js';
import type { QueuedEvent } from '../pipeline/event/queuedEvent.js';
import { createDirectoryLake } from '../pipeline/lake/directory.js';
import { eventQueueFor } from '../pipeline/queue/index.js';
import { replayFromLake } from '../pipeline/replay.js';
import { replayArguments } from '../scripts/replayArguments.js';
import { analyticsTables } from '../pipeline/tables.js';
import { correctClock } from '../pipeline/event/clock.js';

const apps = useTestDatabase();
const lakeDir = mkdtempSync(join(tmpdir(), 'lg-lake-'));
const { activityDays, conceptOutcomes } = analyticsTables('amal');
const USERS_FROM = 7_000;
const [FROM, TO] = ['2026-11-18', '2026-11-20'];

const deps = (): AppDeps => ({ ...apps.runtime().deps, analytics: { ...apps.runtime().deps.analytics, lake: { kind: 'directory', dir: lakeDir } } });

afterAll(() => rmSync(lakeDir, { recursive: true, force: true }));

/** Three days of a class's practice: answers, lessons and sessions of 12 students. */
const practice: QueuedEvent[] = Array.from({ length: 360 }, (_, i) => ({
  userId: USERS_FROM + (i % 12),
  clientEventId: `replay-${i}`,
  type: i % 4 === 0 ? 'LESSON_OPENED' : i % 4 === 3 ? 'SESSION_ENDED' : 'ANSWER_SUBMITTED',
  occurredAt: new Date(Date.UTC(2026, 10, 18 + (Math.floor(i / 12) % 3), 7 + (i % 11), i % 60, 0, i)).toISOString(),
  durationMs: 1_000 + ((i * 7_919) % 180_000),
  ...(i % 4 === 1 || i % 4 === 2 ? { conceptId: 1 + (i % 9), correct: i % 3 !== 0 } : {}),
}));

async function rollupsOfRange() {
  const { db } = apps.runtime().deps;
  return {
    activity: await db.select().from(activityDays).where(and(gte(activityDays.userId, USERS_FROM), between(activityDays.day, FROM, TO))).orderBy(asc(activityDays.userId), asc(activityDays.day)),
    outcomes: await db.select().from(conceptOutcomes).where(and(gte(conceptOutcomes.userId, USERS_FROM), between(conceptOutcomes.day, FROM, TO))).orderBy(asc(conceptOutcomes.userId), asc(conceptOutcomes.conceptId), asc(conceptOutcomes.day)),
  };
}

const replayScript = (from: string, to: string) => promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['scripts/analytics-replay.ts', '--from', from, '--to', to], {
  env: { ...process.env, APP_NAME: 'amal', DATABASE_URL: apps.url, ANALYTICS_LAKE: 'directory', ANALYTICS_LAKE_DIR: lakeDir, LOG_LEVEL: 'silent' },
});

describe('npm run analytics:replay', () => {
  it('rebuilds the rollups of a date range from the lake to exactly the numbers the consumer wrote', async () => {
    const queue = eventQueueFor(deps())!;
    // Sent in batches, some twice (a retry, a redelivery): the lake holds those twice.
    for (let start = 0; start < practice.length; start += 50) await queue.send(practice.slice(start, start + 50).map((e) => JSON.stringify(e)));
    await queue.send(practice.slice(100, 140).map((e) => JSON.stringify(e)));
    await createEventConsumer(deps(), { lake: createDirectoryLake(lakeDir, 'events/', createLogger('silent')) }).drainOnce();
    const written = await rollupsOfRange();
    // A bug (or a restore from an old backup) damages the range.
    const { db } = apps.runtime().deps;
    await db.delete(activityDays).where(between(activityDays.day, '2026-11-19', TO));
    await db.update(conceptOutcomes).set({ attempts: sql`${conceptOutcomes.attempts} * 3` });

    const { stdout } = await replayScript(FROM, TO);
    const replayed = await rollupsOfRange();
    await replayFromLake(deps(), createDirectoryLake(lakeDir, 'events/', createLogger('silent')), replayArguments(['--from', FROM, '--to', TO]).days);

    expect(written.activity).toHaveLength(36);
    expect(written.outcomes.length).toBeGreaterThan(10);
    expect(replayed).toEqual(written);
    expect(await rollupsOfRange()).toEqual(written);
    expect(stdout).toMatch(/^amal 2026-11-18: 120 event\(s\), \d+ duplicate copies ignored$/m);
  });

  it('rebuilds the day an event happened on, not the day a wrong device clock gave it', async () => {
    // A tablet a day ahead sends its evening practice of 2026-11-25 at 20:00 on the server's clock.
    const receivedAt = Date.parse('2026-11-25T20:00:00.000Z');
    const ahead = 86_400_000;
    const queued = Array.from({ length: 6 }, (_, i): QueuedEvent => {
      const occurredAt = new Date(receivedAt - (i + 1) * 600_000 + ahead);
      return { userId: USERS_FROM + 500, clientEventId: `ahead-${i}`, type: 'LESSON_OPENED', occurredAt: occurredAt.toISOString(), durationMs: 60_000, ...correctClock(occurredAt, new Date(receivedAt + ahead), new Date(receivedAt)) };
    });
    await eventQueueFor(deps())!.send(queued.map((e) => JSON.stringify(e)));
    const lake = createDirectoryLake(lakeDir, 'events/', createLogger('silent'));
    await createEventConsumer(deps(), { lake }).drainOnce();
    const { db } = apps.runtime().deps;
    const ofUser = () => db.select().from(activityDays).where(sql`${activityDays.userId} = ${USERS_FROM + 500}`);
    const written = await ofUser();
    await db.delete(activityDays).where(sql`${activityDays.userId} = ${USERS_FROM + 500}`);

    const replayed = await replayFromLake(deps(), lake, ['2026-11-25', '2026-11-26']);

    expect(written).toEqual([expect.objectContaining({ day: '2026-11-25', events: 6, activeSeconds: 360 })]);
    expect(replayed.map(({ day, events }) => ({ day, events }))).toEqual([{ day: '2026-11-25', events: 6 }, { day: '2026-11-26', events: 0 }]);
    expect(await ofUser()).toEqual(written);
  });

  it.each([
    { name: 'a day that is not YYYY-MM-DD', from: '18/11/2026', to: TO, message: '--from must be a UTC day as YYYY-MM-DD; got "18/11/2026"' },
    { name: 'from after to', from: TO, to: FROM, message: '--from must not be after --to; got 2026-11-20 > 2026-11-18' },
    { name: 'a range over 366 days', from: '2025-01-01', to: '2026-11-20', message: 'A replay spans at most 366 days; got 689' },
  ])('refuses $name', ({ from, to, message }) => {
    expect(() => replayArguments(['--from', from, '--to', to])).toThrow(message);
  });
});
