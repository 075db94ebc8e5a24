import DataLoader from 'dataloader';
import { and, eq, gte, inArray, max, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { BaseContext } from '../../runtime/subgraph/contract.js';
import { groupByKeys } from '../../runtime/subgraph/batch.js';
import { activityWindowStart, summarizeActivity, type ActivitySummary } from './activity.js';
import { USER_ACTIVITY, type AnalyticsTables } from '../../pipeline/tables.js';

type ActivityDay = Parameters<typeof summarizeActivity>[0][number];

/** Built per request by the context factory; never at module scope (it would leak rows across users). */
export function createLoaders({ deps: { db, cache } }: BaseContext, { activityDays }: AnalyticsTables) {
  const latest = alias(activityDays, 'latest');
  return {
    /** One statement per batch: each person's days in the window, plus its latest day (for `lastActiveAt` after a long break). */
    activityOf: new DataLoader<number, ActivitySummary>(async (userIds) => {
      const now = new Date();
      const lists = await cache.through<ActivityDay[]>(USER_ACTIVITY, userIds.map(String), async (misses) => {
        const ids = misses.map(Number);
        const latestDay = db.select({ day: max(latest.day) }).from(latest).where(eq(latest.userId, activityDays.userId));
        const rows = await db
          .select({ userId: activityDays.userId, day: activityDays.day, activeSeconds: activityDays.activeSeconds, lastEventAt: activityDays.lastEventAt })
          .from(activityDays)
          .where(and(inArray(activityDays.userId, ids), or(gte(activityDays.day, activityWindowStart(now)), eq(activityDays.day, latestDay))));
        return groupByKeys(ids, rows, (row) => row.userId);
      }, { shared: true });
      return lists.map((days) => summarizeActivity(days ?? [], now));
    }),
  };
}
