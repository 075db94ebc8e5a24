import { and, eq, sql } from 'drizzle-orm';
import type { ResultSetHeader } from 'mysql2';
import { USER_MEMORY } from './loaders.js';
import { badUserInput, invariant, mysqlErrorCode, notFound } from '../../runtime/errors.js';
import type { Transaction } from '../../runtime/cache/invalidationLog.js';
import { erasedViewer } from '../../runtime/policy/access.js';
import { datarightsTables } from '../datarights/tables.js';
import { erasedAmong } from '../../runtime/policy/suppression.js';
import { parseId } from '../../runtime/ids.js';
import type { MemoryContext } from './context.js';
import type { SubmitAnswerInput } from './generated/resolvers.js';
import { dueAt, INITIAL_STATE, qualityOf, review, type Quality } from './scheduling.js';
import { reviewAssignments } from './schedulingSql.js';
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
  const outcome = await record(ctx, userId, answer);
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

/**
 * The write, in 5 statements on the BEGIN-less transaction (runtime/clients/mysql.ts): the answer,
 * the memory, the memory read back, the cache note (runtime/cache/entityCache.ts) and COMMIT.
 *
 * Locks, so that concurrent answers neither deadlock nor lose an update:
 *   - The answer's insert reads the content byte (its concept) and the absence of the student in
 *     `erased_people`, and InnoDB share-locks what an INSERT … SELECT reads: the content byte's row
 *     (shared: every student answering it goes on; only an edit of the byte waits) and the gap
 *     where the student's tombstone would go, so an erasure cannot start before this commits (its
 *     steps then delete what this wrote). Neither is ever written here: no lock is upgraded.
 *   - The unique (user_id, client_event_id) key decides, inside the database, which submission
 *     wins; a concurrent twin waits on it and then fails as a duplicate.
 *   - The memory is one upsert whose new values SQL computes from the row as its exclusive lock
 *     finds it (./schedulingSql.ts): nothing of the row is read before it is locked, so answers to
 *     one concept queue on that one lock, each applied after the one before; a first answer inserts
 *     the row (a concurrent first answer waits on the new row's lock, then updates it).
 */
function record(ctx: MemoryContext, userId: number, answer: Answer): Promise<SubmitAnswerOutcome> {
  const quality = qualityOf(answer);
  return ctx.deps.cache.write(async (tx, stale) => {
    const inserted = await insertAnswer(ctx, tx, userId, answer, quality).then(
      (rows) => rows === 1,
      (error: unknown) => (mysqlErrorCode(error) === 'ER_DUP_ENTRY' ? null : Promise.reject(error)),
    );
    if (inserted === false) {
      // No row to insert: the student was erased (an erased child's token may still be valid:
      // nothing of it may come back), or the content byte does not exist.
      if ((await erasedAmong(tx, ctx.deps.app, [userId])).size) throw erasedViewer();
      ctx.access.erasureChecked();
      throw notFound('ContentByte', String(answer.contentByteId));
    }
    // The insert found the student not erased (a duplicate too: it failed on a row its read produced).
    ctx.access.erasureChecked();
    if (inserted === null) return { memory: await memoryOfRecordedAnswer(ctx, tx, userId, answer.clientEventId), duplicate: true };
    stale(USER_MEMORY, [String(userId)]);
    await upsertMemory(ctx, tx, userId, answer, quality);
    return { memory: await memoryOfContentByte(ctx, tx, userId, answer.contentByteId), duplicate: false };
  });
}

/** Inserts the answer unless the student was erased or the content byte does not exist; the rows inserted (0 or 1). */
async function insertAnswer(ctx: MemoryContext, tx: Transaction, userId: number, answer: Answer, quality: Quality): Promise<number> {
  const { answers: a } = ctx.tables;
  const { contentBytes: cb } = ctx.catalogue;
  const { erasedPeople: e } = datarightsTables(ctx.deps.app);
  const columns = sql.join([a.userId, a.clientEventId, a.contentByteId, a.conceptId, a.correct, a.quality, a.responseTimeMs, a.answeredAt].map((column) => sql.identifier(column.name)), sql`, `);
  const [result] = (await tx.execute(sql`INSERT INTO ${a} (${columns})
    SELECT ${userId}, ${answer.clientEventId}, ${cb.id}, ${cb.conceptId}, ${answer.correct}, ${quality}, ${answer.responseTimeMs}, ${answer.answeredAt}
    FROM ${cb} WHERE ${cb.id} = ${answer.contentByteId} AND NOT EXISTS (SELECT 1 FROM ${e} WHERE ${e.userId} = ${userId})`)) as unknown as [ResultSetHeader];
  return result.affectedRows;
}

/** The memory after this answer: a first answer's state inserted, or SM-2 applied to the row in SQL. */
async function upsertMemory(ctx: MemoryContext, tx: Transaction, userId: number, answer: Answer, quality: Quality): Promise<void> {
  const { conceptMemory: m } = ctx.tables;
  const { contentBytes: cb } = ctx.catalogue;
  const first = reviewed({ ...INITIAL_STATE, attempts: 0, correct: 0, lastReviewedAt: answer.answeredAt }, answer, quality);
  const columns = sql.join([m.userId, m.conceptId, m.repetitions, m.easeFactor, m.intervalDays, m.attempts, m.correct, m.lastReviewedAt, m.dueAt].map((column) => sql.identifier(column.name)), sql`, `);
  await tx.execute(sql`INSERT INTO ${m} (${columns})
    SELECT ${userId}, ${cb.conceptId}, ${first.repetitions}, ${first.easeFactor}, ${first.intervalDays}, ${first.attempts}, ${first.correct}, ${first.lastReviewedAt}, ${first.dueAt}
    FROM ${cb} WHERE ${cb.id} = ${answer.contentByteId}
    ON DUPLICATE KEY UPDATE ${reviewAssignments(m, { quality, correct: answer.correct, answeredAt: answer.answeredAt })}`);
}

/** The student's memory of the content byte's concept, as this transaction left it. */
async function memoryOfContentByte(ctx: MemoryContext, tx: Transaction, userId: number, contentByteId: number): Promise<ConceptMemoryRow> {
  const { conceptMemory: m } = ctx.tables;
  const { contentBytes: cb } = ctx.catalogue;
  const [row] = await tx.select({ memory: m }).from(m).innerJoin(cb, eq(cb.conceptId, m.conceptId)).where(and(eq(cb.id, contentByteId), eq(m.userId, userId)));
  invariant(row, `the memory of user ${userId} for content byte ${contentByteId} was written in this transaction`);
  return row.memory;
}

/** The first answer's row (./schedulingSql.ts is the same step for the rows that exist). */
function reviewed(before: Omit<ConceptMemoryRow, 'userId' | 'conceptId' | 'dueAt'>, answer: Answer, quality: Quality): Omit<ConceptMemoryRow, 'userId' | 'conceptId'> {
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
