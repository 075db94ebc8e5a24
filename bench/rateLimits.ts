/**
 * Budgets no benchmark's load reaches (one viewer sends thousands of requests a minute): the
 * gateway's rate limiter still checks every request in Redis, so its cost stays in the figures,
 * but it refuses nothing, so no figure is of 429s.
 */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_ANONYMOUS_REQUESTS_PER_MINUTE: '1000000',
  RATE_LIMIT_MUTATIONS_PER_MINUTE: '1000000',
  RATE_LIMIT_EVENTS_PER_MINUTE: '10000000',
  RATE_LIMIT_EXPORTS_PER_HOUR: '1000000',
  RATE_LIMIT_CHILD_EXPORTS_PER_HOUR: '1000000',
};
