import { describe, expect, it } from 'vitest';
import { ACTIVITY_WINDOW_DAYS, summarizeActivity, type ActivityDay } from './activity.js';

const NOW = new Date('2025-03-10T08:00:00Z');
const day = (date: string, activeSeconds = 60): ActivityDay => ({ day: date, activeSeconds, lastEventAt: new Date(`${date}T07:30:00Z`) });

describe('summarizeActivity', () => {
  it('reports nothing for no activity', () => {
    expect(summarizeActivity([], NOW)).toEqual({ streakDays: 0, minutesThisWeek: 0, lastActiveAt: null });
  });

  it('counts a streak ending today', () => {
    expect(summarizeActivity([day('2025-03-10'), day('2025-03-09'), day('2025-03-08'), day('2025-03-06')], NOW).streakDays).toBe(3);
  });

  it('counts a streak ending yesterday, since today is not over', () => {
    expect(summarizeActivity([day('2025-03-09'), day('2025-03-08')], NOW).streakDays).toBe(2);
  });

  it('has no streak when the last activity was two days ago', () => {
    expect(summarizeActivity([day('2025-03-08'), day('2025-03-07')], NOW).streakDays).toBe(0);
  });

  it('caps the streak at the window it reads', () => {
    const days = Array.from({ length: 90 }, (_, i) => day(new Date(NOW.getTime() - i * 86_400_000).toISOString().slice(0, 10)));
    expect(summarizeActivity(days, NOW).streakDays).toBe(ACTIVITY_WINDOW_DAYS);
  });

  it('sums the last 7 days including today, in whole minutes rounded down', () => {
    const summary = summarizeActivity([day('2025-03-10', 100), day('2025-03-04', 79), day('2025-03-03', 6_000)], NOW);
    expect(summary.minutesThisWeek).toBe(2);
  });

  it('takes the latest event as lastActiveAt, whatever the row order', () => {
    expect(summarizeActivity([day('2025-03-01'), day('2025-03-05'), day('2025-03-02')], NOW).lastActiveAt).toEqual(new Date('2025-03-05T07:30:00Z'));
  });
});
