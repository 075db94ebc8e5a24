/**
 * SM-2, the SuperMemo-2 algorithm as published by P. A. Wozniak, "Optimization of learning" (1990),
 * section 3.2, "Application of a computer to improve the results obtained in working with the
 * SuperMemo method": https://super-memory.com/english/ol/sm2.htm
 *
 * Readings of the published steps where implementations differ:
 *   - Step 3 gives I(n) := I(n-1) * EF with "EF the E-Factor of the given item"; step 5 modifies the
 *     E-Factor after the repetition. So the interval uses the EF from *before* this review's update
 *     (as in the usual pseudocode, e.g. Wikipedia's "SuperMemo" article).
 *   - Step 3: "If interval is a fraction, round it up to the nearest integer", so Math.ceil.
 *   - Step 5 modifies the E-Factor after *each* repetition, failures included; step 6 restarts the
 *     intervals "without changing the E-Factor", i.e. without resetting it to 2.5.
 *   - Step 7 (drill items graded below 4 again the same day) is left to the practice session.
 */

/** Response quality on SM-2's 0-5 scale; below 3 is a failed recall. */
export type Quality = 0 | 1 | 2 | 3 | 4 | 5;

export interface Sm2State {
  /** Successful recalls in a row (n). */
  repetitions: number;
  /** E-Factor, 1.3 and up. */
  easeFactor: number;
  /** Days until the next review (I(n)). */
  intervalDays: number;
}

export const INITIAL_STATE: Sm2State = { repetitions: 0, easeFactor: 2.5, intervalDays: 0 };

export const MIN_EASE_FACTOR = 1.3;
/** A correct answer within FAST_MS was "perfect"; one after SLOW_MS came "with serious difficulty". */
const FAST_MS = 5_000;
const SLOW_MS = 20_000;
const DAY_MS = 86_400_000;

/**
 * Grades an answer from what the client observes, the correctness and the response time
 * (SM-2's grades 1 and 2 describe how the learner felt on seeing the answer, which we cannot see):
 *   correct within 5 s        -> 5 (perfect response)
 *   correct within 20 s       -> 4 (correct after hesitation)
 *   correct after 20 s        -> 3 (correct with serious difficulty)
 *   wrong after 5 s           -> 2 (an attempt at recall that failed)
 *   wrong within 5 s          -> 1 (a guess: nothing was recalled)
 * Grade 0 ("complete blackout") is not inferred; a fast wrong answer is the closest we can observe.
 */
export function qualityOf(answer: { correct: boolean; responseTimeMs: number }): Quality {
  const fast = answer.responseTimeMs <= FAST_MS;
  if (!answer.correct) return fast ? 1 : 2;
  if (fast) return 5;
  return answer.responseTimeMs <= SLOW_MS ? 4 : 3;
}

/** SM-2 step 5's change of the E-Factor, 0.1 - (5-q) * (0.08 + (5-q) * 0.02), in hundredths (+10 for 5 down to -80 for 0). */
export function easeStepHundredths(quality: Quality): number {
  const lapse = 5 - quality;
  return 10 - lapse * (8 + lapse * 2);
}

/** The state after one repetition graded `quality` (./schedulingSql.ts is the same step in SQL, for writes). */
export function review(state: Sm2State, quality: Quality): Sm2State {
  // E-Factors move in steps of 0.02, so they are counted in whole hundredths: no float drift.
  const easeFactor = Math.max(MIN_EASE_FACTOR, (Math.round(state.easeFactor * 100) + easeStepHundredths(quality)) / 100);
  if (quality < 3) return { repetitions: 0, easeFactor, intervalDays: 1 };
  const repetitions = state.repetitions + 1;
  return { repetitions, easeFactor, intervalDays: intervalAfter(repetitions, state) };
}

/**
 * The longest interval: SM-2 grows intervals geometrically without bound, and a concept answered
 * right a few dozen times would otherwise be scheduled past the year 9999 (DATETIME's limit).
 * Ten years is "known" for a child; Anki caps at a hundred.
 */
export const MAX_INTERVAL_DAYS = 3_650;

function intervalAfter(repetitions: number, before: Sm2State): number {
  if (repetitions === 1) return 1;
  if (repetitions === 2) return 6;
  // In integer hundredths, so an exact product (10 * 2.2) is never pushed past 22 by float error.
  return Math.min(MAX_INTERVAL_DAYS, Math.ceil((before.intervalDays * Math.round(before.easeFactor * 100)) / 100));
}

export function dueAt(reviewedAt: Date, intervalDays: number): Date {
  return new Date(reviewedAt.getTime() + intervalDays * DAY_MS);
}

/** Mastered once recalled well enough to be scheduled six days or more ahead (SM-2's I(2)). */
export function isMastered(state: Pick<Sm2State, 'intervalDays'>): boolean {
  return state.intervalDays >= 6;
}
