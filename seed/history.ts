/** Three weeks of answers by every demo student: practice days, the SM-2 memory they leave and analytics events. */
import type { MemoryTables } from '../subgraphs/memory/tables.js';
import { INITIAL_STATE, dueAt, qualityOf, review, type Sm2State } from '../subgraphs/memory/scheduling.js';
import type { QueuedEvent } from '../pipeline/event/queuedEvent.js';
import type { DemoCurriculum } from './curriculum/render.js';
import { DEMO } from './demoIds.js';
import { DEMO_PEOPLE } from './people.js';
import { between, prng, shuffle, type Rng } from './random.js';

const DAY_MS = 86_400_000;

type AnswerRow = MemoryTables['answers']['$inferInsert'];
type ConceptMemoryRow = MemoryTables['conceptMemory']['$inferInsert'];

export interface History { answers: AnswerRow[]; memory: ConceptMemoryRow[]; events: QueuedEvent[] }

/** One concept a student practises: when it is introduced, how many answers it gets in all, its SM-2 state. */
interface Practice {
  conceptId: number;
  /** Content bytes in the order the student meets them. */
  bytes: number[];
  introducedOn: number;
  budget: number;
  state: Sm2State;
  attempts: number;
  correct: number;
  lastReviewedAt: Date;
  dueAt: Date;
}

const HISTORY_DAYS = 21;
/** The children practise daily for the last STREAK_DAYS days, after a day off. */
const STREAK_DAYS = 5;

/** Day offsets (0 = today, UTC) on which a student practised. */
function practiceDays(rng: Rng, studentId: number): number[] {
  const earliest = 1 - HISTORY_DAYS;
  if ((DEMO.children as readonly number[]).includes(studentId)) {
    const earlier = Array.from({ length: HISTORY_DAYS - STREAK_DAYS - 1 }, (_, i) => earliest + i).filter(() => rng() < 0.55);
    return [...earlier, ...Array.from({ length: STREAK_DAYS }, (_, i) => i + 1 - STREAK_DAYS)];
  }
  const keen = 0.3 + rng() * 0.45;
  const days = new Set(Array.from({ length: HISTORY_DAYS }, (_, i) => earliest + i).filter(() => rng() < keen));
  while (days.size < 4) days.add(between(rng, earliest, 0));
  return [...days].sort((a, b) => a - b);
}

export function demoHistory(now: Date, curriculum: DemoCurriculum): History {
  const history: History = { answers: [], memory: [], events: [] };
  const difficultyOf = new Map(curriculum.contentBytes.map((byte) => [byte.id!, byte.difficulty]));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

  for (const person of DEMO_PEOPLE) {
    if (person.role !== 'STUDENT') continue;
    const rng = prng(0x5eed_0000 + person.id);
    const userId = person.id;
    const days = practiceDays(rng, userId);
    const ability = 0.6 + rng() * 0.3;
    const ofGrade = curriculum.concepts.filter((concept) => concept.grade === person.grade).map((concept) => concept.id!);
    const chosen = shuffle(rng, ofGrade).slice(0, between(rng, 8, 15)).sort((a, b) => a - b);
    const practices: Practice[] = chosen.map((conceptId, i) => ({
      conceptId,
      bytes: shuffle(rng, DEMO.contentBytesOfConcept(conceptId)),
      introducedOn: days[Math.floor((i * days.length) / chosen.length)]!,
      budget: between(rng, 2, 6),
      state: INITIAL_STATE,
      attempts: 0,
      correct: 0,
      lastReviewedAt: new Date(0),
      dueAt: new Date(0),
    }));

    let answerNumber = 0;
    days.forEach((day, session) => {
      const dayStart = today + day * DAY_MS;
      const preferred = between(rng, 10 * 60, 17 * 60) * 60_000; // 13:00-20:00 in the Gulf
      // Today's session must have happened already, however early in the UTC day the seed runs.
      const start = day === 0 ? dayStart + Math.min(preferred, Math.floor((now.getTime() - dayStart) / 2)) : dayStart + preferred;
      const queue = [
        ...practices.filter((p) => p.attempts > 0 && p.attempts < p.budget && p.dueAt.getTime() <= start),
        // A new concept is learnt, then checked straight away.
        ...practices.filter((p) => p.introducedOn === day).flatMap((p) => [p, p]),
      ];

      const reading = between(rng, 30, 150) * 1_000;
      const steps = queue.map((practice) => {
        const contentByteId = practice.bytes[practice.attempts % practice.bytes.length]!;
        const chance = ability + 0.05 * practice.state.repetitions - 0.3 * (difficultyOf.get(contentByteId) ?? 0.5);
        const correct = rng() < Math.min(0.97, Math.max(0.15, chance));
        const responseTimeMs = correct ? between(rng, 2_500, 12_000) : between(rng, 4_000, 25_000);
        const quality = qualityOf({ correct, responseTimeMs });
        practice.state = review(practice.state, quality);
        practice.attempts++;
        if (correct) practice.correct++;
        const timeOnItem = responseTimeMs + between(rng, 15, 50) * 1_000; // reading the feedback too
        return { practice, contentByteId, correct, responseTimeMs, quality, timeOnItem, intervalDays: practice.state.intervalDays };
      });
      const wrapUp = between(rng, 10, 40) * 1_000;
      const span = reading + steps.reduce((sum, step) => sum + step.timeOnItem, 0) + wrapUp;
      const scale = Math.min(1, Math.max(0, now.getTime() - start) / span);
      const at = (offset: number) => new Date(start + Math.floor(offset * scale));
      const scaled = (ms: number) => Math.floor(ms * scale);

      const eventId = (what: string) => `seed-${userId}-s${session + 1}-${what}`;
      history.events.push(
        { userId, clientEventId: eventId('start'), type: 'SESSION_STARTED', occurredAt: at(0).toISOString(), durationMs: 0 },
        { userId, clientEventId: eventId('lesson'), type: 'LESSON_OPENED', occurredAt: at(0).toISOString(), durationMs: scaled(reading), conceptId: (queue[0] ?? practices[0]!).conceptId },
      );
      let offset = reading;
      for (const step of steps) {
        offset += step.timeOnItem;
        const answeredAt = at(offset);
        const clientEventId = `seed-${userId}-${++answerNumber}`;
        const { conceptId } = step.practice;
        history.answers.push({ userId, clientEventId, contentByteId: step.contentByteId, conceptId, correct: step.correct, quality: step.quality, responseTimeMs: step.responseTimeMs, answeredAt });
        history.events.push({ userId, clientEventId, type: 'ANSWER_SUBMITTED', occurredAt: answeredAt.toISOString(), durationMs: scaled(step.timeOnItem), conceptId, contentByteId: step.contentByteId, correct: step.correct });
        step.practice.lastReviewedAt = answeredAt;
        step.practice.dueAt = dueAt(answeredAt, step.intervalDays);
      }
      history.events.push({ userId, clientEventId: eventId('end'), type: 'SESSION_ENDED', occurredAt: at(span).toISOString(), durationMs: scaled(wrapUp) });
    });

    for (const p of practices) {
      if (p.attempts === 0) continue;
      history.memory.push({
        userId, conceptId: p.conceptId, ...p.state, attempts: p.attempts, correct: p.correct, lastReviewedAt: p.lastReviewedAt, dueAt: p.dueAt,
      });
    }
  }
  return history;
}
