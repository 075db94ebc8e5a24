import { describe, expect, it } from 'vitest';
import { decodeQueuedEvent, validateEvents } from './events.js';
import type { AnalyticsEventInput } from './generated/resolvers.js';

const NOW = Date.parse('2025-03-10T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const event = (overrides: Partial<AnalyticsEventInput> = {}): AnalyticsEventInput => ({
  clientEventId: 'device-1:42',
  type: 'LESSON_OPENED',
  occurredAt: new Date(NOW - MINUTE),
  durationMs: 30_000,
  ...overrides,
});

describe('validateEvents', () => {
  it('queues a valid event for the signed-in user, with ids as numbers and the time in UTC', () => {
    const { valid, rejections } = validateEvents(7, [event({ type: 'ANSWER_SUBMITTED', conceptId: '12', contentByteId: '120', correct: false })], NOW);
    expect(rejections).toEqual([]);
    expect(valid).toEqual([{
      userId: 7, clientEventId: 'device-1:42', type: 'ANSWER_SUBMITTED', occurredAt: '2025-03-10T11:59:00.000Z',
      durationMs: 30_000, conceptId: 12, contentByteId: 120, correct: false,
    }]);
  });

  it('reads a missing durationMs as 0', () => {
    const { valid } = validateEvents(7, [event({ durationMs: null })], NOW);
    expect(valid[0]?.durationMs).toBe(0);
  });

  it.each([
    { name: 'an empty clientEventId', input: event({ clientEventId: '' }), message: /clientEventId .* got ""/ },
    { name: 'a clientEventId with a space', input: event({ clientEventId: 'a b' }), message: /clientEventId .* got "a b"/ },
    { name: 'a clientEventId of 65 characters', input: event({ clientEventId: 'x'.repeat(65) }), message: /clientEventId .* got "x{65}"$/ },
    { name: 'a huge clientEventId, echoed shortened', input: event({ clientEventId: 'x'.repeat(10_000) }), message: /got "x{76}\.\.\.$/ },
    { name: 'occurredAt 6 minutes ahead', input: event({ occurredAt: new Date(NOW + 6 * MINUTE) }), message: /future; got "2025-03-10T12:06:00.000Z"/ },
    { name: 'occurredAt 31 days ago', input: event({ occurredAt: new Date(NOW - 31 * DAY) }), message: /last 30 days; got "2025-02-07T12:00:00.000Z"/ },
    { name: 'a negative durationMs', input: event({ durationMs: -1 }), message: /durationMs .* got -1/ },
    { name: 'durationMs over an hour', input: event({ durationMs: 3_600_001 }), message: /durationMs .* got 3600001/ },
    { name: 'an answer without conceptId', input: event({ type: 'ANSWER_SUBMITTED', correct: true }), message: /needs conceptId and correct; got conceptId null, correct true/ },
    { name: 'an answer without correct', input: event({ type: 'ANSWER_SUBMITTED', conceptId: '3' }), message: /got conceptId "3", correct null/ },
    { name: 'a conceptId of 0', input: event({ conceptId: '0' }), message: /conceptId must be a positive integer id; got "0"/ },
    { name: 'a contentByteId that is not a number', input: event({ contentByteId: 'abc' }), message: /contentByteId must be a positive integer id; got "abc"/ },
  ])('rejects $name by index, keeping the rest of the batch', ({ input, message }) => {
    const { valid, rejections } = validateEvents(7, [event({ clientEventId: 'ok-1' }), input, event({ clientEventId: 'ok-2' })], NOW);
    expect(valid.map((e) => e.clientEventId)).toEqual(['ok-1', 'ok-2']);
    expect(rejections).toEqual([{ index: 1, code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }]);
  });

  it('accepts occurredAt just inside both limits', () => {
    const { rejections } = validateEvents(7, [event({ occurredAt: new Date(NOW + 5 * MINUTE) }), event({ occurredAt: new Date(NOW - 30 * DAY) })], NOW);
    expect(rejections).toEqual([]);
  });

  it('fails a batch of more than 500 events as a whole', () => {
    const batch = Array.from({ length: 501 }, (_, i) => event({ clientEventId: `e${i}` }));
    expect(() => validateEvents(7, batch, NOW)).toThrow(expect.objectContaining({
      message: 'recordEvents accepts at most 500 events per call; got 501',
      extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    }));
  });
});

describe('decodeQueuedEvent', () => {
  it('reads back what the queue wrote', () => {
    const [queued] = validateEvents(7, [event({ type: 'ANSWER_SUBMITTED', conceptId: '3', correct: true })], NOW).valid;
    expect(decodeQueuedEvent(JSON.stringify(queued))).toEqual(queued);
  });

  it.each([
    { name: 'text that is not JSON', payload: '{nope' },
    { name: 'JSON that is not an object', payload: '42' },
    { name: 'an event without a user', payload: JSON.stringify({ clientEventId: 'a', type: 'LESSON_OPENED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0 }) },
    { name: 'an unknown type', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'DANCED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0 }) },
    { name: 'an answer without correct', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'ANSWER_SUBMITTED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0, conceptId: 3 }) },
  ])('returns null for $name', ({ payload }) => {
    expect(decodeQueuedEvent(payload)).toBeNull();
  });
});
