import { describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import type { AppName } from '../runtime/tenancy.js';
import { countStatements, useTestDatabase } from '../test/support/harness.js';
import { demoCurriculum } from '../seed/curriculum/render.js';
import { demoHistory } from '../seed/history.js';
import type { QueuedEvent } from './event/queuedEvent.js';
import { applyEvents, rollupTotals } from './rollups.js';
import { analyticsTables } from './tables.js';

const apps = useTestDatabase();

const events = (users: number, perUser: number, userFrom = 1): QueuedEvent[] => Array.from({ length: users * perUser }, (_, i) => ({
  userId: userFrom + (i % users),
  clientEventId: `e-${i}`,
  type: i % 3 === 0 ? 'ANSWER_SUBMITTED' : 'LESSON_OPENED',
  occurredAt: new Date(Date.UTC(2026, 10, 18 + (i % 3), 8, 0, i % 60)).toISOString(),
  durationMs: 1_000 + (i % 7) * 10_333,
  ...(i % 3 === 0 ? { conceptId: 1 + (i % 5), correct: i % 2 === 0 } : {}),
}));

async function rollups(app: AppName) {
  const { activityDays, conceptOutcomes } = analyticsTables(app);
  const { db } = apps.runtime(app).deps;
  return {
    activity: await db.select().from(activityDays).orderBy(asc(activityDays.userId), asc(activityDays.day)),
    outcomes: await db.select().from(conceptOutcomes).orderBy(asc(conceptOutcomes.userId), asc(conceptOutcomes.conceptId), asc(conceptOutcomes.day)),
  };
}

describe('applyEvents', () => {
  it('applies a batch of 300 new events in one transaction of a few statements', async () => {
    const runtime = apps.runtime('amal');
    const { result, statements } = await countStatements(() => applyEvents(runtime.deps.db, 'amal', events(20, 15, 100)));

    expect(result).toEqual({ applied: 300, skipped: 0, erased: new Set() });
    // One of them reads the suppression list (erased people) under a share lock.
    expect(statements).toBeLessThanOrEqual(6);
  });

  it('applies a batch of seen and new events with one statement more, counting only the new', async () => {
    const runtime = apps.runtime('amal');
    const batch = events(10, 10, 200);
    await applyEvents(runtime.deps.db, 'amal', batch.slice(0, 60));

    const { result, statements } = await countStatements(() => applyEvents(runtime.deps.db, 'amal', batch));
    const again = await countStatements(() => applyEvents(runtime.deps.db, 'amal', batch));

    expect(result).toEqual({ applied: 40, skipped: 60, erased: new Set() });
    expect(statements).toBeLessThanOrEqual(7);
    expect(again.result).toEqual({ applied: 0, skipped: 100, erased: new Set() });
    expect(again.statements).toBeLessThanOrEqual(4);
  });

  it('turns the demo history (about 11,000 events) into a few statements per 500 events', async () => {
    const runtime = apps.runtime('amal');
    const history = demoHistory(new Date('2026-11-23T12:00:00Z'), demoCurriculum()).events;

    const { result, statements } = await countStatements(() => applyEvents(runtime.deps.db, 'amal', history));

    expect(result.applied).toBe(history.length);
    expect(statements).toBeLessThanOrEqual(Math.ceil(history.length / 500) * 6);
  });

  it('counts each event once when overlapping batches are applied by concurrent consumers, as if applied alone', async () => {
    const all = events(30, 20, 5_000);
    // Each event is in three of the four batches, and each batch lists them in another order.
    const consumers = [0, 1, 2, 3].map((k) => {
      const batch = all.filter((_, i) => i % 4 !== k);
      return batch.map((_, i) => batch[(i * 7 + k) % batch.length]!);
    });
    await applyEvents(apps.runtime('thurayya').deps.db, 'thurayya', all);

    const results = await Promise.all(consumers.map((batch) => applyEvents(apps.runtime('amal').deps.db, 'amal', batch)));
    const amal = await rollups('amal');

    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(all.length);
    const ofTheseUsers = <T extends { userId: number }>(rows: T[]) => rows.filter((row) => row.userId >= 5_000);
    const thurayya = await rollups('thurayya');
    expect(ofTheseUsers(amal.activity)).toEqual(ofTheseUsers(thurayya.activity));
    expect(ofTheseUsers(amal.outcomes)).toEqual(ofTheseUsers(thurayya.outcomes));
    expect(thurayya.activity.length).toBeGreaterThan(0);
  });
});

describe('rollupTotals', () => {
  it('sums each event rounded to whole seconds, counts answers per concept and day, and keeps the latest event', () => {
    const totals = rollupTotals([
      { userId: 1, clientEventId: 'a', type: 'ANSWER_SUBMITTED', occurredAt: '2026-11-20T08:00:00.000Z', durationMs: 1_499, conceptId: 9, correct: true },
      { userId: 1, clientEventId: 'b', type: 'ANSWER_SUBMITTED', occurredAt: '2026-11-20T09:00:00.000Z', durationMs: 1_500, conceptId: 9, correct: false },
      { userId: 1, clientEventId: 'c', type: 'LESSON_OPENED', occurredAt: '2026-11-21T00:00:00.000Z', durationMs: 0 },
    ]);
    expect(totals).toEqual({
      activity: [
        { userId: 1, day: '2026-11-20', activeSeconds: 3, events: 2, lastEventAt: new Date('2026-11-20T09:00:00.000Z') },
        { userId: 1, day: '2026-11-21', activeSeconds: 0, events: 1, lastEventAt: new Date('2026-11-21T00:00:00.000Z') },
      ],
      outcomes: [{ userId: 1, conceptId: 9, day: '2026-11-20', attempts: 2, correct: 1 }],
    });
  });
});
