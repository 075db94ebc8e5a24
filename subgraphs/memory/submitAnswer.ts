import { and, eq, sql } from 'drizzle-orm';
import { USER_MEMORY } from './loaders.js';
import { badUserInput, forbidden, invariant, mysqlErrorCode, notFound } from '../../runtime/errors.js';
import { erasedAmong } from '../datarights/tombstones.js';
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
  const conceptId = await conceptOfContentByte(ctx, answer.contentByteId);
  const recorded = await record(ctx, userId, conceptId, answer);
  const outcome = recorded
    ? { memory: recorded, duplicate: false }
    : { memory: await memoryOfRecordedAnswer(ctx, userId, answer.clientEventId), duplicate: true };
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

async function conceptOfContentByte(ctx: MemoryContext, contentByteId: number): Promise<number> {
  const { contentBytes } = ctx.catalogue;
  const [byte] = await ctx.deps.db.select({ conceptId: contentBytes.conceptId }).from(contentBytes).where(eq(contentBytes.id, contentByteId));
  if (!byte) throw notFound('ContentByte', String(contentByteId));
  return byte.conceptId;
}

/** The new memory, or null when this client event was already recorded (nothing changed). */
function record(ctx: MemoryContext, userId: number, conceptId: number, answer: Answer): Promise<ConceptMemoryRow | null> {
  const { answers, conceptMemory } = ctx.tables;
  const quality = qualityOf(answer);
  const thisMemory = and(eq(conceptMemory.userId, userId), eq(conceptMemory.conceptId, conceptId));
  return ctx.deps.cache.write(async (tx, stale) => {
    // An erased child's token may still be valid: nothing of it may come back. The share lock keeps
    // an erasure from starting before this commits (its steps then delete what this wrote).
    if ((await erasedAmong(tx, ctx.deps.app, [userId], { lock: true })).size) throw forbidden();
    // The unique (user_id, client_event_id) key decides, inside the database, which submission wins;
    // a concurrent twin waits on it and then fails as a duplicate.
    const inserted = await tx.insert(answers).values({ userId, conceptId, quality, ...answer }).then(
      () => true,
      (error: unknown) => (mysqlErrorCode(error) === 'ER_DUP_ENTRY' ? false : Promise.reject(error)),
    );
    if (!inserted) return null;
    stale(USER_MEMORY, [String(userId)]);
    // A first answer creates the row before it is locked: locking a row that does not exist yet only
    // locks the gap, where two first answers to the concept would deadlock.
    await tx.insert(conceptMemory)
      .values({ userId, conceptId, ...INITIAL_STATE, attempts: 0, correct: 0, lastReviewedAt: answer.answeredAt, dueAt: answer.answeredAt })
      .onDuplicateKeyUpdate({ set: { userId: sql`${conceptMemory.userId}` } });
    // Held until commit, so concurrent answers to one concept are applied one after the other.
    const [current] = await tx.select().from(conceptMemory).where(thisMemory).for('update');
    invariant(current, `the memory of user ${userId} for concept ${conceptId} was created in this transaction`);
    const changes = reviewed(current, answer, quality);
    await tx.update(conceptMemory).set(changes).where(thisMemory);
    return { ...current, ...changes };
  });
}

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
async function memoryOfRecordedAnswer(ctx: MemoryContext, userId: number, clientEventId: string): Promise<ConceptMemoryRow> {
  const { answers, conceptMemory } = ctx.tables;
  const [row] = await ctx.deps.db.select({ memory: conceptMemory }).from(answers)
    .innerJoin(conceptMemory, and(eq(conceptMemory.userId, answers.userId), eq(conceptMemory.conceptId, answers.conceptId)))
    .where(and(eq(answers.userId, userId), eq(answers.clientEventId, clientEventId)));
  invariant(row, `answer "${clientEventId}" of user ${userId} was recorded without its memory`);
  return row.memory;
}
