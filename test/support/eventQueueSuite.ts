/**
 * The conformance specs every analytics queue passes (pipeline/queue/types.ts), run
 * over the Redis stream and over SQS by their own spec files.
 */
import { describe, expect, it } from 'vitest';
import { QueueSendError, type Delivery, type EventQueue } from '../../pipeline/queue/index.js';

/** A fresh, empty queue seen by two consumers, dead-lettering after `MAX_ATTEMPTS` content failures. */
export interface QueueUnderTest {
  first: EventQueue;
  /** Another consumer of the same queue (another process, another Lambda container). */
  second: EventQueue;
  /** The same kind of queue at an address where nothing answers. */
  unreachable: EventQueue;
}

export const MAX_ATTEMPTS = 3;

/** Receives until `count` deliveries arrived (or `rounds` receives came back empty). */
async function receiveAll(queue: EventQueue, count: number, rounds = 20): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let empty = 0; deliveries.length < count && empty < rounds;) {
    const batch = await queue.receive({ max: count - deliveries.length, waitMs: 200 });
    if (batch.length === 0) empty++;
    deliveries.push(...batch);
  }
  return deliveries;
}

export function defineEventQueueSuite(name: string, fresh: () => Promise<QueueUnderTest>): void {
  describe(`${name} (queue conformance)`, () => {
    it('delivers every message sent, once acknowledged never again', async () => {
      const { first } = await fresh();
      const bodies = Array.from({ length: 25 }, (_, i) => `{"n":${i}}`);

      await first.send(bodies);
      const deliveries = await receiveAll(first, 25);
      await first.ack(deliveries);

      expect(deliveries.map((d) => d.body).sort()).toEqual([...bodies].sort());
      expect(deliveries.every((d) => d.attempt === 1)).toBe(true);
      expect(await first.receive({ max: 10, waitMs: 0 })).toEqual([]);
      expect(await first.depth()).toEqual({ waiting: 0, deadLetters: 0 });
    });

    it('counts sent and unacknowledged messages as waiting', async () => {
      const { first } = await fresh();
      await first.send(['a', 'b', 'c']);
      const [delivery] = await receiveAll(first, 1);
      await first.ack([delivery!]);

      expect(await first.depth()).toEqual({ waiting: 2, deadLetters: 0 });
    });

    it('delivers a message again, to another consumer, when the one holding it dies before the ack', async () => {
      const { first, second } = await fresh();
      await first.send(['crash-me']);
      const [held] = await receiveAll(first, 1);

      // `first` is gone: it neither acknowledges nor hands the message back.
      let again: Delivery[] = [];
      await expect.poll(async () => (again = await second.receive({ max: 10, waitMs: 200 })), { timeout: 15_000, interval: 100 }).toHaveLength(1);
      await second.ack(again);

      expect(held?.body).toBe('crash-me');
      expect(again[0]?.body).toBe('crash-me');
      expect(await second.depth()).toEqual({ waiting: 0, deadLetters: 0 });
    });

    it(`dead-letters a message after ${MAX_ATTEMPTS} failed attempts while the rest of its batch goes through`, async () => {
      const { first } = await fresh();
      await first.send(['good-1', 'poison', 'good-2']);
      const effects: string[] = [];
      const done: string[] = [];

      for (let round = 0; round < 10 && effects.at(-1) !== 'dead-lettered'; round++) {
        const deliveries = await first.receive({ max: 10, waitMs: 500 });
        const poison = deliveries.filter((d) => d.body === 'poison');
        const good = deliveries.filter((d) => d.body !== 'poison');
        await first.ack(good);
        done.push(...good.map((d) => d.body));
        for (const delivery of poison) effects.push(`${delivery.attempt}:${await first.retryLater(delivery, 'cannot be decoded')}`);
      }

      expect(done.sort()).toEqual(['good-1', 'good-2']);
      expect(effects).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => `${i + 1}:${i + 1 < MAX_ATTEMPTS ? 'retrying' : 'dead-lettered'}`));
      // SQS moves the message when it would be received again.
      expect(await first.receive({ max: 10, waitMs: 0 })).toEqual([]);
      await expect.poll(() => first.depth(), { timeout: 5_000 }).toEqual({ waiting: 0, deadLetters: 1 });
    });

    it('redrives dead letters back onto the queue, each once, with fresh attempts', async () => {
      const { first } = await fresh();
      await first.send(['poison']);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const [delivery] = await receiveAll(first, 1);
        await first.retryLater(delivery!, 'a bug in the consumer');
      }
      expect(await first.receive({ max: 10, waitMs: 0 })).toEqual([]);
      await expect.poll(() => first.depth(), { timeout: 5_000 }).toEqual({ waiting: 0, deadLetters: 1 });

      const moved = await first.redrive();
      const [redriven] = await receiveAll(first, 1);

      expect(moved).toBe(1);
      expect(redriven).toMatchObject({ body: 'poison', attempt: 1 });
      expect(await first.redrive()).toBe(0);
    });

    it('names every message it could not send when the queue is unreachable', async () => {
      const { unreachable } = await fresh();
      const sending = unreachable.send(['a', 'b', 'c']);
      await expect(sending).rejects.toBeInstanceOf(QueueSendError);
      await expect(sending).rejects.toMatchObject({ unsent: [0, 1, 2] });
    });
  });
}
