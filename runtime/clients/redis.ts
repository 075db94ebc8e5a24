/**
 * The Redis client for the L2 cache and the analytics stream.
 *
 * Redis is an accelerator, never a dependency: short timeouts and no offline queue, so a Redis that
 * is down or slow turns into a fast error the callers treat as a cache miss.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';

export function createRedisClient(url: string, logger: Logger, options: { commandTimeoutMs?: number } = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    commandTimeout: options.commandTimeoutMs ?? 250,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn('redis.unavailable', { url: url.replace(/\/\/[^@]*@/, '//***@'), message: error.message, effect: 'running without the Redis tier' });
  });
  redis.on('ready', () => {
    if (down) logger.info('redis.recovered', {});
    down = false;
  });
  return redis;
}
