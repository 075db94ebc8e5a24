/** A person's activity summary, computed from its `activity_days` rows (one per UTC day). */
import { utcDay } from '../../pipeline/event/clock.js';

export interface ActivitySummary {
  /** Consecutive UTC days with activity ending today or yesterday; at most `ACTIVITY_WINDOW_DAYS`. */
  streakDays: number;
  /** Active seconds of the last 7 UTC days (today included) / 60, rounded down. */
  minutesThisWeek: number;
  lastActiveAt: Date | null;
}

export interface ActivityDay {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  activeSeconds: number;
  lastEventAt: Date;
}

/** Days of history read per person; bounds the rows an `_entities` batch reads (and the longest streak shown). */
export const ACTIVITY_WINDOW_DAYS = 60;

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => utcDay(new Date(now.getTime() - days * DAY_MS));

/** The first day of the window ending today. */
export const activityWindowStart = (now = new Date()) => daysBefore(now, ACTIVITY_WINDOW_DAYS - 1);

export function summarizeActivity(days: readonly ActivityDay[], now = new Date()): ActivitySummary {
  const active = new Set(days.map((row) => row.day));
  let streakDays = 0;
  let back = active.has(daysBefore(now, 0)) ? 0 : 1;
  while (streakDays < ACTIVITY_WINDOW_DAYS && active.has(daysBefore(now, back))) {
    streakDays++;
    back++;
  }

  const weekStart = daysBefore(now, 6);
  const secondsThisWeek = days.reduce((sum, row) => (row.day >= weekStart ? sum + row.activeSeconds : sum), 0);

  const lastActiveAt = days.reduce<Date | null>((last, row) => (last === null || row.lastEventAt > last ? row.lastEventAt : last), null);
  return { streakDays, minutesThisWeek: Math.floor(secondsThisWeek / 60), lastActiveAt };
}
