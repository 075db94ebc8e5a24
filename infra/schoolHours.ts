/**
 * When schools are open, in their own time zone: what the scheduled warmth of the stack follows
 * (provisioned concurrency raised and lowered, the warmer's pings). Every schedule built from it
 * carries the time zone, so daylight-saving time moves it with the schools, not with UTC.
 */
export interface SchoolHours {
  /** An IANA time zone, as Application Auto Scaling and EventBridge Scheduler take it. */
  readonly timeZone: string;
  /** School days in cron's day-of-week form: a range (`SUN-THU`) or a list (`MON,TUE,WED`). */
  readonly days: string;
  readonly opensAt: TimeOfDay;
  readonly closesAt: TimeOfDay;
}

export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/** Saudi schools (both apps' first schools): Sunday to Thursday; warm from 05:30, before the first lessons, to 15:00. */
export const SCHOOL_HOURS_DEFAULTS: SchoolHours = {
  timeZone: 'Asia/Riyadh',
  days: 'SUN-THU',
  opensAt: { hour: 5, minute: 30 },
  closesAt: { hour: 15, minute: 0 },
};

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export const SCHOOL_DAYS_FORM = `a range or a comma-separated list of ${DAY_NAMES.join(', ')} (SUN-THU, MON-FRI, MON,WED,FRI)`;
export const SCHOOL_HOURS_FORM = 'HH:MM-HH:MM in the school time zone, opening before closing (05:30-15:00)';

/** A zone of the IANA database (which AWS uses too) as the runtime's Intl spells it; `undefined` when Intl knows no such zone. */
export function parseTimeZone(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function parseSchoolDays(value: string): string | undefined {
  const days = value.trim().toUpperCase();
  const isDay = (day: string) => (DAY_NAMES as readonly string[]).includes(day);
  const range = /^([A-Z]{3})-([A-Z]{3})$/.exec(days);
  if (range) return isDay(range[1]!) && isDay(range[2]!) ? days : undefined;
  return days.split(',').every(isDay) ? days : undefined;
}

export function parseOpeningHours(value: string): Pick<SchoolHours, 'opensAt' | 'closesAt'> | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [opensAt, closesAt] = [[match[1], match[2]], [match[3], match[4]]].map(([hour, minute]) => ({ hour: Number(hour), minute: Number(minute) }));
  const valid = (t: TimeOfDay) => t.hour <= 23 && t.minute <= 59;
  const minutes = (t: TimeOfDay) => t.hour * 60 + t.minute;
  if (!valid(opensAt!) || !valid(closesAt!) || minutes(opensAt!) >= minutes(closesAt!)) return undefined;
  return { opensAt: opensAt!, closesAt: closesAt! };
}

/** The cron fields of `time` on school days, for `Schedule.cron` / `ScheduleExpression.cron` (with the time zone beside them). */
export function cronAt(hours: SchoolHours, time: TimeOfDay) {
  return { minute: String(time.minute), hour: String(time.hour), weekDay: hours.days };
}

/**
 * The cron fields of "every `minutes` minutes while schools are open": whole hours from the opening
 * hour to the last hour before closing (05:30-15:00 gives 05:00-14:55: a few pings early, none late).
 */
export function cronEvery(hours: SchoolHours, minutes: number) {
  const lastHour = hours.closesAt.minute === 0 ? hours.closesAt.hour - 1 : hours.closesAt.hour;
  const hour = lastHour === hours.opensAt.hour ? String(lastHour) : `${hours.opensAt.hour}-${lastHour}`;
  return { minute: `0/${minutes}`, hour, weekDay: hours.days };
}

export const formatTime = (t: TimeOfDay) => `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
