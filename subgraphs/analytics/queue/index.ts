export type { Delivery, EventQueue, QueueDepth } from './types.js';
export { QueueSendError, unsentOf } from './types.js';
export { createRedisStreamQueue, redisStreamKeys, type RedisStreamKeys, type RedisStreamQueueOptions } from './redisStream.js';
export { createSqsQueue, type SqsQueueOptions } from './sqs.js';
export { analyticsStreamKeys, eventQueueFor } from './eventQueueFor.js';
