/**
 * The contract between `recordEvents` and the consumer: every event the producer accepts, the
 * consumer decodes as it was accepted and processes (rollups and lake), so nothing the client was
 * told was kept is dead-lettered. The events are generated (seeded, the same on every run) over
 * the whole input space, edge values first: ids at 1 and 2^53 - 1 and just past it, 16 to 18
 * digits, times at year 0000 and 9999, the longest ids, attributes and values the rules allow.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { createLogger } from '../../runtime/observability/logger.js';
import { MAX_ID } from '../../runtime/ids.js';
import { between, pick, prng, type Rng } from '../../seed/random.js';
import { MAX_ATTRIBUTES, validateEvents } from './events.js';
import { decodeQueuedEvent, EVENT_TYPES, MAX_DURATION_MS, type QueuedEvent } from '../../pipeline/event/queuedEvent.js';
import type { AnalyticsEventInput } from './generated/resolvers.js';
import { analyticsTables } from '../../pipeline/tables.js';
import { useTestDatabase } from '../../test/support/harness.js';
import { createDirectoryLake } from '../../pipeline/lake/directory.js';
import { createBatchProcessor } from '../../pipeline/processor.js';
import type { Delivery } from '../../pipeline/queue/index.js';

const apps = useTestDatabase();
const lakeDir = mkdtempSync(join(tmpdir(), 'lg-contract-'));
afterAll(() => rmSync(lakeDir, { recursive: true, force: true }));

const NOW = Date.parse('2026-11-20T12:00:00Z');
const BATCHES = 40;
const CLIENT_ID_CHARS = 'ABCXYZabcxyz0189_.:-';

/** Ids as a client might send them: edges of the range, every length, and the malformed. */
const ID_EDGES = ['1', '9', '10', String(MAX_ID), String(MAX_ID - 1), String(MAX_ID + 1), '9007199254740993', '9999999999999999', '123456789012345678', '999999999999999999', '0', '01', '-1', '1e3', ' 1', '1.0', 'abc'];
const anId = (rng: Rng) => (rng() < 0.5 ? pick(rng, ID_EDGES) : String(between(rng, 1, 9)) + '0'.repeat(between(rng, 0, 17)).replace(/0/g, () => String(between(rng, 0, 9))));
const maybe = <T>(rng: Rng, value: () => T): T | null => (rng() < 0.4 ? null : value());

const TIME_EDGES = ['0000-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-11-20T12:00:00Z', '2026-10-21T12:00:00Z', '2026-10-21T11:59:59Z', '2026-11-20T12:00:00.001Z', '2026-11-21T00:00:00+14:00'];
const aTime = (rng: Rng) => new Date(rng() < 0.5 ? pick(rng, TIME_EDGES) : NOW - between(rng, -3, 60) * 86_400_000 + between(rng, 0, 86_399_999));

const VALUE_EDGES = ['', 'x'.repeat(64), 'ب'.repeat(64), 'دَرْس ٣', '🦄'.repeat(16), 'level-2', 'x'.repeat(65), 'a\u200Bb', 'a\nb'];
const anAttributeValue = (rng: Rng) => (rng() < 0.6 ? pick(rng, VALUE_EDGES) : Array.from({ length: between(rng, 0, 64) }, () => pick(rng, ['a', 'Z', '9', ' ', 'ع', 'é', '-', '😀'])).join(''));
/** Unique within an event (by its position), up to the longest key the rules allow (32 characters). */
const aKey = (rng: Rng, i: number) => pick(rng, [`screen${i}`, `k${i}`, `a${'b'.repeat(30)}${i}`, `lessonStep_${i}`]);

function anEvent(rng: Rng, index: number): AnalyticsEventInput {
  const length = rng() < 0.2 ? 64 : between(rng, 1, 20);
  const clientEventId = rng() < 0.02 ? 'bad id' : `${index}-${Array.from({ length }, () => pick(rng, [...CLIENT_ID_CHARS])).join('')}`.slice(0, 64);
  return {
    clientEventId,
    type: pick(rng, EVENT_TYPES),
    occurredAt: aTime(rng),
    durationMs: rng() < 0.3 ? pick(rng, [null, 0, 1, MAX_DURATION_MS, MAX_DURATION_MS + 1]) : between(rng, 0, MAX_DURATION_MS),
    conceptId: maybe(rng, () => anId(rng)),
    contentByteId: maybe(rng, () => anId(rng)),
    correct: maybe(rng, () => rng() < 0.5),
    attributes: maybe(rng, () => Array.from({ length: between(rng, 0, MAX_ATTRIBUTES) }, (_, i) => ({ key: aKey(rng, i), value: anAttributeValue(rng) }))),
  };
}

/** Batches of generated events, each from one viewer (at the edges of the id range too), with and without the device's send time. */
function generatedBatches() {
  const rng = prng(24);
  return Array.from({ length: BATCHES }, (_, b) => ({
    userId: pick(rng, [1, 2, 1000 + b, MAX_ID]),
    sentAt: rng() < 0.5 ? null : aTime(rng),
    inputs: Array.from({ length: between(rng, 1, 120) }, (_, i) => anEvent(rng, b * 1000 + i)),
  }));
}

const accepted = generatedBatches().map(({ userId, sentAt, inputs }) => ({ inputs, ...validateEvents(userId, inputs, NOW, sentAt) }));
const acceptedEvents: QueuedEvent[] = accepted.flatMap((batch) => batch.valid);

describe('the events recordEvents accepts', () => {
  it('cover the edges: the largest ids, the oldest and newest times, full attributes', () => {
    const inputs = accepted.flatMap((batch) => batch.inputs).length;
    expect(inputs).toBeGreaterThan(2_000);
    expect(acceptedEvents.length).toBeGreaterThan(inputs / 5);
    expect(acceptedEvents.some((event) => event.conceptId === MAX_ID)).toBe(true);
    expect(acceptedEvents.some((event) => event.contentByteId === MAX_ID)).toBe(true);
    expect(acceptedEvents.some((event) => event.userId === MAX_ID)).toBe(true);
    expect(acceptedEvents.some((event) => event.occurredAt.startsWith('0000-'))).toBe(true);
    expect(acceptedEvents.some((event) => event.occurredAt.startsWith('9999-'))).toBe(true);
    expect(acceptedEvents.some((event) => Object.keys(event.attributes ?? {}).length === MAX_ATTRIBUTES)).toBe(true);
    expect(acceptedEvents.some((event) => event.clientEventId.length === 64)).toBe(true);
    expect(acceptedEvents.some((event) => event.clockClamped === 'past') && acceptedEvents.some((event) => event.clockClamped === 'future')).toBe(true);
  });

  it('hold no id the consumer could not hold: every event with an id past 2^53 - 1 was rejected', () => {
    const pastRange = accepted.flatMap(({ inputs, rejections }) => inputs.flatMap((input, index) =>
      [input.conceptId, input.contentByteId].some((id) => id != null && /^\d+$/.test(id) && BigInt(id) > BigInt(MAX_ID))
        ? [rejections.find((rejection) => rejection.index === index)]
        : []));
    expect(pastRange.length).toBeGreaterThan(50);
    for (const rejection of pastRange) expect(rejection).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    const forTheId = pastRange.filter((rejection) => /Id must be a positive integer id of at most 9007199254740991; got "\d{16,}"/.test(rejection!.message));
    expect(forTheId.length).toBeGreaterThan(20);
  });

  it('each decode, from the JSON the queue carries, as exactly what was accepted', () => {
    const undecodable = acceptedEvents.filter((event) => {
      const decoded = decodeQueuedEvent(JSON.stringify(event));
      return decoded === null || JSON.stringify(decoded) !== JSON.stringify(event);
    });
    expect(undecodable).toEqual([]);
  });

  it('are all processed by the consumer: rolled up once each and written to the lake, none failed', async () => {
    const { deps } = apps.runtime();
    const lake = createDirectoryLake(lakeDir, 'events/', createLogger('silent'));
    const processor = createBatchProcessor(deps, lake, createLogger('silent'));
    const deliveries: Delivery[] = acceptedEvents.map((event, i) => ({ id: `d-${i}`, body: JSON.stringify(event), attempt: 1, handle: `h-${i}` }));

    const { done, failed } = await processor(deliveries);

    expect(failed.map((f) => f.reason)).toEqual([]);
    expect(done).toHaveLength(deliveries.length);
    const distinct = new Set(acceptedEvents.map((event) => `${event.userId}:${event.clientEventId}`)).size;
    const { processedEvents } = analyticsTables(deps.app);
    const [rows] = await deps.db.select({ n: count() }).from(processedEvents);
    expect(rows?.n).toBe(distinct);
  });
});
