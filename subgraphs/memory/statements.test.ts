/**
 * What a submitted answer costs the database, by MariaDB's (MySQL's) own `Questions` counter: the
 * statements the server received, BEGIN and COMMIT included, not what our code thinks it sent.
 * The counter is per connection (`SHOW SESSION STATUS`), so this runtime's pools hold one
 * connection each (the reads' and the BEGIN-less writes'), and the request runs alone on them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRuntime, type AppRuntime } from '../../runtime/container/appDeps.js';
import { createEntityCache, type EntityCacheDeps } from '../../runtime/cache/entityCache.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { as, countStatements, expectNoErrors, REDIS_URL, runSubgraph, TEST_CONTEXT_SECRET, useTestDatabase } from '../../test/support/harness.js';
import { curriculumTables } from '../curriculum/tables.js';
import { datarightsTables } from '../datarights/tables.js';
import { memory } from './index.js';

const STUDENT = 7;
const ERASED_STUDENT = 8;
const apps = useTestDatabase({
  seed: {
    amal: async ({ deps: { db, app } }) => {
      const catalogue = curriculumTables(app);
      await db.insert(catalogue.concepts).values({ id: 1, lessonId: 1, position: 1, grade: 3, name: 'مفهوم', subject: 'MATH' });
      await db.insert(catalogue.contentBytes).values({ id: 11, conceptId: 1, kind: 'TRUE_FALSE', prompt: 'سؤال', choices: ['صح', 'خطأ'], answer: 'صح', difficulty: 0.5, locale: 'ar' });
      await db.insert(datarightsTables(app).erasedPeople).values({ userId: ERASED_STUDENT, erasureId: randomUUID(), erasedAt: new Date() });
    },
  },
});

let single: AppRuntime;
beforeAll(() => {
  single = createAppRuntime(
    { app: 'amal', databaseUrl: apps.url, redisUrl: REDIS_URL, redisKeyPrefix: apps.runtime().deps.redisKeyPrefix, contextSecrets: [TEST_CONTEXT_SECRET], logLevel: 'silent', databasePool: { connectionLimit: 1, queueLimit: 100, queryTimeoutMs: 5_000 } },
    { logger: createLogger('silent') },
  );
  // The counter is the connection's, so the cache's housekeeping on it (a drain every second, the
  // notes' batched drop 200 ms after a write) would land in a measured window now and then: here it
  // runs only when a spec calls it.
  const { app, db, redis, redisKeyPrefix } = single.deps;
  const transaction = single.database.transaction as EntityCacheDeps['transaction'];
  single.deps.cache = createEntityCache({ app, db, redis, transaction }, { keyPrefix: redisKeyPrefix, drainIntervalMs: 60_000, dropAppliedAfterMs: 60_000 });
});
afterAll(() => single.close());

const SUBMIT = 'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate memory { attempts dueAt } } }';
const submit = (userId: number, clientEventId: string) =>
  runSubgraph(memory, single, SUBMIT, {
    viewer: as.student(userId),
    variables: { input: { contentByteId: '11', correct: true, responseTimeMs: 3_000, answeredAt: new Date().toISOString(), clientEventId } },
  });

/** The server's Questions counter of each pool's one connection (the reads' and the writes'). */
async function questions(): Promise<number> {
  const read = async (query: () => Promise<unknown>) => Number(((await query()) as [{ Value: string }[]])[0][0]!.Value);
  const reads = await read(() => (single.database.pool as Pool).query("SHOW SESSION STATUS LIKE 'Questions'"));
  const writes = await read(() => single.database.transaction((tx) => tx.execute(sql`SHOW SESSION STATUS LIKE 'Questions'`)));
  return reads + writes;
}

/** MariaDB's count of what `run` sent, less what reading the counters costs (measured with nothing between). */
async function questionsOf(run: () => Promise<unknown>): Promise<number> {
  const [a, b] = [await questions(), await questions()];
  const overhead = b - a;
  const before = await questions();
  await run();
  return (await questions()) - before - overhead;
}

describe('a submitted answer, by the server’s own counter', () => {
  it('takes 5 statements, as the request metrics count them, BEGIN and COMMIT included', async () => {
    expectNoErrors(await submit(STUDENT, `warm-${randomUUID()}`)); // both pools connected, the log drained
    await single.deps.cache.dropAppliedNotes();
    let counted = 0;
    const server = await questionsOf(async () => {
      const { result, statements } = await countStatements(() => submit(STUDENT, `answer-${randomUUID()}`));
      expectNoErrors(result);
      expect((result.data as { submitAnswer: { duplicate: boolean; memory: { attempts: number } } }).submitAnswer).toMatchObject({ duplicate: false, memory: { attempts: 2 } });
      counted = statements;
    });
    expect(server).toBe(5);
    expect(counted).toBe(server);
    // The notes' batched drop: one statement for every write of the batch, outside the request.
    expect(await questionsOf(() => single.deps.cache.dropAppliedNotes())).toBe(1);
  });

  it('refuses an erased student in 3 statements (the insert that finds the tombstone, the read that tells why, ROLLBACK)', async () => {
    let errors: unknown;
    const server = await questionsOf(async () => {
      errors = (await submit(ERASED_STUDENT, `erased-${randomUUID()}`)).errors?.map((error) => error.extensions?.code);
    });
    expect(errors).toEqual(['UNAUTHENTICATED']);
    expect(server).toBe(3);
  });
});
