/**
 * Demo data for one app, so the explorer and the benchmark have something real to show: the people
 * of `DEMO` (seed/demoIds.ts), a curriculum of 3 subjects, 20 lessons, 100 concepts and 1,000
 * content bytes (Arabic with tashkeel, and English), and three weeks of answers that the SM-2
 * scheduler and the analytics rollups turn into memory and activity.
 *
 * Deterministic: every choice comes from a seeded PRNG, so every machine given the same `now`
 * writes the same rows. Idempotent: rows carry DEMO's ids (answers and events a fixed client event
 * id) and go in with ON DUPLICATE KEY UPDATE, so running it again changes nothing:
 * - the curriculum belongs to the seed (seed/curriculum/), so a re-run brings existing rows back to it;
 * - people and memberships are inserted only, so profile edits made through the API survive;
 * - the answer history is written once: it is relative to `now`, and a later replay would
 *   disagree with the memory and rollups already derived from it.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { MySqlTable, MySqlUpdateSetSource } from 'drizzle-orm/mysql-core';
import type { AppRuntime } from '../runtime/container/appDeps.js';
import type { Database } from '../runtime/clients/mysql.js';
import type { AppName } from '../runtime/tenancy.js';
import { usersTables } from '../subgraphs/users/tables.js';
import { newJoinCode } from '../subgraphs/users/joinCode.js';
import { curriculumTables } from '../subgraphs/curriculum/tables.js';
import { memoryTables } from '../subgraphs/memory/tables.js';
import { analyticsTables } from '../pipeline/tables.js';
import { applyEvents } from '../pipeline/rollups.js';
import { DEMO } from './demoIds.js';
import { CLASSROOMS, DEMO_PEOPLE } from './people.js';
import { demoCurriculum, type DemoCurriculum } from './curriculum/render.js';
import { demoHistory, type History } from './history.js';

const DAY_MS = 86_400_000;

/** Rows per INSERT: a few statements in all, each far below any max_allowed_packet. */
const CHUNK = 500;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/** `column = VALUES(column)` for every non-key column: on a duplicate id the row becomes the seed's. */
function replaceWithInserted<T extends MySqlTable>(table: T): MySqlUpdateSetSource<T> {
  const set = Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.primary)
    .map(([key, column]) => [key, sql`values(${sql.identifier(column.name)})`]);
  return Object.fromEntries(set) as MySqlUpdateSetSource<T>;
}

/**
 * The demo's consent: the parent placed its two children in their classroom itself, the admin
 * consented for the children whose guardians use no app. Join codes are random (a code printed
 * in a repository would let anyone's guardian place a child): a re-run keeps the first ones.
 */
function consentOf(studentId: number): { consentedBy: number; consentedAs: 'GUARDIAN' | 'ADMIN' } {
  return (DEMO.children as readonly number[]).includes(studentId)
    ? { consentedBy: DEMO.parent, consentedAs: 'GUARDIAN' }
    : { consentedBy: DEMO.admin, consentedAs: 'ADMIN' };
}

async function writePeople(db: Database, app: AppName, createdAt: Date): Promise<void> {
  const t = usersTables(app);
  await db.insert(t.users).values(DEMO_PEOPLE.map((person) => ({ ...person, createdAt, updatedAt: createdAt }))).onDuplicateKeyUpdate({ set: { id: sql`id` } });
  await db.insert(t.guardianships).values(DEMO.children.map((childId) => ({ parentId: DEMO.parent, childId }))).onDuplicateKeyUpdate({ set: { parentId: sql`parent_id` } });
  await db.insert(t.classrooms).values(CLASSROOMS.map(({ id, name, teacherId }) => ({ id, name, teacherId, createdAt, joinCode: newJoinCode() })))
    .onDuplicateKeyUpdate({ set: { joinCode: sql`coalesce(join_code, values(join_code))` } });
  // An enrolment left from before consent was recorded gets the demo's consent; a recorded one stays.
  await db.insert(t.enrolments)
    .values(CLASSROOMS.flatMap((classroom) => classroom.studentIds.map((studentId) => ({ classroomId: classroom.id, studentId, enrolledAt: createdAt, ...consentOf(studentId) }))))
    .onDuplicateKeyUpdate({ set: { consentedBy: sql`coalesce(consented_by, values(consented_by))`, consentedAs: sql`coalesce(consented_as, values(consented_as))` } });
}

async function writeCurriculum(db: Database, app: AppName, curriculum: DemoCurriculum): Promise<void> {
  const t = curriculumTables(app);
  await db.insert(t.lessons).values(curriculum.lessons).onDuplicateKeyUpdate({ set: replaceWithInserted(t.lessons) });
  await db.insert(t.concepts).values(curriculum.concepts).onDuplicateKeyUpdate({ set: replaceWithInserted(t.concepts) });
  for (const rows of chunks(curriculum.contentBytes)) {
    await db.insert(t.contentBytes).values(rows).onDuplicateKeyUpdate({ set: replaceWithInserted(t.contentBytes) });
  }
}

/**
 * Events go first and answers with memory last, in one transaction: the first seed answer marks
 * the history as written, and events interrupted halfway are applied once on the next run.
 */
async function writeHistory(db: Database, app: AppName, history: History): Promise<void> {
  const t = memoryTables(app);
  const first = history.answers[0];
  if (!first) return;
  const [written] = await db.select({ id: t.answers.id }).from(t.answers)
    .where(and(eq(t.answers.userId, first.userId), eq(t.answers.clientEventId, first.clientEventId))).limit(1);
  if (written) return;
  await applyEvents(db, app, history.events);
  await db.transaction(async (tx) => {
    for (const rows of chunks(history.answers)) await tx.insert(t.answers).values(rows).onDuplicateKeyUpdate({ set: { id: sql`id` } });
    for (const rows of chunks(history.memory)) await tx.insert(t.conceptMemory).values(rows).onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  });
}

function seededTables(app: AppName) {
  const users = usersTables(app);
  const curriculum = curriculumTables(app);
  const memory = memoryTables(app);
  const analytics = analyticsTables(app);
  return {
    users: users.users,
    guardianships: users.guardianships,
    classrooms: users.classrooms,
    enrolments: users.enrolments,
    lessons: curriculum.lessons,
    concepts: curriculum.concepts,
    content_bytes: curriculum.contentBytes,
    answers: memory.answers,
    concept_memory: memory.conceptMemory,
    processed_events: analytics.processedEvents,
    activity_days: analytics.activityDays,
    concept_outcomes: analytics.conceptOutcomes,
  } satisfies Record<string, MySqlTable>;
}

/** Rows in each table the seed writes (keyed by the table's unprefixed name), counted after seeding. */
export type SeedSummary = Record<keyof ReturnType<typeof seededTables>, number>;

async function countRows(db: Database, app: AppName): Promise<SeedSummary> {
  const tables = Object.entries(seededTables(app));
  const counts = sql.join(tables.map(([name, table]) => sql`(select count(*) from ${table}) as ${sql.identifier(name)}`), sql`, `);
  const [rows] = (await db.execute(sql`select ${counts}`)) as unknown as [Record<string, number | string>[]];
  const row = rows[0] ?? {};
  return Object.fromEntries(tables.map(([name]) => [name, Number(row[name])])) as SeedSummary;
}

/**
 * Loads the demo data into `runtime`'s app (its tables must exist: run the migrations first).
 * @param options.now the instant the three weeks of history end at; @default the current time
 */
export async function seedDemo(runtime: AppRuntime, options: { now?: Date } = {}): Promise<SeedSummary> {
  const { db, app } = runtime.deps;
  const now = options.now ?? new Date();
  const curriculum = demoCurriculum();
  const joinedAt = new Date(now.getTime() - 30 * DAY_MS); // before their history starts
  await writePeople(db, app, joinedAt);
  await writeCurriculum(db, app, curriculum);
  await writeHistory(db, app, demoHistory(now, curriculum));
  return countRows(db, app);
}

/** Whether the demo data is there (its admin exists), e.g. to seed a fresh database only. */
export async function isSeeded(runtime: AppRuntime): Promise<boolean> {
  const { users } = usersTables(runtime.deps.app);
  const rows = await runtime.deps.db.select({ id: users.id }).from(users).where(eq(users.id, DEMO.admin)).limit(1);
  return rows.length > 0;
}
