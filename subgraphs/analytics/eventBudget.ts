/**
 * `recordEvents` takes at most `analytics.eventBudget.perMinute` events of one learner a minute,
 * counted in events, not calls, across every container (runtime/security/rateLimiter.ts; Redis down: no limit).
 *
 * Threat model: a device (or a script with a child's token) flooding the queue and the rollups.
 * The events are always the viewer's own, so the viewer's user id is the child's budget. The call
 * still answers 200: the events within the budget are stored and each one beyond it comes back as
 * a `RATE_LIMITED`, retryable rejection by index, the shape apps already handle for UNAVAILABLE,
 * so an app flushing an offline backlog keeps exactly the events refused and sends them later.
 */
import { createRateLimiter, type RateLimiter } from '../../runtime/security/rateLimiter.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import type { ValidatedBatch } from './events.js';

const budgets = new WeakMap<AppDeps, RateLimiter | null>();

/** One limiter per container and app, built on first use. */
function budgetOf(deps: AppDeps): RateLimiter | null {
  let budget = budgets.get(deps);
  if (budget === undefined) {
    const settings = deps.analytics.eventBudget;
    budget = settings
      ? createRateLimiter({ redis: deps.redis, keyPrefix: deps.redisKeyPrefix, app: deps.app, name: 'events', points: settings.perMinute, timeoutMs: settings.timeoutMs, logger: deps.logger })
      : null;
    budgets.set(deps, budget);
  }
  return budget;
}

/** The batch with its valid events beyond the learner's budget moved to the rejections (the last ones of the call). */
export async function withinEventBudget(deps: AppDeps, userId: string, batch: ValidatedBatch): Promise<ValidatedBatch> {
  const budget = budgetOf(deps);
  if (!budget || batch.valid.length === 0) return batch;
  const { granted, retryAfterSeconds } = await budget.take(`user:${userId}`, batch.valid.length);
  if (granted === batch.valid.length) return batch;
  const message = `Over the limit of ${budget.points} events a minute; keep the event and send it again in ${retryAfterSeconds} s`;
  const refused = batch.positions.slice(granted).map((index) => ({ index, code: 'RATE_LIMITED' as const, message, retryable: true }));
  return { valid: batch.valid.slice(0, granted), positions: batch.positions.slice(0, granted), rejections: [...batch.rejections, ...refused] };
}
