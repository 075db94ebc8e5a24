/**
 * What one request cost and read: SQL statements issued, cache lookups, the duration of each
 * subgraph call, the GraphQL errors of its answer and the cache keys it was read from, across
 * every subgraph it reaches in-process. The HTTP front and the Lambda handler open a scope per
 * request; the drizzle logger and the entity cache record into whichever scope is current
 * (AsyncLocalStorage follows the request through awaits and DataLoader batches).
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
  /** What the answer was read from: what the gateway's response cache needs to know (gateway/plugins/responseCache.ts). */
  reads: ReadLog;
  /** What the gateway's response cache did with this request. */
  responseCache?: 'hit' | 'stored' | 'not-stored';
}

/**
 * The entity cache keys an answer was built from. `untracked`: some read did not go through the
 * entity cache (a statement outside a cache fill, or a subgraph that does not report its reads),
 * so no write could be traced to the answer and it must not be kept.
 */
export interface ReadLog {
  keys: Set<string>;
  untracked: boolean;
}

/** The extension in which a subgraph in another process lists the keys its answer was read from. */
export const READS_EXTENSION = 'cacheKeysRead';

const scopes = new AsyncLocalStorage<RequestMetrics>();
/** Set while the entity cache loads its misses: statements then are reads it tracks. */
const cacheFills = new AsyncLocalStorage<true>();

export function withRequestMetrics<T>(run: () => T): T {
  return scopes.run({ statements: 0, cacheHits: 0, cacheMisses: 0, graphqlErrors: 0, subgraphMs: {}, reads: { keys: new Set(), untracked: false } }, run);
}

export function recordStatement(): void {
  const metrics = scopes.getStore();
  if (!metrics) return;
  metrics.statements++;
  if (!cacheFills.getStore()) metrics.reads.untracked = true;
}

/** Runs the entity cache's load of its misses: its statements are reads of keys already recorded. */
export function asCacheFill<T>(load: () => T): T {
  return cacheFills.run(true, load);
}

export function recordCacheKeysRead(keys: readonly string[]): void {
  const reads = scopes.getStore()?.reads;
  if (reads) for (const key of keys) reads.keys.add(key);
}

/** The reads a subgraph in another process reported; absent, the answer cannot be traced. */
export function recordReportedReads(keys: readonly string[] | undefined): void {
  const reads = scopes.getStore()?.reads;
  if (!reads) return;
  if (keys) for (const key of keys) reads.keys.add(key);
  else reads.untracked = true;
}

export function recordResponseCache(outcome: NonNullable<RequestMetrics['responseCache']>): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.responseCache = outcome;
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

export function recordGraphQLErrors(count: number): void {
  const metrics = scopes.getStore();
  if (metrics) metrics.graphqlErrors += count;
}

/** The current request's figures so far; undefined outside a scope. */
export function currentRequestMetrics(): Readonly<RequestMetrics> | undefined {
  return scopes.getStore();
}
