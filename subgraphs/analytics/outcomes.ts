/** Learning outcomes of a classroom: per concept results of its students over a range of UTC days. */
import { and, asc, between, countDistinct, eq, isNotNull, sum } from 'drizzle-orm';
import type { Database } from '../../runtime/clients/mysql.js';
import { badUserInput } from '../../runtime/errors.js';
import type { AppName } from '../../runtime/tenancy.js';
import { usersTables } from '../users/tables.js';
import { utcDay } from '../../pipeline/event/clock.js';
import { analyticsTables } from '../../pipeline/tables.js';

export interface ConceptOutcomeRow {
  conceptId: number;
  attempts: number;
  correct: number;
  /** Distinct students of the classroom who answered the concept. */
  students: number;
}

export const MAX_OUTCOME_RANGE_DAYS = 366;

/** The inclusive UTC day range of `from`..`to`, or BAD_USER_INPUT echoing the dates. */
export function outcomeDays(from: Date, to: Date): { fromDay: string; toDay: string } {
  const echo = `from "${from.toISOString()}", to "${to.toISOString()}"`;
  if (from > to) throw badUserInput(`from must not be after to; got ${echo}`, { argument: 'from' });
  if (to.getTime() - from.getTime() > MAX_OUTCOME_RANGE_DAYS * 86_400_000) {
    throw badUserInput(`The range from..to may span at most ${MAX_OUTCOME_RANGE_DAYS} days; got ${echo}`, { argument: 'to' });
  }
  return { fromDay: utcDay(from), toDay: utcDay(to) };
}

/** One statement: the classroom's consented enrolments joined with their answers, grouped by concept. */
export async function classroomOutcomes(db: Database, app: AppName, classroomId: number, days: { fromDay: string; toDay: string }): Promise<ConceptOutcomeRow[]> {
  const { enrolments } = usersTables(app);
  const { conceptOutcomes } = analyticsTables(app);
  return db
    .select({
      conceptId: conceptOutcomes.conceptId,
      attempts: sum(conceptOutcomes.attempts).mapWith(Number),
      correct: sum(conceptOutcomes.correct).mapWith(Number),
      students: countDistinct(conceptOutcomes.userId),
    })
    .from(enrolments)
    .innerJoin(conceptOutcomes, eq(conceptOutcomes.userId, enrolments.studentId))
    .where(and(eq(enrolments.classroomId, classroomId), isNotNull(enrolments.consentedBy), between(conceptOutcomes.day, days.fromDay, days.toDay)))
    .groupBy(conceptOutcomes.conceptId)
    .orderBy(asc(conceptOutcomes.conceptId));
}
