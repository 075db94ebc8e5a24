/**
 * What one request cost, in figures only: SQL statements issued, cache lookups, the duration of
 * each subgraph call, the GraphQL errors of its answer and what the response cache did, across
 * every subgraph it reaches in-process. The HTTP front and the Lambda handler open a scope per
 * request; the drizzle logger and the entity cache record into whichever scope is current
 * (AsyncLocalStorage follows the request through awaits and DataLoader batches). What an answer
 * was read from is the read log's (runtime/cache/readLog.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestMetrics {
  statements: number;
  cacheHits: number;
  cacheMisses: number;
  /** Errors in the GraphQL answer. */
  graphqlErrors: number;
  /** The duration of each subgraph call the gateway made, by subgraph, in ms. */
  subgraphMs: Record<string, number[]>;
  /** Subgraph fetches answered by an identical call another request had in flight, by subgraph (gateway/datasources/sharedFetches.ts). */
  sharedFetches: Record<string, number>;
  /** What the gateway's response cache did with this request. */
  responseCache?: 'hit' | 'stored' | 'not-stored';
  /** A rate limit refused the request, or could not be checked and let it through (runtime/security/rateLimiter.ts). */
  rateLimit?: 'limited' | 'failed-open';
  /** The operation's cost estimated before it ran, by the gateway's demand control (gateway/demandControl.ts). */
  costEstimated?: number;
  /** The same rules counted on the answer it got (Apollo Router's "actual" cost). */
  costActual?: number;
}

const scopes = new AsyncLocalStorage<RequestMetrics>();

export function withRequestMetrics<T>(run: () => T): T {
  return scopes.run({ statements: 0, cacheHits: 0, cacheMisses: 0, graphqlErrors: 0, subgraphMs: {}, sharedFetches: {} }, run);
}

export function recordStatement(): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.statements++;
}

export function recordResponseCache(outcome: NonNullable<RequestMetrics['responseCache']>): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.responseCache = outcome;
}

export function recordRateLimit(outcome: NonNullable<RequestMetrics['rateLimit']>): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.rateLimit = outcome;
}

export function recordCost(cost: Pick<RequestMetrics, 'costEstimated' | 'costActual'>): void {
  const metrics = scopes.getStore();
  if (metrics) Object.assign(metrics, cost);
}

export function recordCacheLookups(hits: number, misses: number): void {
  const metrics = scopes.getStore();
  if (!metrics) return;
  metrics.cacheHits += hits;
  metrics.cacheMisses += misses;
}

export function recordSubgraphCall(subgraph: string, ms: number): void {
  const metrics = scopes.getStore();
  if (metrics) (metrics.subgraphMs[subgraph] ??= []).push(Math.round(ms));
}

export function recordSharedFetch(subgraph: string): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.sharedFetches[subgraph] = (metrics.sharedFetches[subgraph] ?? 0) + 1;
}

export function recordGraphQLErrors(count: number): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.graphqlErrors += count;
}

/** Runs outside any request's figures: the container's own housekeeping costs no request. */
export function outsideRequestMetrics<T>(run: () => T): T {
  return scopes.exit(run);
}

/** The current request's figures so far; undefined outside a scope. */
export function currentRequestMetrics(): Readonly<RequestMetrics> | undefined {
  return scopes.getStore();
}
