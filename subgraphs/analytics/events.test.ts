import { describe, expect, it } from 'vitest';
import { validateEvents } from './events.js';
import { decodeQueuedEvent, readQueuedEvent } from '../../pipeline/event/queuedEvent.js';
import { MAX_ID } from '../../runtime/ids.js';
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
      receivedAt: '2025-03-10T12:00:00.000Z', correctedAt: '2025-03-10T11:59:00.000Z',
    }]);
  });

  it('queues ids up to 2^53 - 1, the largest the stores and the consumer hold exactly', () => {
    const { valid, rejections } = validateEvents(MAX_ID, [event({ type: 'ANSWER_SUBMITTED', conceptId: String(MAX_ID), contentByteId: String(MAX_ID), correct: true })], NOW);
    expect(rejections).toEqual([]);
    expect(valid[0]).toMatchObject({ userId: MAX_ID, conceptId: MAX_ID, contentByteId: MAX_ID });
  });

  it('rejects, with the consumer’s reason, an event the consumer could not decode (a viewer id past 2^53)', () => {
    const { valid, rejections } = validateEvents(2 ** 53, [event()], NOW);
    expect(valid).toEqual([]);
    expect(rejections).toEqual([{ index: 0, code: 'BAD_USER_INPUT', message: 'the event could not be processed: userId must be a positive integer of at most 2^53 - 1', retryable: false }]);
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
    { name: 'a negative durationMs', input: event({ durationMs: -1 }), message: /durationMs .* got -1/ },
    { name: 'durationMs over an hour', input: event({ durationMs: 3_600_001 }), message: /durationMs .* got 3600001/ },
    { name: 'an answer without conceptId', input: event({ type: 'ANSWER_SUBMITTED', correct: true }), message: /needs conceptId and correct; got conceptId null, correct true/ },
    { name: 'an answer without correct', input: event({ type: 'ANSWER_SUBMITTED', conceptId: '3' }), message: /got conceptId "3", correct null/ },
    { name: 'a conceptId of 0', input: event({ conceptId: '0' }), message: /conceptId must be a positive integer id of at most 9007199254740991; got "0"/ },
    { name: 'a conceptId of 2^53, past what the consumer decodes', input: event({ conceptId: '9007199254740992' }), message: /conceptId must be a positive integer id of at most 9007199254740991; got "9007199254740992"/ },
    { name: 'a contentByteId of 18 digits', input: event({ contentByteId: '123456789012345678' }), message: /contentByteId .* got "123456789012345678"/ },
    { name: 'a conceptId with a leading zero', input: event({ conceptId: '012' }), message: /conceptId .* got "012"/ },
    { name: 'a contentByteId that is not a number', input: event({ contentByteId: 'abc' }), message: /contentByteId must be a positive integer id of at most 9007199254740991; got "abc"/ },
  ])('rejects $name by index, keeping the rest of the batch', ({ input, message }) => {
    const { valid, rejections } = validateEvents(7, [event({ clientEventId: 'ok-1' }), input, event({ clientEventId: 'ok-2' })], NOW);
    expect(valid.map((e) => e.clientEventId)).toEqual(['ok-1', 'ok-2']);
    expect(rejections).toEqual([{ index: 1, code: 'BAD_USER_INPUT', message: expect.stringMatching(message), retryable: false }]);
  });

  it.each([
    { name: 'more than 8 attributes', input: event({ attributes: Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }), message: /at most 8 entries; got 9/ },
    { name: 'an attribute key with a dash', input: event({ attributes: [{ key: 'lesson-step', value: '2' }] }), message: /attribute keys must be .* got "lesson-step"/ },
    { name: 'a repeated attribute key', input: event({ attributes: [{ key: 'screen', value: 'a' }, { key: 'screen', value: 'b' }] }), message: /unique; got "screen" twice/ },
    { name: "a child's name as an attribute", input: event({ attributes: [{ key: 'childName', value: 'Sara' }] }), message: /"childName" names personal data \("child"\)/ },
    { name: 'an email as an attribute key', input: event({ attributes: [{ key: 'parent_email', value: 'x' }] }), message: /names personal data/ },
    { name: 'an email address as a value', input: event({ attributes: [{ key: 'note', value: 'mum@example.com' }] }), message: /"note" looks like an email address/ },
    { name: 'a phone number as a value', input: event({ attributes: [{ key: 'note', value: '+971 50 123 4567' }] }), message: /"note" looks like a phone number/ },
    { name: 'an IP address as a value', input: event({ attributes: [{ key: 'origin', value: '192.168.1.20' }] }), message: /"origin" looks like an IP address/ },
    { name: 'a value with a bidi override', input: event({ attributes: [{ key: 'screen', value: 'abc\u202Edef' }] }), message: /at most 64 printable characters/ },
    { name: 'a value of 65 characters', input: event({ attributes: [{ key: 'screen', value: 'x'.repeat(65) }] }), message: /at most 64 printable characters/ },
    { name: 'an event over 1 KiB', input: event({ attributes: Array.from({ length: 8 }, (_, i) => ({ key: `k${i}${'x'.repeat(30)}`, value: 'ب'.repeat(64) })) }), message: /at most 1024 bytes as JSON; got 1\d{3}/ },
  ])('rejects $name', ({ input, message }) => {
    const { valid, rejections } = validateEvents(7, [input], NOW);
    expect(valid).toEqual([]);
    expect(rejections).toEqual([{ index: 0, code: 'BAD_USER_INPUT', message: expect.stringMatching(message), retryable: false }]);
  });

  it('does not echo a value refused as personal data', () => {
    const { rejections } = validateEvents(7, [event({ attributes: [{ key: 'note', value: 'mum@example.com' }] })], NOW);
    expect(rejections[0]?.message).not.toContain('mum@example.com');
  });

  it('keeps product context that names nobody: screens, steps, versions, times of day', () => {
    const attributes = [{ key: 'screen', value: 'lesson-map' }, { key: 'step', value: '3' }, { key: 'appVersion', value: '2.14.1' }, { key: 'startedAt', value: '12:30:45' }];
    const { valid } = validateEvents(7, [event({ attributes })], NOW);
    expect(valid[0]?.attributes).toEqual({ screen: 'lesson-map', step: '3', appVersion: '2.14.1', startedAt: '12:30:45' });
  });

  it('reports the input index of each valid event', () => {
    expect(validateEvents(7, [event({ clientEventId: 'ok-1' }), event({ durationMs: -1 }), event({ clientEventId: 'ok-2' })], NOW).positions).toEqual([0, 2]);
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

describe('validateEvents with a device clock that is off', () => {
  const HOUR = 60 * MINUTE;
  const YEAR = 365 * DAY;
  /** The clock fields of an event the device dated `occurredAt`, in a call it stamped `sentAt`; the server receives the call at NOW. */
  const clockOf = (occurredAt: number, sentAt?: number) => {
    const { valid, rejections } = validateEvents(7, [event({ occurredAt: new Date(occurredAt) })], NOW, sentAt === undefined ? undefined : new Date(sentAt));
    expect(rejections).toEqual([]);
    const { occurredAt: device, sentAt: sent, receivedAt, correctedAt, clockClamped } = valid[0]!;
    return { occurredAt: device, sentAt: sent, receivedAt, correctedAt, clockClamped };
  };
  const iso = (at: number) => new Date(at).toISOString();

  it.each([
    { name: 'an hour ahead', offset: HOUR },
    { name: 'a day behind', offset: -DAY },
    { name: 'a year ahead', offset: YEAR },
    { name: 'a year behind', offset: -YEAR },
  ])('keeps an event of a clock $name, dated on the server clock by the call\'s sentAt', ({ offset }) => {
    // The event happened 10 minutes before the call; the device dates both by its own clock.
    expect(clockOf(NOW - 10 * MINUTE + offset, NOW + offset)).toEqual({
      occurredAt: iso(NOW - 10 * MINUTE + offset), sentAt: iso(NOW + offset), receivedAt: iso(NOW), correctedAt: iso(NOW - 10 * MINUTE), clockClamped: undefined,
    });
  });

  it('corrects an event the app kept offline for days by the clock offset at the send', () => {
    expect(clockOf(NOW - 3 * DAY + HOUR, NOW + HOUR)).toMatchObject({ correctedAt: iso(NOW - 3 * DAY), clockClamped: undefined });
  });

  it('takes occurredAt as it is when the call gives no sentAt', () => {
    expect(clockOf(NOW - 2 * DAY)).toEqual({ occurredAt: iso(NOW - 2 * DAY), sentAt: undefined, receivedAt: iso(NOW), correctedAt: iso(NOW - 2 * DAY), clockClamped: undefined });
  });

  it.each([
    { name: '6 minutes ahead without sentAt', occurredAt: NOW + 6 * MINUTE, sentAt: undefined },
    { name: 'a year ahead without sentAt', occurredAt: NOW + YEAR, sentAt: undefined },
    { name: 'after the send on the device\'s own clock', occurredAt: NOW + HOUR, sentAt: NOW },
  ])('keeps an event $name, clamped to its receipt and marked', ({ occurredAt, sentAt }) => {
    expect(clockOf(occurredAt, sentAt)).toMatchObject({ occurredAt: iso(occurredAt), receivedAt: iso(NOW), correctedAt: iso(NOW), clockClamped: 'future' });
  });

  it.each([
    { name: '31 days ago without sentAt', occurredAt: NOW - 31 * DAY, sentAt: undefined },
    { name: 'a year behind without sentAt', occurredAt: NOW - YEAR, sentAt: undefined },
    { name: '31 days before the send on a clock a day ahead', occurredAt: NOW - 30 * DAY, sentAt: NOW + DAY },
  ])('keeps an event $name, clamped to 30 days before its receipt and marked', ({ occurredAt, sentAt }) => {
    expect(clockOf(occurredAt, sentAt)).toMatchObject({ occurredAt: iso(occurredAt), correctedAt: iso(NOW - 30 * DAY), clockClamped: 'past' });
  });

  it('does not count the clock fields the server adds towards the 1 KiB of the event', () => {
    const attributes = Array.from({ length: 8 }, (_, i) => ({ key: `k${i}${'x'.repeat(30)}`, value: 'y'.repeat(64) }));
    const { valid, rejections } = validateEvents(7, [event({ attributes })], NOW, new Date(NOW));
    expect(rejections).toEqual([]);
    const { sentAt, receivedAt, correctedAt, ...appPart } = valid[0]!;
    expect(Buffer.byteLength(JSON.stringify(appPart))).toBeLessThanOrEqual(1024);
    expect(Buffer.byteLength(JSON.stringify(valid[0]))).toBeGreaterThan(1024);
  });
});

describe('decodeQueuedEvent', () => {
  it('reads back what the queue wrote', () => {
    const [queued] = validateEvents(7, [event({ type: 'ANSWER_SUBMITTED', conceptId: '3', correct: true })], NOW).valid;
    expect(decodeQueuedEvent(JSON.stringify(queued))).toEqual(queued);
  });

  it('reads an event queued before the clock fields existed as it is', () => {
    const old = { userId: 1, clientEventId: 'a', type: 'LESSON_OPENED', occurredAt: '2025-03-10T12:00:00.000Z', durationMs: 0 };
    expect(decodeQueuedEvent(JSON.stringify(old))).toEqual(old);
  });

  it('reads back a clamped event with its mark', () => {
    const [queued] = validateEvents(7, [event({ occurredAt: new Date(NOW + DAY) })], NOW).valid;
    expect(decodeQueuedEvent(JSON.stringify(queued))).toEqual({ ...queued, clockClamped: 'future' });
  });

  it.each([
    { name: 'a clock mark it does not know', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'LESSON_OPENED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0, clockClamped: 'sideways' }) },
    { name: 'a sentAt that is not a time', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'LESSON_OPENED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0, sentAt: 'soon' }) },
    { name: 'text that is not JSON', payload: '{nope' },
    { name: 'JSON that is not an object', payload: '42' },
    { name: 'an event without a user', payload: JSON.stringify({ clientEventId: 'a', type: 'LESSON_OPENED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0 }) },
    { name: 'an unknown type', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'DANCED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0 }) },
    { name: 'an answer without correct', payload: JSON.stringify({ userId: 1, clientEventId: 'a', type: 'ANSWER_SUBMITTED', occurredAt: '2025-03-10T12:00:00Z', durationMs: 0, conceptId: 3 }) },
    { name: 'a conceptId past 2^53', payload: '{"userId":1,"clientEventId":"a","type":"ANSWER_SUBMITTED","occurredAt":"2025-03-10T12:00:00Z","durationMs":0,"conceptId":9007199254740993,"correct":true}' },
  ])('returns null for $name', ({ payload }) => {
    expect(decodeQueuedEvent(payload)).toBeNull();
  });

  it('says why an event does not decode, for the dead letter', () => {
    expect(readQueuedEvent('{nope')).toEqual({ problem: 'not JSON' });
    expect(readQueuedEvent('[]')).toEqual({ problem: 'not a JSON object' });
    expect(readQueuedEvent('{"userId":1,"clientEventId":"a","type":"ANSWER_SUBMITTED","occurredAt":"2025-03-10T12:00:00Z","durationMs":0,"conceptId":123456789012345678,"correct":true}'))
      .toEqual({ problem: 'conceptId must be a positive integer of at most 2^53 - 1' });
  });
});
