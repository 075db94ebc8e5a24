export type { Delivery, EventQueue, QueueDepth } from './types.js';
export { QueueSendError, unsentOf } from './types.js';
export { createRedisStreamQueue, redisStreamKeys, type RedisStreamKeys, type RedisStreamQueueOptions } from './redisStream.js';
// The SQS queue (./sqs.js) is not re-exported: eventQueueFor imports it, and the AWS SDK, on first use.
export { analyticsStreamKeys, eventQueueFor } from './eventQueueFor.js';
