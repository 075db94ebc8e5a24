/**
 * The SM-2 step as SQL (./schedulingSql.ts) against the one in TypeScript (./scheduling.ts), on the
 * server: every grade applied by the SQL assignments to a grid of stored states must leave the row
 * `review` and `reviewed`'s bookkeeping describe, to the bit (DOUBLE E-Factors included).
 */
import { isDeepStrictEqual } from 'node:util';
import { gte, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/support/harness.js';
import { dueAt, MAX_INTERVAL_DAYS, review, type Quality } from './scheduling.js';
import { reviewAssignments } from './schedulingSql.js';
import { memoryTables, type ConceptMemoryRow } from './tables.js';

const apps = useTestDatabase();
const QUALITIES: Quality[] = [0, 1, 2, 3, 4, 5];
const ANSWERED_AT = new Date('2026-11-23T08:00:00.123Z');

/** Stored states: E-Factors from 1.3 to 4 in hundredths, the interval's edges (the cap, 0, 1, 6), last reviews either side of the answer. */
function grid(firstUserId: number): ConceptMemoryRow[] {
  const rows: ConceptMemoryRow[] = [];
  let userId = firstUserId;
  for (let easeHundredths = 130; easeHundredths <= 400; easeHundredths += 3) {
    for (const repetitions of [0, 1, 2, 3, 9]) {
      for (const intervalDays of [0, 1, 6, 7, 16, 99, 1_234, MAX_INTERVAL_DAYS - 1, MAX_INTERVAL_DAYS]) {
        const lastReviewedAt = new Date(ANSWERED_AT.getTime() + ((userId % 3) - 1) * 3_600_000); // an hour before, at, an hour after
        rows.push({ userId: userId++, conceptId: 1, repetitions, easeFactor: easeHundredths / 100, intervalDays, attempts: userId % 7, correct: userId % 5, lastReviewedAt, dueAt: lastReviewedAt });
      }
    }
  }
  return rows;
}

describe('SM-2 in SQL', () => {
  it.each(QUALITIES)('leaves every state of the grid as review() does for quality %i, right or wrong', async (quality) => {
    const { db, app } = apps.runtime().deps;
    const { conceptMemory: m } = memoryTables(app);
    const firstUserId = 1_000_000 * (quality + 1);
    const before = grid(firstUserId);
    for (let at = 0; at < before.length; at += 1_000) await db.insert(m).values(before.slice(at, at + 1_000));
    const correct = quality >= 3;
    await db.execute(sql`UPDATE ${m} SET ${reviewAssignments(m, { quality, correct, answeredAt: ANSWERED_AT })} WHERE ${gte(m.userId, firstUserId)} AND ${m.userId} < ${firstUserId + 1_000_000}`);
    const after = new Map((await db.select().from(m).where(sql`${m.userId} >= ${firstUserId} AND ${m.userId} < ${firstUserId + 1_000_000}`)).map((row) => [row.userId, row]));
    expect(after.size).toBe(before.length);
    const differing = before.filter((row) => {
      const state = review(row, quality);
      const reviewedAt = row.lastReviewedAt > ANSWERED_AT ? row.lastReviewedAt : ANSWERED_AT;
      const expected = { ...row, ...state, attempts: row.attempts + 1, correct: row.correct + (correct ? 1 : 0), lastReviewedAt: reviewedAt, dueAt: dueAt(reviewedAt, state.intervalDays) };
      return !isDeepStrictEqual(after.get(row.userId), expected);
    });
    expect(differing.slice(0, 3).map((row) => ({ before: row, sql: after.get(row.userId) }))).toEqual([]);
    expect(before.length).toBeGreaterThan(4_000);
  });
});
