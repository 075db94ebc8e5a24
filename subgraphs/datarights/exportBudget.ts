/**
 * How many data exports one requester and one child may take: `childDataExport` answers at most
 * `perRequester` exports an hour to one requester (a parent, an admin) and at most `perChild` of
 * one child, whoever asks, counted in Redis across every container (runtime/security/rateLimiter.ts).
 * The limits are configuration (`RATE_LIMIT_EXPORTS_PER_HOUR`, `RATE_LIMIT_CHILD_EXPORTS_PER_HOUR`;
 * `RATE_LIMITS=off`: none), as the other budgets are.
 *
 * Threat model: an export reads every table holding the child and its copies in the lake; a
 * script with a parent's token (or fifteen aliases of the field in one request) must not turn it
 * into load on the database and the bucket. Each export is counted, aliases included, before it
 * reads anything; one beyond a budget is refused with `RATE_LIMITED` and the wait in
 * `retryAfterSeconds`, on that field only (the request still answers 200 with the exports that
 * fit). The child's counter is kept under its user id (`rate:child-exports:user:<id>`), so an
 * erasure's cache step deletes it with the child's other counters. Redis down: no limit (the
 * budgets fail open, like every rate limit here).
 */
import { clientError, ErrorCode } from '../../runtime/errors.js';
import { createRateLimiter, userCaller, type RateLimiter } from '../../runtime/security/rateLimiter.js';
import type { AppDeps } from '../../runtime/container/appDeps.js';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits } from '../../runtime/config.js';

/** The budgets without configuration, which the specs count against. */
export const EXPORT_BUDGET: ExportLimits = DEFAULT_EXPORT_LIMITS;
const WINDOW_SECONDS = 3_600;
/** The wait for Redis before an export passes unchecked, as for the request budgets. */
const TIMEOUT_MS = 100;

const limiters = new WeakMap<AppDeps, { requester: RateLimiter; child: RateLimiter }>();

function limitersOf(deps: AppDeps, budget: ExportLimits) {
  let built = limiters.get(deps);
  if (!built || built.requester.points !== budget.perRequester || built.child.points !== budget.perChild) {
    const common = { redis: deps.redis, keyPrefix: deps.redisKeyPrefix, app: deps.app, windowSeconds: WINDOW_SECONDS, timeoutMs: TIMEOUT_MS, logger: deps.logger };
    built = {
      requester: createRateLimiter({ ...common, name: 'exports', points: budget.perRequester }),
      child: createRateLimiter({ ...common, name: 'child-exports', points: budget.perChild }),
    };
    limiters.set(deps, built);
  }
  return built;
}

const refused = (message: string, retryAfterSeconds: number) =>
  clientError(ErrorCode.RATE_LIMITED, `${message}; try again in ${retryAfterSeconds} s`, { extensions: { retryAfterSeconds } });

/** Takes one export from the requester's budget, then from the child's; RATE_LIMITED when either is spent; no limits, no count. */
export async function takeExport(deps: AppDeps, requesterId: string, childId: number): Promise<void> {
  const budget = deps.exportLimits;
  if (!budget) return;
  const { requester, child } = limitersOf(deps, budget);
  const mine = await requester.take(userCaller(requesterId));
  if (mine.granted < 1) throw refused(`Over the limit of ${budget.perRequester} data exports an hour`, mine.retryAfterSeconds);
  const theirs = await child.take(userCaller(childId));
  if (theirs.granted < 1) throw refused(`Over the limit of ${budget.perChild} exports of one child an hour`, theirs.retryAfterSeconds);
}
