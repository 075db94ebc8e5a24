/**
 * The read log: which entity cache keys one request's answer was read from, so the gateway's
 * response cache can tell which writes end it. The HTTP front and the Lambda handler open one per
 * request; the entity cache and the drizzle logger record into it (AsyncLocalStorage follows the
 * request through awaits and DataLoader batches). A subgraph in another process reports its log in
 * the answer's `extensions[READS_EXTENSION]`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * `untracked`: some read did not go through the entity cache (a statement outside a cache fill, or
 * a subgraph that does not report its reads), so no write could be traced to the answer and it
 * must not be kept.
 */
export interface ReadLog {
  keys: Set<string>;
  untracked: boolean;
}

export const READS_EXTENSION = 'cacheKeysRead';

const logs = new AsyncLocalStorage<ReadLog>();
/** Set while the entity cache loads its misses: statements then are reads of keys it recorded. */
const cacheFills = new AsyncLocalStorage<true>();

export function withReadLog<T>(run: () => T): T {
  return logs.run({ keys: new Set(), untracked: false }, run);
}

/** The current request's read log; undefined outside one. */
export function currentReadLog(): Readonly<ReadLog> | undefined {
  return logs.getStore();
}

/** Runs outside any request's read log: the container's own housekeeping reads none for a request. */
export function outsideReadLog<T>(run: () => T): T {
  return logs.exit(() => cacheFills.exit(run));
}

/** Runs the entity cache's load of its misses: its statements are reads of keys already recorded. */
export function asCacheFill<T>(load: () => T): T {
  return cacheFills.run(true, load);
}

export function recordKeysRead(keys: readonly string[]): void {
  const log = logs.getStore();
  if (log) for (const key of keys) log.keys.add(key);
}

/** An SQL statement ran: outside a cache fill, it is a read no written marker covers. */
export function recordStatementRead(): void {
  const log = logs.getStore();
  if (log && !cacheFills.getStore()) log.untracked = true;
}

/** Adds the reads of a log kept apart (one subgraph call shared by several requests) to the current request's. */
export function recordReadsOf(other: Readonly<ReadLog>): void {
  const log = logs.getStore();
  if (!log) return;
  for (const key of other.keys) log.keys.add(key);
  log.untracked ||= other.untracked;
}

/** The reads a subgraph in another process reported; absent, the answer cannot be traced. */
export function recordReportedReads(keys: readonly string[] | undefined): void {
  const log = logs.getStore();
  if (!log) return;
  if (keys) for (const key of keys) log.keys.add(key);
  else log.untracked = true;
}
