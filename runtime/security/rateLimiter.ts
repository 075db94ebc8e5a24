/**
 * Budgets of points per caller and window, kept in Redis (rate-limiter-flexible's RateLimiterRedis:
 * one atomic INCRBY with an expiry per call, a fixed window) so that every container of the app
 * counts against the same budget.
 *
 * Threat model: one caller (a script holding a real token, a flood from one address) must not use
 * up the capacity every child shares. The budgets protect capacity; they are never a reason for a
 * learner's request to fail, so a budget Redis cannot tell within `timeoutMs` (down, slow, not
 * connected) is granted: fail open, logged once per outage and counted in the request's figures
 * (`RateLimitFailedOpen`). API Gateway's stage throttling still holds then (infra/constructs/Api.ts).
 */
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { errorChain, LearningGraphError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { recordRateLimit } from '../observability/requestMetrics.js';
import type { AppName } from '../tenancy.js';

export interface RateLimiterOptions {
  /** Absent: running without Redis, so without limits. */
  redis: Redis | undefined;
  keyPrefix: string;
  app: AppName;
  /** Names the budget in its keys and logs: `<keyPrefix><app>:rate:<name>:<caller>`. */
  name: string;
  /** Points one caller may take per window. */
  points: number;
  /** @default 60 */
  windowSeconds?: number;
  /** Longest wait for Redis before the points are granted unchecked. */
  timeoutMs: number;
  logger: Logger;
}

/** The caller a signed-in user's budgets are kept under (anyone else is counted by address). */
export const userCaller = (userId: number | string) => `user:${userId}`;

/** SCAN pattern of a caller's counters in every budget of the app (rate-limiter-flexible joins prefix and caller with `:`). */
export const callerBudgetsPattern = (keyPrefix: string, app: AppName, caller: string) => `${keyPrefix}${app}:rate:*:${caller}`;

export interface Grant {
  /** Points granted, from 0 to those asked for. */
  granted: number;
  /** When fewer were granted: whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly points: number;
  /** Takes up to `points` (default 1) from the caller's budget; never throws. */
  take(caller: string, points?: number): Promise<Grant>;
}

class BudgetTimeout extends LearningGraphError {
  override readonly name = 'BudgetTimeout';
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { redis, name, points, timeoutMs, logger } = options;
  if (!redis) return { points, take: async (_caller, asked = 1) => ({ granted: asked, retryAfterSeconds: 0 }) };
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${options.keyPrefix}${options.app}:rate:${name}`,
    points,
    duration: options.windowSeconds ?? 60,
    // ioredis queues nothing offline (runtime/clients/redis.ts); this skips even the attempt.
    rejectIfRedisNotReady: true,
  });
  let failingOpen = false;
  return {
    points,
    async take(caller, asked = 1) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new BudgetTimeout(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs)));
        await Promise.race([limiter.consume(caller, asked), timeout]);
        if (failingOpen) logger.info('rate_limit.recovered', { limiter: name });
        failingOpen = false;
        return { granted: asked, retryAfterSeconds: 0 };
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          // The window's count includes this call's points; what was left before it is granted.
          const left = points - (outcome.consumedPoints - asked);
          return { granted: Math.max(0, Math.min(asked, left)), retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
        }
        recordRateLimit('failed-open');
        if (!failingOpen) logger.warn('rate_limit.unavailable', { limiter: name, message: errorChain(outcome), effect: 'requests pass without this limit until Redis answers' });
        failingOpen = true;
        return { granted: asked, retryAfterSeconds: 0 };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
