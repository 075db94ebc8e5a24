/**
 * Submitted answers at once, as a school morning sends them (and as `npm run bench`'s mix does: ten
 * connections answering one student's concept): every one succeeds (no deadlock, no lost update),
 * each client event is recorded once, and the memory is what applying the answers one after the
 * other gives, in the order the database applied them (each answer's `attempts` says its place).
 */
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { as, expectNoErrors, runSubgraph, useTestDatabase } from '../../test/support/harness.js';
import { curriculumTables } from '../curriculum/tables.js';
import { memory } from './index.js';
import { dueAt, INITIAL_STATE, qualityOf, review } from './scheduling.js';
import { memoryTables, type ConceptMemoryRow } from './tables.js';

const CONCEPT = 1;
const BYTES = [11, 12, 13];
const apps = useTestDatabase({
  seed: {
    amal: async ({ deps: { db, app } }) => {
      const catalogue = curriculumTables(app);
      await db.insert(catalogue.concepts).values({ id: CONCEPT, lessonId: 1, position: 1, grade: 3, name: 'مفهوم', subject: 'MATH' });
      await db.insert(catalogue.contentBytes).values(BYTES.map((id) => ({ id, conceptId: CONCEPT, kind: 'TRUE_FALSE' as const, prompt: 'سؤال', choices: ['صح', 'خطأ'], answer: 'صح', difficulty: 0.5, locale: 'ar' })));
    },
  },
});

/** More than the pool's 10 connections, so some wait for one and every connection is busy at once. */
const AT_ONCE = 16;

interface Sent {
  contentByteId: string;
  correct: boolean;
  responseTimeMs: number;
  answeredAt: string;
  clientEventId: string;
}
interface Answered {
  duplicate: boolean;
  memory: { attempts: number; repetitions: number; easeFactor: number; intervalDays: number; lastReviewedAt: string; dueAt: string };
}

const SUBMIT = 'mutation($input: SubmitAnswerInput!) { submitAnswer(input: $input) { duplicate memory { attempts repetitions easeFactor intervalDays lastReviewedAt dueAt } } }';
async function submit(userId: number, input: Sent): Promise<Answered> {
  const result = await runSubgraph(memory, apps.runtime(), SUBMIT, { viewer: as.student(userId), variables: { input } });
  expectNoErrors(result);
  return (result.data as { submitAnswer: Answered }).submitAnswer;
}

/** Answers of varied grades, given out of order over the last hour (offline devices sync late). */
function answers(userId: number, round: string, n = AT_ONCE): Sent[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    contentByteId: String(BYTES[i % BYTES.length]),
    correct: i % 4 !== 3,
    responseTimeMs: [1_000, 9_000, 30_000][i % 3]!,
    answeredAt: new Date(now - ((i * 7) % n) * 60_000).toISOString(),
    clientEventId: `${round}-${userId}-${i}`,
  }));
}

type Memory = Pick<ConceptMemoryRow, 'repetitions' | 'easeFactor' | 'intervalDays' | 'attempts' | 'correct' | 'lastReviewedAt' | 'dueAt'>;
/** ./submitAnswer.ts's step, written out again from ./scheduling.ts: the memory after `sent`, one after the other. */
function applied(sent: Sent[], from: Memory | null): Memory[] {
  let memory = from;
  return sent.map((answer) => {
    const answeredAt = new Date(answer.answeredAt);
    const before = memory ?? { ...INITIAL_STATE, attempts: 0, correct: 0, lastReviewedAt: answeredAt, dueAt: answeredAt };
    const state = review(before, qualityOf(answer));
    const lastReviewedAt = before.lastReviewedAt > answeredAt ? before.lastReviewedAt : answeredAt;
    memory = { ...state, attempts: before.attempts + 1, correct: before.correct + (answer.correct ? 1 : 0), lastReviewedAt, dueAt: dueAt(lastReviewedAt, state.intervalDays) };
    return memory;
  });
}

const shown = (memory: Memory) => ({
  attempts: memory.attempts, repetitions: memory.repetitions, easeFactor: memory.easeFactor, intervalDays: memory.intervalDays,
  lastReviewedAt: memory.lastReviewedAt.toISOString(), dueAt: memory.dueAt.toISOString(),
});

async function storedMemory(userId: number): Promise<ConceptMemoryRow | undefined> {
  const { conceptMemory: m } = memoryTables('amal');
  const [row] = await apps.runtime().deps.db.select().from(m).where(and(eq(m.userId, userId), eq(m.conceptId, CONCEPT)));
  return row;
}

async function recordedAnswers(userId: number): Promise<number> {
  const { answers: a } = memoryTables('amal');
  const [row] = await apps.runtime().deps.db.select({ n: count() }).from(a).where(eq(a.userId, userId));
  return row!.n;
}

/**
 * Sends `sent` all at once (each twice when `twins`: a retry racing its original) and checks the
 * outcome against one serial order: the one the answers' `attempts` give.
 */
async function answeredAtOnce(userId: number, sent: Sent[], { twins = false } = {}) {
  const before = (await storedMemory(userId)) ?? null;
  const recordedBefore = await recordedAnswers(userId);
  const sends = twins ? sent.flatMap((answer) => [answer, answer]) : sent;
  const settled = await Promise.allSettled(sends.map((answer) => submit(userId, answer)));
  const failed = settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason).slice(0, 300));
  expect(failed).toEqual([]);
  const outcomes = settled.map((outcome) => (outcome as PromiseFulfilledResult<Answered>).value);
  const firsts = outcomes.filter((outcome) => !outcome.duplicate);
  // Each client event recorded once: one outcome of each pair is the write, the other its duplicate.
  expect(firsts).toHaveLength(sent.length);
  expect(await recordedAnswers(userId)).toBe(recordedBefore + sent.length);
  // The serial order the database chose: the answer that made attempts k was applied k-th.
  const start = before?.attempts ?? 0;
  const place = new Map<number, Sent>();
  sends.forEach((answer, i) => {
    if (!outcomes[i]!.duplicate) place.set(outcomes[i]!.memory.attempts, answer);
  });
  expect([...place.keys()].sort((a, b) => a - b)).toEqual(sent.map((_, i) => start + i + 1));
  const order = [...place.entries()].sort(([a], [b]) => a - b).map(([, answer]) => answer);
  const expected = applied(order, before);
  // Each write answered the memory as it left it; the row holds the last.
  const answeredMemories = sends.flatMap((_, i) => (outcomes[i]!.duplicate ? [] : [outcomes[i]!.memory])).sort((a, b) => a.attempts - b.attempts);
  expect(answeredMemories).toEqual(expected.map(shown));
  const stored = await storedMemory(userId);
  expect(stored).toEqual({ userId, conceptId: CONCEPT, ...expected.at(-1)! });
  return { outcomes, stored: stored! };
}

describe(`${AT_ONCE} answers at once`, () => {
  it('by one student to one concept, the first ones included: all recorded once, the memory as if answered one after the other', async () => {
    const student = 101;
    const { stored } = await answeredAtOnce(student, answers(student, 'first'));
    expect(stored.attempts).toBe(AT_ONCE);
    // The row now exists (the bench's steady state): again, with the same answers racing their retries.
    const { outcomes } = await answeredAtOnce(student, answers(student, 'second'), { twins: true });
    expect(outcomes.filter((outcome) => outcome.duplicate)).toHaveLength(AT_ONCE);
    expect((await storedMemory(student))!.attempts).toBe(2 * AT_ONCE);
  });

  it('by different students to one content byte: none waits for another, each memory its own first answer', async () => {
    const students = Array.from({ length: AT_ONCE }, (_, i) => 201 + i);
    const sent = students.map((student) => ({ ...answers(student, 'byte', 1)[0]!, contentByteId: String(BYTES[0]) }));
    const settled = await Promise.allSettled(students.map((student, i) => submit(student, sent[i]!)));
    expect(settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual([]);
    for (const [i, student] of students.entries()) {
      expect((settled[i] as PromiseFulfilledResult<Answered>).value).toMatchObject({ duplicate: false, memory: { attempts: 1 } });
      expect(await storedMemory(student)).toEqual({ userId: student, conceptId: CONCEPT, ...applied([sent[i]!], null)[0]! });
      expect(await recordedAnswers(student)).toBe(1);
    }
  });

  it('by several students, several answers each: every answer applied once', async () => {
    const students = [301, 302, 303, 304];
    const rounds = students.map((student) => answers(student, 'mixed', 8));
    const settled = await Promise.allSettled(rounds.flatMap((sent, i) => sent.map((answer) => submit(students[i]!, answer))));
    expect(settled.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual([]);
    for (const student of students) {
      expect(await recordedAnswers(student)).toBe(8);
      expect((await storedMemory(student))!.attempts).toBe(8);
    }
  });
});
