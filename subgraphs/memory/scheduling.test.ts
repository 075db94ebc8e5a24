import { describe, expect, it } from 'vitest';
import { dueAt, INITIAL_STATE, isMastered, MAX_INTERVAL_DAYS, qualityOf, review, type Quality, type Sm2State } from './scheduling.js';

/** The state after each of `qualities`, answered in order. */
function reviewAll(qualities: Quality[], from: Sm2State = INITIAL_STATE): Sm2State[] {
  let state = from;
  return qualities.map((quality) => (state = review(state, quality)));
}

describe('qualityOf', () => {
  it.each([
    { name: 'correct within 5 s', correct: true, responseTimeMs: 5_000, quality: 5 },
    { name: 'correct within 20 s', correct: true, responseTimeMs: 5_001, quality: 4 },
    { name: 'correct at 20 s', correct: true, responseTimeMs: 20_000, quality: 4 },
    { name: 'correct after 20 s', correct: true, responseTimeMs: 20_001, quality: 3 },
    { name: 'wrong after 5 s', correct: false, responseTimeMs: 12_000, quality: 2 },
    { name: 'wrong within 5 s', correct: false, responseTimeMs: 800, quality: 1 },
  ])('grades $name as $quality', ({ correct, responseTimeMs, quality }) => {
    expect(qualityOf({ correct, responseTimeMs })).toBe(quality);
  });

  it('grades every wrong answer as a failed recall (below 3)', () => {
    for (const responseTimeMs of [0, 5_000, 20_000, 3_600_000]) expect(qualityOf({ correct: false, responseTimeMs })).toBeLessThan(3);
  });
});

describe('review', () => {
  it.each([
    { quality: 5, easeFactor: 2.6 },
    { quality: 4, easeFactor: 2.5 },
    { quality: 3, easeFactor: 2.36 },
    { quality: 2, easeFactor: 2.18 },
    { quality: 1, easeFactor: 1.96 },
    { quality: 0, easeFactor: 1.7 },
  ] as const)('moves the E-Factor by EF + 0.1 - (5-q)(0.08 + (5-q)0.02) for quality $quality', ({ quality, easeFactor }) => {
    expect(review(INITIAL_STATE, quality).easeFactor).toBe(easeFactor);
  });

  it('follows hand-computed values for a sequence of answers', () => {
    expect(reviewAll([5, 5, 4, 3, 2, 4, 5, 5])).toEqual([
      { repetitions: 1, easeFactor: 2.6, intervalDays: 1 }, // I(1) = 1
      { repetitions: 2, easeFactor: 2.7, intervalDays: 6 }, // I(2) = 6
      { repetitions: 3, easeFactor: 2.7, intervalDays: 17 }, // ceil(6 * 2.7 = 16.2)
      { repetitions: 4, easeFactor: 2.56, intervalDays: 46 }, // ceil(17 * 2.7 = 45.9): the E-Factor before this update
      { repetitions: 0, easeFactor: 2.24, intervalDays: 1 }, // failed: start again, E-Factor kept (and updated)
      { repetitions: 1, easeFactor: 2.24, intervalDays: 1 },
      { repetitions: 2, easeFactor: 2.34, intervalDays: 6 },
      { repetitions: 3, easeFactor: 2.44, intervalDays: 15 }, // ceil(6 * 2.34 = 14.04)
    ]);
  });

  it('keeps exact products exact (no float error past the integer)', () => {
    expect(review({ repetitions: 4, easeFactor: 2.2, intervalDays: 10 }, 4).intervalDays).toBe(22);
    expect(review({ repetitions: 2, easeFactor: 2.5, intervalDays: 6 }, 4).intervalDays).toBe(15);
  });

  it('never lets the E-Factor fall below 1.3', () => {
    expect(review({ repetitions: 3, easeFactor: 1.4, intervalDays: 10 }, 3)).toEqual({ repetitions: 4, easeFactor: 1.3, intervalDays: 14 });
    expect(reviewAll([0, 0, 0, 0, 0]).at(-1)?.easeFactor).toBe(1.3);
    expect(reviewAll(Array<Quality>(20).fill(3)).every((state) => state.easeFactor >= 1.3)).toBe(true);
  });

  it('restarts the intervals at I(1), I(2) after a failed recall', () => {
    const [failed, first, second] = reviewAll([1, 4, 4], { repetitions: 5, easeFactor: 2.5, intervalDays: 40 });
    expect(failed).toEqual({ repetitions: 0, easeFactor: 1.96, intervalDays: 1 });
    expect(first).toEqual({ repetitions: 1, easeFactor: 1.96, intervalDays: 1 });
    expect(second).toEqual({ repetitions: 2, easeFactor: 1.96, intervalDays: 6 });
  });
});

describe('dueAt', () => {
  it('adds whole days to the review time', () => {
    expect(dueAt(new Date('2024-01-30T10:00:00.000Z'), 6)).toEqual(new Date('2024-02-05T10:00:00.000Z'));
    expect(dueAt(new Date('2024-01-30T10:00:00.000Z'), 0)).toEqual(new Date('2024-01-30T10:00:00.000Z'));
  });
});

describe('isMastered', () => {
  it('holds from an interval of six days', () => {
    expect(isMastered({ intervalDays: 5 })).toBe(false);
    expect(isMastered({ intervalDays: 6 })).toBe(true);
  });
});

describe('the interval cap', () => {
  it('stops intervals at MAX_INTERVAL_DAYS however often a concept is recalled', () => {
    let state = INITIAL_STATE;
    for (let i = 0; i < 100; i++) state = review(state, 5);
    expect(state.intervalDays).toBe(MAX_INTERVAL_DAYS);
    expect(dueAt(new Date('2026-01-01T00:00:00Z'), state.intervalDays).getUTCFullYear()).toBe(2035);
  });
});
