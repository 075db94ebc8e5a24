/** `npm run analytics:redrive`: after a fix, moves the analytics dead letters of APP_NAME back onto the queue. */
import { once } from 'node:events';
import { createAppRuntime } from '../runtime/container/appDeps.js';
import { eventQueueFor } from '../pipeline/queue/index.js';
import { configOrExit, exitWith } from './cli.js';

const config = configOrExit();
const runtime = createAppRuntime(config);
try {
  const { redis } = runtime.deps;
  // The client queues nothing while it connects; the Redis queue needs it ready.
  if (config.analytics.queue.kind === 'redis' && redis && redis.status !== 'ready') {
    await once(redis, 'ready', { signal: AbortSignal.timeout(3_000) }).catch(() => exitWith(`Cannot reach Redis at REDIS_URL, where the analytics queue of "${config.app}" is.`));
  }
  const queue = eventQueueFor(runtime.deps);
  if (!queue) exitWith(`The analytics queue of "${config.app}" is the Redis stream, and no Redis is configured.`);
  const before = await queue.depth();
  const moved = await queue.redrive();
  console.log(`${config.app}: moved ${moved} dead letter(s) back to the ${queue.kind} queue (${before.deadLetters} were waiting); the consumer counts each event once.`);
  await queue.close();
} finally {
  await runtime.close();
}
