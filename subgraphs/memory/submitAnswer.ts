import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { USER_MEMORY } from './loaders.js';
import { badUserInput, invariant, mysqlErrorCode, notFound } from '../../runtime/errors.js';
import type { Transaction } from '../../runtime/cache/invalidationLog.js';
import { erasedViewer } from '../../runtime/policy/access.js';
import { datarightsTables } from '../datarights/tables.js';
import { parseId } from '../../runtime/subgraph/ids.js';
import type { MemoryContext } from './context.js';
import type { SubmitAnswerInput } from './generated/resolvers.js';
import { dueAt, INITIAL_STATE, qualityOf, review, type Quality } from './scheduling.js';
import type { ConceptMemoryRow } from './tables.js';

export interface SubmitAnswerOutcome {
  memory: ConceptMemoryRow;
  /** True when this client event was recorded before; `memory` is then the current state, unchanged. */
  duplicate: boolean;
}

interface Answer {
  contentByteId: number;
  correct: boolean;
  responseTimeMs: number;
  answeredAt: Date;
  clientEventId: string;
}

const MAX_RESPONSE_TIME_MS = 3_600_000;
/** Device clocks drift; an answer from further ahead than this is a wrong clock, not a real answer. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Offline devices sync late, but a month-old answer would reschedule from a stale past. */
const MAX_AGE_MS = 30 * 86_400_000;
const CLIENT_EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Records a student's answer and reschedules the concept with SM-2, once per `clientEventId`:
 * a retry (or a concurrent twin) finds the answer already recorded and returns the memory unchanged.
 */
export async function submitAnswer(ctx: MemoryContext, input: SubmitAnswerInput, now = new Date()): Promise<SubmitAnswerOutcome> {
  const userId = Number(ctx.access.requireUser().userId);
  const answer = validAnswer(input, now);
  const outcome = await withDeadlockRetry(() => record(ctx, userId, answer));
  ctx.loaders.memoryOfUser.clear(userId);
  ctx.loaders.memoryOfViewer.clear(outcome.memory.conceptId);
  return outcome;
}

function validAnswer(input: SubmitAnswerInput, now: Date): Answer {
  const contentByteId = parseId(input.contentByteId, 'contentByteId');
  const { responseTimeMs, answeredAt, clientEventId } = input;
  if (!Number.isInteger(responseTimeMs) || responseTimeMs < 0 || responseTimeMs > MAX_RESPONSE_TIME_MS) {
    throw badUserInput(`responseTimeMs must be an integer from 0 to ${MAX_RESPONSE_TIME_MS}; got ${responseTimeMs}`, { field: 'responseTimeMs' });
  }
  const age = now.getTime() - answeredAt.getTime();
  if (age < -MAX_CLOCK_AHEAD_MS || age > MAX_AGE_MS) {
    throw badUserInput(`answeredAt must be within the last 30 days and at most 5 minutes ahead of the server clock; got ${answeredAt.toISOString()}`, { field: 'answeredAt' });
  }
  if (!CLIENT_EVENT_ID.test(clientEventId)) {
    const shown = clientEventId.length > 64 ? `${clientEventId.length} characters` : JSON.stringify(clientEventId);
    throw badUserInput(`clientEventId must be 1 to 64 characters of A-Z a-z 0-9 _ . : -; got ${shown}`, { field: 'clientEventId' });
  }
  return { contentByteId, correct: input.correct, responseTimeMs, answeredAt, clientEventId };
}

/** Two writers that share-locked the same memory row (or gap) both want it exclusively: InnoDB rolls one back. */
const MAX_ATTEMPTS = 10;
async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || mysqlErrorCode(error) !== 'ER_LOCK_DEADLOCK') throw error;
      // A few ms, growing and spread, so the writers that were rolled back do not collide again.
      await sleep(Math.random() * 2 * attempt);
    }
  }
}

interface Locked {
  erased: boolean;
  conceptId: number | null;
  memory: ConceptMemoryRow | null;
}

/**
 * The write, in 5 statements on the BEGIN-less transaction (runtime/clients/mysql.ts): one locking
 * read, the answer, the memory, the cache note (runtime/cache/entityCache.ts) and COMMIT.
 *
 * The read takes share locks on what it reads: the (absent) `erased_people` row, so an erasure
 * cannot start before this commits (its steps then delete what this wrote); the content byte; and
 * the student's memory of its concept (or its gap). Writing the memory then upgrades that lock;
 * two concurrent answers to one concept of one student (a retried twin, two devices) deadlock
 * there, InnoDB rolls one back at once, and it runs again after the other (`withDeadlockRetry`).
 * The unique (user_id, client_event_id) key decides, inside the database, which submission wins.
 */
function record(ctx: MemoryContext, userId: number, answer: Answer): Promise<SubmitAnswerOutcome> {
  const { answers, conceptMemory } = ctx.tables;
  const quality = qualityOf(answer);
  return ctx.deps.cache.write(async (tx, stale) => {
    const locked = await lockedState(ctx, tx, userId, answer.contentByteId);
    // An erased child's token may still be valid: nothing of it may come back.
    if (locked.erased) throw erasedViewer();
    ctx.access.erasureChecked();
    const { conceptId } = locked;
    if (conceptId === null) throw notFound('ContentByte', String(answer.contentByteId));
    const inserted = await tx.insert(answers).values({ userId, conceptId, quality, ...answer }).then(
      () => true,
      (error: unknown) => (mysqlErrorCode(error) === 'ER_DUP_ENTRY' ? false : Promise.reject(error)),
    );
    if (!inserted) return { memory: await memoryOfRecordedAnswer(ctx, tx, userId, answer.clientEventId), duplicate: true };
    stale(USER_MEMORY, [String(userId)]);
    const before = locked.memory ?? { userId, conceptId, ...INITIAL_STATE, attempts: 0, correct: 0, lastReviewedAt: answer.answeredAt, dueAt: answer.answeredAt };
    const changes = reviewed(before, answer, quality);
    await tx.insert(conceptMemory).values({ userId, conceptId, ...changes }).onDuplicateKeyUpdate({ set: changes });
    return { memory: { ...before, ...changes }, duplicate: false };
  });
}

/** One statement: whether the student was erased, the content byte's concept and the student's memory of it, share-locked. */
async function lockedState(ctx: MemoryContext, tx: Transaction, userId: number, contentByteId: number): Promise<Locked> {
  const { conceptMemory: m } = ctx.tables;
  const { contentBytes: cb } = ctx.catalogue;
  const { erasedPeople: e } = datarightsTables(ctx.deps.app);
  // LOCK IN SHARE MODE: the spelling MySQL 8 and MariaDB 10.11 both accept. The derived one-row
  // table keeps a row when the content byte does not exist, so an erased viewer is refused first.
  const [rows] = (await tx.execute(sql`SELECT ${e.userId} AS erased, ${cb.conceptId} AS concept_id, ${m.attempts} AS attempts,
      ${m.correct} AS correct_answers, ${m.repetitions} AS repetitions, ${m.easeFactor} AS ease_factor, ${m.intervalDays} AS interval_days,
      ${m.lastReviewedAt} AS last_reviewed_at, ${m.dueAt} AS due_at
    FROM (SELECT 1 AS one) AS one
    LEFT JOIN ${e} ON ${e.userId} = ${userId}
    LEFT JOIN ${cb} ON ${cb.id} = ${contentByteId}
    LEFT JOIN ${m} ON ${m.userId} = ${userId} AND ${m.conceptId} = ${cb.conceptId}
    LOCK IN SHARE MODE`)) as unknown as [Record<string, unknown>[]];
  const row = rows[0];
  invariant(row, 'the one-row table always yields a row');
  const conceptId = row.concept_id == null ? null : Number(row.concept_id);
  const memory: ConceptMemoryRow | null = conceptId === null || row.attempts == null ? null : {
    userId, conceptId,
    attempts: Number(row.attempts), correct: Number(row.correct_answers), repetitions: Number(row.repetitions),
    easeFactor: Number(row.ease_factor), intervalDays: Number(row.interval_days),
    lastReviewedAt: asDate(row.last_reviewed_at), dueAt: asDate(row.due_at),
  };
  return { erased: row.erased != null, conceptId, memory };
}

/** A DATETIME read through `execute` (UTC, as the pool's timezone 'Z' says). */
const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`));

function reviewed(before: ConceptMemoryRow, answer: Answer, quality: Quality): Omit<ConceptMemoryRow, 'userId' | 'conceptId'> {
  const state = review(before, quality);
  // Answers given offline can arrive out of order; the last review never moves back in time.
  const reviewedAt = before.lastReviewedAt > answer.answeredAt ? before.lastReviewedAt : answer.answeredAt;
  return {
    ...state,
    attempts: before.attempts + 1,
    correct: before.correct + (answer.correct ? 1 : 0),
    lastReviewedAt: reviewedAt,
    dueAt: dueAt(reviewedAt, state.intervalDays),
  };
}

/** The memory of the concept a recorded answer belongs to (which may differ from a buggy retry's). */
async function memoryOfRecordedAnswer(ctx: MemoryContext, tx: Transaction, userId: number, clientEventId: string): Promise<ConceptMemoryRow> {
  const { answers, conceptMemory } = ctx.tables;
  const [row] = await tx.select({ memory: conceptMemory }).from(answers)
    .innerJoin(conceptMemory, and(eq(conceptMemory.userId, answers.userId), eq(conceptMemory.conceptId, answers.conceptId)))
    .where(and(eq(answers.userId, userId), eq(answers.clientEventId, clientEventId)));
  invariant(row, `answer "${clientEventId}" of user ${userId} was recorded without its memory`);
  return row.memory;
}
