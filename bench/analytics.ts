/**
 * `npm run bench:analytics`: 100,000 analytics events through `recordEvents` in calls of 100, one
 * event in ten a resend, while the Redis stream's server (its own, on a free port of 127.0.0.1) is
 * killed once half way and started again; the consumer runs alongside. It waits for the consumer
 * to catch up, prints the figures, and fails unless every distinct event sent is stored exactly once.
 * Events are dated over the 8 hours before the run, so it passes at any hour; one student's tablet
 * in ten runs an hour fast and one a day slow, each call stamped `sentAt` by that clock, and the run
 * fails if any event had to be clamped (its device clock was not corrected).
 *
 * Bounded: a fixed number of calls, a wait of at most `DRAIN_TIMEOUT_MS`, and a guard that ends the
 * run after `RUN_TIMEOUT_MS`. Everything runs on 127.0.0.1: the shared MariaDB (a database of its
 * own, dropped at the end) and the bench's own redis-server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { execute, parse } from 'graphql';
import { count, isNotNull, sum } from 'drizzle-orm';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { DEFAULT_ANALYTICS } from '../runtime/config.js';
import { createLogger } from '../runtime/observability/logger.js';
import { signContext } from '../runtime/security/signedContext.js';
import type { SubgraphModule } from '../runtime/subgraph/contract.js';
import { contextFromSignedHeader } from '../runtime/subgraph/signIn.js';
import { subgraphSchema } from '../runtime/subgraph/schema.js';
import { analytics } from '../subgraphs/analytics/index.js';
import { createEventConsumer } from '../pipeline/consumer.js';
import { outboxSize } from '../pipeline/relay.js';
import { eventQueueFor } from '../pipeline/queue/index.js';
import { analyticsTables } from '../pipeline/tables.js';
import { createTestDatabase } from '../test/support/database.js';
import { startOwnRedis } from '../test/support/redisServer.js';

const CALLS = 1_000;
const EVENTS_PER_CALL = 100;
const RESENDS_PER_CALL = 10;
const STUDENTS = 200;
const SENDERS = 8;
/** The Redis server is killed when this many calls have answered, and started again this many calls later. */
const CUT_AT_CALL = CALLS / 2;
const CUT_FOR_CALLS = 60;
const DRAIN_TIMEOUT_MS = 180_000;
const RUN_TIMEOUT_MS = 600_000;
const SECRET = 'bench-context-secret';

const guard = setTimeout(() => {
  console.error(`bench:analytics: gave up after ${RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
guard.unref();

const RECORD = parse('mutation($e: [AnalyticsEventInput!]!, $sentAt: DateTime) { recordEvents(events: $e, sentAt: $sentAt) { accepted duplicate rejected } }');
const HOUR = 3_600_000;
/** Events happened over the 8 hours before the run (one a second), on the server's clock: in the past at any hour. */
const SPAN_SECONDS = 8 * 3_600;
const firstEventAt = Date.now() - SPAN_SECONDS * 1_000;
/** How far a student's tablet clock is off: one in ten an hour fast, one in ten a day slow, the rest right. */
const clockAhead = (student: number) => (student % 10 === 1 ? HOUR : student % 10 === 2 ? -24 * HOUR : 0);

/** The calls to make: each one student's 90 new events and 10 it sent before (or repeats within the call, the first time). */
function plannedCalls(): { student: number; events: Record<string, unknown>[] }[] {
  const sentBy = new Map<number, Record<string, unknown>[]>();
  let next = 0;
  return Array.from({ length: CALLS }, (_, call) => {
    const student = 1 + (call % STUDENTS);
    const fresh = Array.from({ length: EVENTS_PER_CALL - RESENDS_PER_CALL }, () => {
      const n = next++;
      // As the student's tablet dates it.
      const occurredAt = new Date(firstEventAt + (n % SPAN_SECONDS) * 1_000 + clockAhead(student)).toISOString();
      return n % 4 === 0
        ? { clientEventId: `bench-${n}`, type: 'ANSWER_SUBMITTED', occurredAt, durationMs: 5_000 + (n % 20) * 1_000, conceptId: String(1 + (n % 100)), correct: n % 3 !== 0 }
        : { clientEventId: `bench-${n}`, type: 'LESSON_OPENED', occurredAt, durationMs: 30_000 };
    });
    const earlier = sentBy.get(student) ?? fresh;
    const resends = Array.from({ length: RESENDS_PER_CALL }, (_, i) => earlier[(call * 7 + i * 13) % earlier.length]!);
    sentBy.set(student, [...(sentBy.get(student) ?? []), ...fresh]);
    return { student, events: [...fresh, ...resends] };
  });
}

const database = await createTestDatabase();
const ownRedis = await startOwnRedis();
const lakeDir = mkdtempSync(join(tmpdir(), 'lg-bench-lake-'));
const runtime = createAppRuntime({
  app: 'amal', databaseUrl: database.url, redisUrl: ownRedis.url, redisKeyPrefix: `bench:${randomUUID().slice(0, 8)}:`,
  contextSecrets: [SECRET], logLevel: 'silent', databasePool: { connectionLimit: 20, queueLimit: 1_000, queryTimeoutMs: 10_000 },
  analytics: { ...DEFAULT_ANALYTICS, lake: { kind: 'directory', dir: lakeDir } },
}, { logger: createLogger('silent') });
let failed = false;

try {
  const { deps } = runtime;
  const schema = subgraphSchema(analytics as SubgraphModule<never>);
  const record = async (student: number, events: Record<string, unknown>[]) => {
    const header = signContext({ viewer: { kind: 'user', userId: String(student), role: 'STUDENT' }, app: 'amal', requestId: randomUUID() }, { audience: analytics.name, secret: SECRET });
    // Stamped at the send by the tablet's clock, as an SDK does.
    const sentAt = new Date(Date.now() + clockAhead(student)).toISOString();
    const result = await execute({ schema, document: RECORD, contextValue: contextFromSignedHeader(analytics, deps, header), variableValues: { e: events, sentAt } });
    if (result.errors?.length) throw new Error(`recordEvents failed: ${result.errors[0]!.message}`);
    return (result.data as { recordEvents: { accepted: number; duplicate: number; rejected: number } }).recordEvents;
  };

  const stopping = new AbortController();
  const consuming = createEventConsumer(deps, { batchSize: 500, blockMs: 500, retryMs: 250 }).run(stopping.signal);

  const calls = plannedCalls();
  const totals = { accepted: 0, duplicate: 0, rejected: 0, answered: 0 };
  let cut: Promise<void> = Promise.resolve();
  let nextCall = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, async () => {
    while (nextCall < calls.length) {
      const { student, events } = calls[nextCall++]!;
      const answer = await record(student, events);
      totals.accepted += answer.accepted;
      totals.duplicate += answer.duplicate;
      totals.rejected += answer.rejected;
      totals.answered++;
      if (totals.answered === CUT_AT_CALL) cut = ownRedis.stop();
      if (totals.answered === CUT_AT_CALL + CUT_FOR_CALLS) cut = cut.then(() => ownRedis.start());
    }
  }));
  const sendSeconds = (performance.now() - started) / 1000;
  await cut;
  const heldInOutbox = await outboxSize(deps);

  const queue = eventQueueFor(deps)!;
  const lag = async () => (await queue.depth().then((d) => d.waiting).catch(() => Number.NaN)) + (await outboxSize(deps));
  const drainStarted = performance.now();
  while ((await lag()) !== 0 && performance.now() - drainStarted < DRAIN_TIMEOUT_MS) await sleep(250);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  const finalLag = await lag();
  stopping.abort();
  await consuming;

  const { processedEvents, activityDays } = analyticsTables('amal');
  const [stored] = await deps.db.select({ n: count() }).from(processedEvents);
  const [counted] = await deps.db.select({ n: sum(activityDays.events).mapWith(Number) }).from(activityDays);
  const [clamped] = await deps.db.select({ n: count() }).from(processedEvents).where(isNotNull(processedEvents.clockClamped));
  const sentDistinct = CALLS * (EVENTS_PER_CALL - RESENDS_PER_CALL);
  const sends = CALLS * EVENTS_PER_CALL;

  console.log(`events sent            ${sends} in ${CALLS} calls of ${EVENTS_PER_CALL} (${RESENDS_PER_CALL} resends each), ${SENDERS} callers at once`);
  console.log(`redis                  killed after call ${CUT_AT_CALL}, started again after call ${CUT_AT_CALL + CUT_FOR_CALLS}; ${heldInOutbox} events were in the outbox when sending ended`);
  console.log(`answers                accepted ${totals.accepted}, duplicate ${totals.duplicate}, rejected ${totals.rejected}`);
  console.log(`events/s accepted      ${Math.round(sends / sendSeconds)} (${sendSeconds.toFixed(1)} s for all calls)`);
  console.log(`consumer lag at end    ${finalLag} (caught up ${drainSeconds.toFixed(1)} s after the last call)`);
  console.log(`sent distinct = stored distinct: ${sentDistinct} = ${stored?.n} (rollups count ${counted?.n})`);
  console.log(`device clocks          1 student in 10 an hour fast, 1 in 10 a day slow; events clamped ${clamped?.n}`);
  failed = totals.rejected !== 0 || finalLag !== 0 || stored?.n !== sentDistinct || counted?.n !== sentDistinct || clamped?.n !== 0;
  if (failed) console.error('bench:analytics FAILED: events were lost, counted twice, left waiting, or dated by an uncorrected clock');
} catch (error) {
  failed = true;
  console.error('bench:analytics FAILED:', error);
} finally {
  await runtime.close();
  await ownRedis.dispose();
  await database.drop();
  rmSync(lakeDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
