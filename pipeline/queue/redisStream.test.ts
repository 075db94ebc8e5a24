import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll } from 'vitest';
import { createRedisClient } from '../../runtime/clients/redis.js';
import { createLogger } from '../../runtime/observability/logger.js';
import { REDIS_URL } from '../../test/support/harness.js';
import { defineEventQueueSuite, MAX_ATTEMPTS } from '../../test/support/eventQueueSuite.js';
import { createRedisStreamQueue, redisStreamKeys } from './redisStream.js';
import type { EventQueue } from './types.js';

const silent = createLogger('silent');
const redis = createRedisClient(REDIS_URL, silent);
const deadRedis = createRedisClient('redis://127.0.0.1:1', silent);
const prefix = `test:${randomUUID().slice(0, 8)}:queue:`;
const opened: EventQueue[] = [];

beforeAll(async () => {
  if (redis.status !== 'ready') await once(redis, 'ready');
});

afterAll(async () => {
  for (const queue of opened) await queue.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  deadRedis.disconnect();
});

defineEventQueueSuite('the Redis stream', async () => {
  const keys = redisStreamKeys(`${prefix}${randomUUID().slice(0, 8)}:`);
  // A short idle time stands in for "the consumer holding it died a while ago".
  const queue = (consumer: string, client = redis) => {
    const created = createRedisStreamQueue(client, keys, { consumer, claimIdleMs: 300, maxAttempts: MAX_ATTEMPTS });
    opened.push(created);
    return created;
  };
  return { first: queue('first'), second: queue('second'), unreachable: queue('third', deadRedis) };
});
