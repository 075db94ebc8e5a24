/**
 * SM-2's step (./scheduling.ts `review`, with `reviewed`'s bookkeeping in ./submitAnswer.ts) as SQL
 * over the memory row's current values: the assignments of an `ON DUPLICATE KEY UPDATE` (or an
 * `UPDATE`), so a submitted answer reschedules its concept inside the database, on the row as the
 * row lock finds it, with no read of the row before the write (a read, then a write from what it
 * read, is the race that concurrent answers to one concept lose or deadlock on).
 *
 * The grade is known before the statement (it comes from the answer), so only the row's values are
 * SQL; the constants and the E-Factor step come from ./scheduling.ts. The arithmetic is the same
 * as there, in the same order, on DOUBLE and integers: E-Factors in whole hundredths, the interval
 * `CEIL(I * ROUND(EF * 100) / 100)`, capped. ./schedulingSql.test.ts checks, on the server, that
 * these assignments give what `review` gives for every grade over a grid of states.
 *
 * MySQL and MariaDB apply an UPDATE's assignments left to right, a later one reading the values an
 * earlier one assigned (MariaDB's SIMULTANEOUS_ASSIGNMENT mode aside): so each assignment below
 * reads only columns that no assignment before it wrote, and means the same in both modes.
 */
import { sql, type SQL } from 'drizzle-orm';
import { easeStepHundredths, MAX_INTERVAL_DAYS, MIN_EASE_FACTOR, type Quality } from './scheduling.js';
import type { MemoryTables } from './tables.js';

export interface ReviewedAnswer {
  quality: Quality;
  correct: boolean;
  answeredAt: Date;
}

/** `due_at = …, interval_days = …, …`: the row after one more answer. */
export function reviewAssignments(memory: MemoryTables['conceptMemory'], { quality, correct, answeredAt }: ReviewedAnswer): SQL {
  const m = memory;
  const set = (column: { name: string }, value: SQL) => sql`${sql.identifier(column.name)} = ${value}`;
  // SM-2 step 6: a failed recall restarts the intervals.
  const intervalDays = quality < 3
    ? sql`1`
    : sql`(CASE ${m.repetitions} WHEN 0 THEN 1 WHEN 1 THEN 6 ELSE LEAST(${MAX_INTERVAL_DAYS}, CEIL(${m.intervalDays} * ROUND(${m.easeFactor} * 100) / 100)) END)`;
  // Answers given offline can arrive out of order; the last review never moves back in time.
  const reviewedAt = sql`GREATEST(${m.lastReviewedAt}, CAST(${answeredAt} AS DATETIME(3)))`;
  return sql.join([
    set(m.dueAt, sql`DATE_ADD(${reviewedAt}, INTERVAL ${intervalDays} DAY)`),
    set(m.intervalDays, intervalDays),
    set(m.repetitions, quality < 3 ? sql`0` : sql`${m.repetitions} + 1`),
    set(m.easeFactor, sql`GREATEST(${MIN_EASE_FACTOR}, (ROUND(${m.easeFactor} * 100) + ${easeStepHundredths(quality)}) / 100)`),
    set(m.lastReviewedAt, reviewedAt),
    set(m.attempts, sql`${m.attempts} + 1`),
    set(m.correct, sql`${m.correct} + ${correct ? 1 : 0}`),
  ], sql`, `);
}
