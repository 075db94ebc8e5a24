/**
 * Intent-named helpers for specs: a real database and Redis per test file, subgraphs run
 * in-process through the same signed-context path the gateway uses, viewers by role.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { execute, parse, type ExecutionResult } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { AppName } from '../../runtime/tenancy.js';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import type { BaseContext, SubgraphModule } from '../../runtime/subgraph/contract.js';
import { contextFromSignedHeader } from '../../runtime/subgraph/signIn.js';
import { subgraphSchema } from '../../runtime/subgraph/schema.js';
import { signContext, type Role, type Viewer } from '../../runtime/security/signedContext.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { getTableConfig, type MySqlTable } from 'drizzle-orm/mysql-core';
import type { RowDataPacket } from 'mysql2/promise';
import { createTestDatabase } from './database.js';
import { currentRequestMetrics, withRequestMetrics } from '../../runtime/observability/requestMetrics.js';

export const TEST_CONTEXT_SECRET = 'test-context-secret';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const viewer = (role: Role) => (id: number | string): Viewer => ({ kind: 'user', userId: String(id), role });
export const as = {
  student: viewer('STUDENT'),
  parent: viewer('PARENT'),
  teacher: viewer('TEACHER'),
  admin: viewer('ADMIN'),
  anonymous: { kind: 'anonymous' } as Viewer,
};

export interface TestApps {
  url: string;
  /** Per-app runtime (database pool, cache with a namespace unique to this file, Redis). */
  runtime(app?: AppName): AppRuntime;
  /** A second container of the same deployment: its own pool and L1 cache, the same database and Redis namespace. */
  anotherContainer(app?: AppName): AppRuntime;
}

/**
 * A fresh database for this file (all apps migrated), dropped after it, and a Redis namespace of
 * its own, emptied after it. `seed` runs once per app before the specs, e.g.
 * `useTestDatabase({ seed: { amal: seedDemo } })`. The specs start once the runtimes' Redis
 * clients are connected: they queue no commands while connecting, and a cache that finds Redis
 * away skips it for a while, which a spec about the Redis tier would read as a miss.
 */
export function useTestDatabase(options: { seed?: Partial<Record<AppName, (runtime: AppRuntime) => Promise<unknown>>> } = {}): TestApps {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const runtimes = new Map<AppName, AppRuntime>();
  const others: AppRuntime[] = [];
  const runtimeFor = (app: AppName, redisKeyPrefix: string) =>
    createAppRuntime(
      // A loaded CI machine can stall a worker longer than production's Redis timeout; the specs
      // about a slow or lost Redis build runtimes of their own with a short one.
      { app, databaseUrl: apps.url, redisUrl: REDIS_URL, redisKeyPrefix, contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', redisCommandTimeoutMs: 2_000 },
      { logger: createLogger('silent') },
    );
  const apps: TestApps = {
    get url() {
      if (!database) throw new Error('useTestDatabase: the database exists only inside specs (after beforeAll)');
      return database.url;
    },
    runtime(app = 'amal') {
      let runtime = runtimes.get(app);
      if (!runtime) {
        runtime = runtimeFor(app, `test:${randomUUID().slice(0, 8)}:`);
        runtimes.set(app, runtime);
      }
      return runtime;
    },
    anotherContainer(app = 'amal') {
      const other = runtimeFor(app, apps.runtime(app).deps.redisKeyPrefix);
      others.push(other);
      return other;
    },
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    apps.runtime(); // the default app's runtime, so its Redis client connects before the specs
    for (const [app, seed] of Object.entries(options.seed ?? {})) await seed?.(apps.runtime(app as AppName));
    for (const runtime of runtimes.values()) await redisSettled(runtime);
  }, 60_000);
  afterAll(async () => {
    for (const other of others) await other.close();
    for (const runtime of runtimes.values()) {
      await deleteRedisNamespace(runtime);
      await runtime.close();
    }
    await database?.drop();
  });
  return apps;
}

/**
 * Resolves once the runtime's Redis client is connected, has failed to connect, or after 2 s:
 * a container that starts now finds its Redis tier as it will stay.
 */
export async function redisSettled({ deps: { redis } }: AppRuntime): Promise<void> {
  if (!redis || redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      redis.off('ready', settle).off('error', settle);
      resolve();
    };
    const timer = setTimeout(settle, 2_000);
    redis.once('ready', settle).once('error', settle);
  });
}

/** Deletes what a runtime wrote to the shared Redis (cache, APQ, queues) under its file's prefix. */
async function deleteRedisNamespace({ deps: { redis, redisKeyPrefix } }: AppRuntime): Promise<void> {
  if (!redis || redis.status !== 'ready') return;
  const keys = await redis.keys(`${redisKeyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** Runs an operation against one subgraph in-process, signed as `viewer`, exactly as the gateway would call it. */
export async function runSubgraph<C extends BaseContext>(
  module: SubgraphModule<C>,
  runtime: AppRuntime,
  query: string,
  options: { viewer?: Viewer; variables?: Record<string, unknown> } = {},
): Promise<ExecutionResult> {
  const header = signContext({ viewer: options.viewer ?? as.anonymous, app: runtime.deps.app, requestId: randomUUID() }, { audience: module.name, secret: TEST_CONTEXT_SECRET });
  const contextValue = contextFromSignedHeader(module, runtime.deps, header);
  return execute({
    schema: subgraphSchema(module as SubgraphModule<never>),
    document: parse(query),
    contextValue,
    variableValues: options.variables,
  }) as Promise<ExecutionResult>;
}

/** Asserts the result failed with exactly this `extensions.code` (first error). */
export function expectErrorCode(result: { errors?: readonly { extensions?: Record<string, unknown> }[] }, code: string): void {
  expect(result.errors?.map((error) => error.extensions?.code)).toContain(code);
}

export function expectNoErrors(result: { errors?: readonly unknown[] }): void {
  expect(result.errors ?? []).toEqual([]);
}

/** SQL statements `fn` issued through the app's drizzle handle. */
/**
 * The SQL statements `fn` issues, counted as a request counts them: a drain of the invalidation log
 * that a lookup inside it triggers is the container's, not the request's (runtime/cache).
 */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  return withRequestMetrics(async () => {
    const result = await fn();
    return { result, statements: currentRequestMetrics()?.statements ?? 0 };
  });
}

/** A fingerprint of every table of the app: equal before and after means nothing was written. */
export async function tableFingerprint(runtime: AppRuntime): Promise<string> {
  // Notes of earlier writes are dropped in batches (runtime/cache/entityCache.ts): now, not mid-comparison.
  await runtime.deps.cache.dropAppliedNotes();
  const { pool } = runtime.database;
  // Base tables only: a view (the relationships read model) holds no rows of its own.
  const [tables] = await pool.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME LIKE ? ORDER BY TABLE_NAME", [`${runtime.deps.app}\\_%`]);
  const names = (tables as { name: string }[]).map((t) => `\`${t.name}\``).join(', ');
  const [sums] = await pool.query(`CHECKSUM TABLE ${names}`);
  return JSON.stringify(sums);
}

/** Asserts the migrations created each drizzle table with its app prefix, exactly its columns and their nullability. */
export async function expectMigrated(runtime: AppRuntime, tables: readonly MySqlTable[]): Promise<void> {
  for (const table of tables) {
    const config = getTableConfig(table);
    expect(config.name.startsWith(`${runtime.deps.app}_`)).toBe(true);
    const [columns] = await runtime.database.pool.query<RowDataPacket[]>(
      'SELECT COLUMN_NAME AS name, IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
      [config.name],
    );
    expect(columns.map((c) => c.name).sort(), config.name).toEqual(config.columns.map((c) => c.name).sort());
    for (const column of config.columns) {
      expect(columns.find((c) => c.name === column.name)?.nullable, `${config.name}.${column.name}`).toBe(column.notNull ? 'NO' : 'YES');
    }
  }
}
