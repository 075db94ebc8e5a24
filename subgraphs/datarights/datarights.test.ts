import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { RowDataPacket } from 'mysql2/promise';
import type { AppRuntime } from '../../runtime/container/appDeps.js';
import { DEFAULT_RATE_LIMITS } from '../../runtime/config.js';
import { scanKeys } from '../../runtime/clients/redisScan.js';
import { DEMO } from '../../seed/demoIds.js';
import { seedDemo } from '../../seed/demo.js';
import { as, useTestDatabase } from '../../test/support/harness.js';
import { useGateway } from '../../test/support/gateway.js';
import { createEventConsumer } from '../../pipeline/consumer.js';
import type { QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { createDirectoryLake } from '../../pipeline/lake/directory.js';
import { writeOutbox } from '../analytics/outbox.js';
import { eventQueueFor } from '../../pipeline/queue/index.js';
import { replayFromLake } from '../../pipeline/replay.js';
import { markSeen } from '../analytics/seen.js';
import { analyticsTables } from '../../pipeline/tables.js';
import { usersTables } from '../users/tables.js';
import { eraseChild, erasureSteps, type ErasureStep } from './coordinator.js';
import { datarightsTables } from './tables.js';

const lakeDir = mkdtempSync(join(tmpdir(), 'lg-datarights-lake-'));
afterAll(() => rmSync(lakeDir, { recursive: true, force: true }));

const ERASED = DEMO.children[0];
const SIBLING = DEMO.children[1];
/** Another family: a parent of a classmate. */
const OTHER_PARENT = 41;
const OTHER_CHILD = DEMO.classroomStudents[2]!;
const ERASED_NAME = 'Erasable Child Marker';

const apps = useTestDatabase({
  seed: {
    amal: async (runtime) => {
      await seedDemo(runtime);
      const { users, guardianships } = usersTables('amal');
      const now = new Date();
      await runtime.deps.db.update(users).set({ displayName: ERASED_NAME }).where(eq(users.id, ERASED));
      await runtime.deps.db.insert(users).values({ id: OTHER_PARENT, displayName: 'Other parent', role: 'PARENT', locale: 'ar', grade: null, createdAt: now, updatedAt: now });
      await runtime.deps.db.insert(guardianships).values({ parentId: OTHER_PARENT, childId: OTHER_CHILD });
    },
  },
});

let withLake: AppRuntime | undefined;
/** The app's runtime with the lake in a temporary directory. */
const runtime = (): AppRuntime => {
  const base = apps.runtime();
  withLake ??= { ...base, deps: { ...base.deps, analytics: { ...base.deps.analytics, lake: { kind: 'directory', dir: lakeDir } } } };
  return withLake;
};
// Rate limits on, so that the child's requests leave budget counters for the erasure to delete.
const graph = useGateway(apps, { runtime, rateLimits: DEFAULT_RATE_LIMITS });

const DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const event = (userId: number, i: number): QueuedEvent => ({
  userId, clientEventId: `dr-${userId}-${i}`, type: 'ANSWER_SUBMITTED', occurredAt: `${DAY}T08:${String(10 + i).padStart(2, '0')}:00.000Z`, durationMs: 9_000, conceptId: 1 + i, correct: i % 2 === 0,
});

const EXPORT = 'query($id: ID!) { childDataExport(childId: $id) { formatVersion exportedAt json } }';
const ERASE = 'mutation($id: ID!) { eraseChild(childId: $id) { erasureId requestedAt completedAt steps } }';

async function exportOf(childId: number, viewer = as.parent(DEMO.parent)) {
  const { body } = await graph.query(EXPORT, { variables: { id: String(childId) }, as: viewer });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return JSON.parse(body.data!.childDataExport.json as string) as Record<string, any>;
}
const withoutTime = ({ exportedAt: _, ...rest }: Record<string, unknown>) => rest;

/** Every line of every events object in the lake folder (tombstones apart). */
function lakeLines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.gz')) lines.push(...gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter(Boolean));
    }
  };
  walk(lakeDir);
  return lines;
}
const linesOf = (userId: number) => lakeLines().filter((line) => JSON.parse(line).userId === userId);

/** Rows holding the person in any person column of any table of any app (the suppression list apart). */
async function rowsNaming(userId: number): Promise<string[]> {
  const { pool } = apps.runtime().database;
  const [columns] = await pool.query<RowDataPacket[]>(
    `SELECT c.TABLE_NAME AS tableName, c.COLUMN_NAME AS columnName FROM information_schema.COLUMNS c
       JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'
     WHERE c.TABLE_SCHEMA = DATABASE()
       AND (c.COLUMN_NAME IN ('user_id', 'child_id', 'parent_id', 'student_id', 'teacher_id', 'owner_id', 'requested_by', 'consented_by') OR (c.TABLE_NAME LIKE '%\\_users' AND c.COLUMN_NAME = 'id'))`);
  const found: string[] = [];
  for (const { tableName, columnName } of columns) {
    if (/_erased_people$/.test(tableName)) continue;
    const [rows] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${tableName}\` WHERE \`${columnName}\` = ?`, [userId]);
    if (Number(rows[0]!.n) > 0) found.push(`${tableName}.${columnName}`);
  }
  for (const app of ['amal', 'thurayya']) {
    const [outbox] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${app}_event_outbox\` WHERE payload LIKE ?`, [`%"userId":${userId},%`]);
    if (Number(outbox[0]!.n) > 0) found.push(`${app}_event_outbox.payload`);
    const [notes] = await pool.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${app}_cache_invalidations\` WHERE cache_key LIKE ?`, [`%:${userId}`]);
    if (Number(notes[0]!.n) > 0) found.push(`${app}_cache_invalidations.cache_key`);
  }
  return found;
}

/** Redis keys of the namespace naming the person, and values (strings, streams) holding its id or name. */
async function redisTraces(userId: number, name: string): Promise<string[]> {
  const { redis, redisKeyPrefix } = apps.runtime().deps;
  const traces: string[] = [];
  const personKey = new RegExp(`:(user|user-memory|user-activity-days|relationships):v\\d+:${userId}(:|$)|visible-people:v\\d+:[A-Z]+:${userId}(:|$)|analytics:seen:${userId}:|:response:|:rate:[^:]+:user:${userId}$`);
  const holds = (text: string) => text.includes(`"userId":${userId},`) || text.includes(name);
  for (const key of await scanKeys(redis!, `${redisKeyPrefix}*`)) {
    if (personKey.test(key)) traces.push(key);
    const type = await redis!.type(key);
    if (type === 'string' && holds((await redis!.get(key)) ?? '')) traces.push(`${key} (value)`);
    if (type === 'stream' && (await redis!.xrange(key, '-', '+')).some(([, fields]) => fields.some(holds))) traces.push(`${key} (entries)`);
  }
  return traces;
}

let siblingBefore: Record<string, unknown>;
let otherChildBefore: Record<string, unknown>;
let otherLinesBefore: number;

beforeAll(async () => {
  const deps = runtime().deps;
  const queue = eventQueueFor(deps)!;
  await queue.send([ERASED, SIBLING, OTHER_CHILD].flatMap((userId) => [0, 1, 2].map((i) => JSON.stringify(event(userId, i)))));
  const consumer = createEventConsumer(deps, { queue });
  await consumer.drainOnce();
  // Still waiting: one event in the outbox, one on the queue, and a resend hint.
  await writeOutbox(deps, [event(ERASED, 3)]);
  await queue.send([JSON.stringify(event(ERASED, 4))]);
  await markSeen(deps, [event(ERASED, 0)]);
  // Kept answers built from the child's rows: its own, and its parent's.
  await graph.query('{ me { displayName memory { accuracy } activity { streakDays } } }', { as: as.student(ERASED) });
  await graph.query('{ me { children { displayName mastery } } }', { as: as.parent(DEMO.parent) });
  siblingBefore = withoutTime(await exportOf(SIBLING));
  otherChildBefore = withoutTime(await exportOf(OTHER_CHILD, as.parent(OTHER_PARENT)));
  otherLinesBefore = linesOf(SIBLING).length + linesOf(OTHER_CHILD).length;
}, 60_000);

describe('childDataExport', () => {
  it('holds everything seeded for the child, in one versioned document', async () => {
    const { db } = apps.runtime().deps;
    const document = await exportOf(ERASED);
    expect(document.formatVersion).toBe(1);
    expect(document.childId).toBe(String(ERASED));
    expect(document.users.profile).toMatchObject({ id: ERASED, displayName: ERASED_NAME, role: 'STUDENT' });
    expect(document.users.guardians).toEqual([String(DEMO.parent)]);
    expect(document.users.enrolments.map((e: { classroomId: string }) => e.classroomId)).toEqual([String(DEMO.classroom)]);
    const [memories] = await apps.runtime().database.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM amal_concept_memory WHERE user_id = ?', [ERASED]);
    const [answers] = await apps.runtime().database.pool.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM amal_answers WHERE user_id = ?', [ERASED]);
    expect(document.memory.conceptMemory.length).toBe(Number(memories[0]!.n));
    expect(document.memory.answers.length).toBe(Number(answers[0]!.n));
    expect(document.memory.answers.length).toBeGreaterThan(0);
    const days = await db.select().from(analyticsTables('amal').activityDays).where(eq(analyticsTables('amal').activityDays.userId, ERASED));
    expect(document.analytics.activityDays.length).toBe(days.length);
    expect(document.analytics.conceptOutcomes.length).toBeGreaterThan(0);
    expect(document.analytics.queuedEvents.map((e: QueuedEvent) => e.clientEventId)).toEqual([event(ERASED, 3).clientEventId]);
    expect(document.analytics.lake.events.map((e: QueuedEvent) => e.clientEventId).sort()).toEqual([0, 1, 2].map((i) => event(ERASED, i).clientEventId));
    expect(JSON.stringify(document)).not.toContain('"userId":' + SIBLING);
  });

  it('finds, before the erasure, what the erasure spec looks for', async () => {
    expect(await rowsNaming(ERASED)).toEqual(expect.arrayContaining(['amal_users.id', 'amal_guardianships.child_id', 'amal_answers.user_id', 'amal_processed_events.user_id', 'amal_event_outbox.payload']));
    expect((await redisTraces(ERASED, ERASED_NAME)).some((trace) => trace.includes(':response:'))).toBe(true);
    expect((await redisTraces(ERASED, ERASED_NAME)).some((trace) => trace.includes('analytics:seen:'))).toBe(true);
    expect((await redisTraces(ERASED, ERASED_NAME)).some((trace) => trace.endsWith('(entries)'))).toBe(true);
    // In the order of their names: Redis lists keys in no set order.
    expect((await redisTraces(ERASED, ERASED_NAME)).filter((trace) => trace.includes(':rate:')).sort()).toEqual([
      // Its export (the spec above) counted against the child's export budget (exportBudget.ts).
      expect.stringMatching(new RegExp(`:rate:child-exports:user:${ERASED}$`)),
      expect.stringMatching(new RegExp(`:rate:requests:user:${ERASED}$`)),
    ]);
    // Each event in its day's partition and in the child's own copy (pipeline/lake/layout.ts learnerPrefixOf).
    expect(linesOf(ERASED).length).toBe(6);
  });

  it('is refused to another family’s parent exactly as for an unknown id, a parent or a teacher', async () => {
    const refusal = async (id: number, viewer = as.parent(OTHER_PARENT)) => {
      const { status, body } = await graph.query(EXPORT, { variables: { id: String(id) }, as: viewer });
      return { status, data: body.data, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message.replace(String(id), '<id>') };
    };
    const expected = await refusal(ERASED);
    expect(expected.code).toBe('FORBIDDEN');
    for (const id of [999_999, DEMO.parent, DEMO.teacher]) expect(await refusal(id)).toEqual(expected);
    expect(await refusal(ERASED, as.teacher(DEMO.teacher))).toEqual(expected);
    expect(await refusal(ERASED, as.student(ERASED))).toEqual(expected);
  });
});

describe('a child id that is no id', () => {
  it('is bad input for anyone signed in, an admin included, and writes nothing', async () => {
    for (const viewer of [as.admin(DEMO.admin), as.parent(DEMO.parent)]) {
      for (const document of [EXPORT, ERASE]) {
        const { body } = await graph.query(document, { variables: { id: '4 OR 1=1' }, as: viewer });
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
    expect(await apps.runtime().deps.db.select().from(datarightsTables('amal').erasures)).toEqual([]);
  });
});

describe('eraseChild', () => {
  it('is refused to another family’s parent exactly as for an unknown id or a non-student, writing nothing', async () => {
    const refusal = async (id: number) => {
      const { body } = await graph.query(ERASE, { variables: { id: String(id) }, as: as.parent(OTHER_PARENT) });
      return { data: body.data, code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message.replace(String(id), '<id>') };
    };
    const expected = await refusal(ERASED);
    expect(expected.code).toBe('FORBIDDEN');
    for (const id of [999_999, DEMO.parent, DEMO.teacher]) expect(await refusal(id)).toEqual(expected);
    expect(await apps.runtime().deps.db.select().from(datarightsTables('amal').erasures)).toEqual([]);
  });

  it('resumes after a step fails midway', async () => {
    let failures = 0;
    const failingOnce = erasureSteps().map((step): ErasureStep => step.name !== 'memory' ? step : {
      name: step.name,
      run: async (deps, userId) => {
        if (failures++ === 0) throw new Error('the database went away');
        return step.run(deps, userId);
      },
    });
    await expect(eraseChild(runtime().deps, ERASED, { userId: DEMO.parent, role: 'PARENT' }, failingOnce)).rejects.toThrow('the database went away');
    const [audit] = await apps.runtime().deps.db.select().from(datarightsTables('amal').erasures);
    expect(audit).toMatchObject({ requestedBy: DEMO.parent, requestedByRole: 'PARENT', completedAt: null, stepsDone: 'lake,analytics' });

    const { body } = await graph.query(ERASE, { variables: { id: String(ERASED) }, as: as.parent(DEMO.parent) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.eraseChild).toMatchObject({ erasureId: audit!.id, steps: ['lake', 'analytics', 'memory', 'users', 'cache'] });
    expect(body.data!.eraseChild.completedAt).not.toBeNull();

    const again = await graph.query(ERASE, { variables: { id: String(ERASED) }, as: as.admin(DEMO.admin) });
    expect(again.body.data!.eraseChild).toEqual(body.data!.eraseChild);
    // To its parent the erased child is now an unknown id.
    const asParent = await graph.query(ERASE, { variables: { id: String(ERASED) }, as: as.parent(DEMO.parent) });
    expect(asParent.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('leaves no row naming the child in any table of any app', async () => {
    expect(await rowsNaming(ERASED)).toEqual([]);
  });

  it('leaves no Redis key or value of the child and no kept answer', async () => {
    expect(await redisTraces(ERASED, ERASED_NAME)).toEqual([]);
  });

  it('rewrites the lake folder without the child’s records, keeping everyone else’s', () => {
    expect(linesOf(ERASED)).toEqual([]);
    expect(lakeLines().join('\n')).not.toContain(`"userId":${ERASED},`);
    expect(linesOf(SIBLING).length + linesOf(OTHER_CHILD).length).toBe(otherLinesBefore);
  });

  it('writes the child’s tombstone in the lake folder, holding only its id and the erasure time', async () => {
    const [audit] = await apps.runtime().deps.db.select().from(datarightsTables('amal').erasures);
    const written = readFileSync(join(lakeDir, runtime().deps.analytics.lakePrefix, 'tombstones', 'app=amal', `${ERASED}.json`), 'utf8');
    expect(JSON.parse(written)).toEqual({ userId: ERASED, erasedAt: audit!.requestedAt.toISOString() });
  });

  it('leaves the other children as they were', async () => {
    expect(withoutTime(await exportOf(SIBLING))).toEqual(siblingBefore);
    expect(withoutTime(await exportOf(OTHER_CHILD, as.parent(OTHER_PARENT)))).toEqual(otherChildBefore);
  });

  it('records who erased and when, and nothing of the child', async () => {
    const audit = await apps.runtime().deps.db.select().from(datarightsTables('amal').erasures);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ requestedBy: DEMO.parent, requestedByRole: 'PARENT', stepsDone: 'lake,analytics,memory,users,cache' });
    expect(audit[0]!.completedAt).toBeInstanceOf(Date);
    expect(Object.keys(audit[0]!).sort()).toEqual(['completedAt', 'id', 'requestedAt', 'requestedBy', 'requestedByRole', 'stepsDone']);
    expect(JSON.stringify(audit[0])).not.toContain(ERASED_NAME);
  });

  it('refuses an answer sent afterwards with the child’s still-valid token, writing nothing', async () => {
    const answer = await graph.query('mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate } }', {
      as: as.student(ERASED),
      variables: { input: { contentByteId: '1', correct: true, responseTimeMs: 1_000, answeredAt: new Date().toISOString(), clientEventId: 'after-erasure' } },
    });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowsNaming(ERASED)).toEqual([]);
  });

  it('keeps of such a request only its budget counters, which expire within the window', async () => {
    const { redis } = apps.runtime().deps;
    const traces = await redisTraces(ERASED, ERASED_NAME);
    expect(traces.map((key) => key.replace(/^.*:rate:/, 'rate:')).sort()).toEqual([`rate:mutations:user:${ERASED}`, `rate:requests:user:${ERASED}`]);
    for (const key of traces) expect(await redis!.pttl(key)).toBeLessThanOrEqual(60_000);
  });

  it('drops a late event of the child and brings nothing back by replay', async () => {
    const deps = runtime().deps;
    const queue = eventQueueFor(deps)!;
    await queue.send([JSON.stringify(event(ERASED, 9))]);
    const consumer = createEventConsumer(deps, { queue });
    expect(await consumer.drainOnce()).toBeGreaterThan(0);
    await replayFromLake(deps, createDirectoryLake(lakeDir, deps.analytics.lakePrefix, deps.logger), [DAY]);
    expect(await rowsNaming(ERASED)).toEqual([]);
    expect(linesOf(ERASED)).toEqual([]);
    // The refused answer's budget counters (the spec above) are all that may remain.
    expect((await redisTraces(ERASED, ERASED_NAME)).filter((trace) => !trace.includes(':rate:'))).toEqual([]);
  });
});
